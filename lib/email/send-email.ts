import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { Resend } from 'resend';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { documents, interactionAttachments, interests, outgoingEmails } from '@/db/schema';
import type { Sender } from '@/emails/Letter';
import { letterText, renderLetter } from '@/emails/render';
import { type Actor, canEditDocument } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { logInteraction, MAX_ATTACHMENTS } from '@/lib/crm/interactions';
import { printFormsOf } from '@/lib/documents/kinds';
import { DocumentForbiddenError, lockDocument } from '@/lib/documents/posting';
import { printFormats, renderDocumentAttachments } from '@/lib/print/document-attachments';
import { printKinds } from '@/lib/print/print-form';
import {
  type FieldErrors,
  fieldErrors,
  recipientList,
  requiredId,
  requiredText,
} from '@/lib/validation/fields';
import { forbidden, type Refusal } from '@/lib/validation/result';
import { type DocumentLetter, loadDocumentLetter } from './compose';
import { emailTemplateKeys, emailTemplates, letterFor } from './templates';

export type EmailStatus = (typeof outgoingEmails.$inferSelect)['status'];
/** Who sends: the signed-in user, who signs the letter and must be allowed to change the document. */
export type EmailActor = Actor & { name: string; email: string };

const DEFAULT_FROM = 'Torg <sales@torg.local>';
/** A letter to a client, not a mailing: more addresses are refused (the message says 50). */
const MAX_RECIPIENTS = 50;

const sendSchema = z.object({
  documentId: requiredId,
  template: z.enum(emailTemplateKeys, { error: 'required' }),
  // A form sends one line ("a@x.ru, b@y.ru"), code may send a list.
  to: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v.join(',') : v))
    .pipe(recipientList(MAX_RECIPIENTS))
    .refine((list) => list.length > 0, 'no_email'),
  subject: requiredText,
  body: z.string({ error: 'required' }).trim().min(1, 'required').max(20_000, 'too_long'),
  attachments: z
    .array(z.object({ form: z.enum(printKinds), format: z.enum(printFormats) }))
    .max(MAX_ATTACHMENTS, 'too_many_files')
    .default([]),
});

export type QueueResult =
  | { ok: true; emailId: number; interactionId: number }
  | { ok: false; errors: FieldErrors }
  | Refusal;

/**
 * Writes a document's letter to send: the outgoing interaction in the feed with the chosen print forms
 * attached, the email row (queued, HTML rendered) and, for an offer still in draft, its status «sent» —
 * in one transaction. Nothing is written when the input is refused (no recipient address: `no_email`).
 * Delivery is separate, after commit: deliverEmail.
 */
export async function queueDocumentEmail(
  db: DbOrTx,
  input: unknown,
  actor: EmailActor,
): Promise<QueueResult> {
  const parsed = sendSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { documentId, template, to, subject, body } = parsed.data;
  const letter = await loadDocumentLetter(db, documentId);
  if (!letter || letter.status === 'deleted') return { ok: false, errors: { documentId: 'not_found' } };
  const kind = letter.document.kind;
  if (!emailTemplates[template].kinds.includes(kind)) return { ok: false, errors: { template: 'invalid' } };
  const choices = parsed.data.attachments.filter(
    (c, i, all) => all.findIndex((o) => o.form === c.form && o.format === c.format) === i,
  );
  if (choices.some((c) => !printFormsOf(kind).includes(c.form)))
    return { ok: false, errors: { attachments: 'invalid' } };

  // Rendering reads only: done before the transaction so that it stays short.
  const [files, html] = await Promise.all([
    choices.length > 0 ? renderDocumentAttachments(db, documentId, choices) : [],
    renderLetter(letterFor(template, letter, body, signature(actor, letter.organization))),
  ]);
  return db.transaction(async (tx): Promise<QueueResult> => {
    // Sending changes the document (an offer becomes «sent»): the sender is held to the access rule.
    const allowed = await lockDocument(tx, documentId, actor).then(
      () => true,
      (error) => {
        if (error instanceof DocumentForbiddenError) return false;
        throw error;
      },
    );
    if (!allowed) return forbidden();
    // The interaction publishes `interest:N`, so the open interest card shows the letter at once.
    const logged = await logInteraction(
      tx,
      {
        kind: 'email',
        direction: 'outgoing',
        partnerId: letter.partnerId,
        contactId: letter.contactId,
        interestId: letter.interestId,
        subject,
        body,
        processed: true,
      },
      actor,
      files,
    );
    if (!logged.ok) return logged;
    const [email] = await tx
      .insert(outgoingEmails)
      .values({
        interactionId: logged.id,
        documentId,
        template,
        fromAddress: fromAddress(letter.organization),
        to,
        subject,
        body,
        html,
        messageId: newMessageId(fromAddress(letter.organization)),
        authorId: actor.id,
      })
      .returning({ id: outgoingEmails.id });
    // Sending an offer is what makes it sent (its kind is the one with a status with the client).
    if (letter.offerStatus === 'draft') {
      await tx
        .update(documents)
        .set({ offerStatus: 'sent', version: sql`${documents.version} + 1`, updatedAt: new Date() })
        .where(and(eq(documents.id, documentId), eq(documents.offerStatus, 'draft')));
    }
    await writeAudit(tx, {
      userId: actor.id,
      action: 'queue',
      entity: 'outgoing_email',
      entityId: email!.id,
      data: { documentId, template, to, attachments: choices },
    });
    return { ok: true as const, emailId: email!.id, interactionId: logged.id };
  });
}

/**
 * Delivers a queued or failed email: through Resend when RESEND_API_KEY is set (sent, or failed with the
 * error kept for a retry), else into the local outbox. Safe to call twice or concurrently: the claiming
 * UPDATE locks the row until the outcome is written, so a second call waits and then finds nothing to
 * do; Resend's idempotency key covers a send whose outcome was lost (crash before commit).
 * Returns the email's status, null when there is no such email.
 */
export async function deliverEmail(db: DbOrTx, emailId: number): Promise<EmailStatus | null> {
  return db.transaction(async (tx) => {
    const [email] = await tx
      .update(outgoingEmails)
      .set({ updatedAt: new Date() })
      .where(and(eq(outgoingEmails.id, emailId), inArray(outgoingEmails.status, ['queued', 'failed'])))
      .returning();
    if (!email) {
      const [row] = await tx
        .select({ status: outgoingEmails.status })
        .from(outgoingEmails)
        .where(eq(outgoingEmails.id, emailId));
      return row?.status ?? null;
    }
    const key = process.env.RESEND_API_KEY;
    if (!key) {
      await tx
        .update(outgoingEmails)
        .set({ status: 'outbox', error: null })
        .where(eq(outgoingEmails.id, emailId));
      return 'outbox';
    }
    const files = await tx
      .select()
      .from(interactionAttachments)
      .where(eq(interactionAttachments.interactionId, email.interactionId))
      .orderBy(asc(interactionAttachments.id));
    let outcome: { providerId: string; error: null } | { providerId: null; error: string };
    try {
      // The SDK reports most failures as `error` rather than throwing; a throw is a failure too.
      const { data, error } = await new Resend(key).emails.send(
        {
          from: email.fromAddress,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: letterText(email.html),
          // Our own Message-ID: the client's reply names it, and lands on this letter's interest (lib/mail).
          headers: { ...email.headers, ...(email.messageId ? { 'Message-ID': email.messageId } : {}) },
          attachments: files.map((f) => ({
            filename: f.fileName,
            content: f.content,
            contentType: f.contentType,
          })),
        },
        // The creation moment keeps keys apart between databases sharing one Resend account.
        { idempotencyKey: `outgoing-email/${email.id}/${email.createdAt.getTime()}` },
      );
      outcome = data ? { providerId: data.id, error: null } : { providerId: null, error: failureText(error) };
    } catch (thrown) {
      outcome = { providerId: null, error: thrown instanceof Error ? thrown.message : String(thrown) };
    }
    const status = outcome.error === null ? ('sent' as const) : ('failed' as const);
    await tx
      .update(outgoingEmails)
      .set({
        ...outcome,
        status,
        attempts: sql`${outgoingEmails.attempts} + 1`,
        sentAt: status === 'sent' ? new Date() : null,
      })
      .where(eq(outgoingEmails.id, emailId));
    return status;
  });
}

/** «Повторить отправку»: a failed email (or one left queued by a crash) is delivered again. */
export async function retryEmail(
  db: DbOrTx,
  emailId: number,
  actor: Actor,
): Promise<EmailStatus | null | 'forbidden'> {
  return db.transaction(async (tx) => {
    const [email] = await tx
      .select({
        status: outgoingEmails.status,
        authorId: outgoingEmails.authorId,
        responsibleId: documents.responsibleId,
        interestResponsibleId: interests.responsibleId,
      })
      .from(outgoingEmails)
      .leftJoin(documents, eq(documents.id, outgoingEmails.documentId))
      .leftJoin(interests, eq(interests.id, documents.interestId))
      .where(eq(outgoingEmails.id, emailId))
      .for('update', { of: outgoingEmails });
    if (!email) return null;
    // Sending again is sending: its author, or whoever may change the document it is about.
    if (email.authorId !== actor.id && !canEditDocument(actor, email)) return 'forbidden';
    if (email.status !== 'failed') return email.status;
    // Back in the queue: a trigger enqueues its delivery, which a worker runs (a slow provider holds up
    // no request).
    await tx.update(outgoingEmails).set({ status: 'queued' }).where(eq(outgoingEmails.id, emailId));
    await writeAudit(tx, { userId: actor.id, action: 'retry', entity: 'outgoing_email', entityId: emailId });
    return 'queued' as const;
  });
}

function failureText(error: { name?: string; message?: string; statusCode?: number | null } | null): string {
  if (!error) return 'no answer from the mail service';
  return [error.statusCode, error.name, error.message].filter(Boolean).join(' ');
}

/** A Message-ID of ours, at the sender's domain (as mail servers expect), unique by a random part. */
export function newMessageId(from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'torg.local';
  return `<${randomUUID()}@${domain.toLowerCase()}>`;
}

type Organization = DocumentLetter['organization'];

/** EMAIL_FROM, else the organization's address under its name, else a local default. */
export function fromAddress(org: Organization): string {
  if (process.env.EMAIL_FROM) return process.env.EMAIL_FROM;
  return org?.email ? `"${org.name.replace(/["\\]/g, '')}" <${org.email}>` : DEFAULT_FROM;
}

/** The manager signs for the organization, with its phone written the international way. */
export function signature(actor: EmailActor, org: Organization): Sender {
  return {
    manager: actor.name,
    organization: org?.name ?? '',
    phone: org?.phone ? (parsePhoneNumberFromString(org.phone)?.formatInternational() ?? org.phone) : null,
    email: actor.email,
  };
}
