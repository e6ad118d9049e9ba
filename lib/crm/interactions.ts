import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { contactPersons, interactionAttachments, interactions, interests, partners } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { publish } from '@/lib/live/publish';
import { type FieldErrors, fieldErrors, optionalId, optionalText } from '@/lib/validation/fields';

export const interactionKinds = ['call', 'email', 'message', 'meeting', 'note'] as const;

const interactionSchema = z
  .object({
    kind: z.enum(interactionKinds, { error: 'required' }),
    direction: z.enum(['incoming', 'outgoing']).default('incoming'),
    at: z
      .union([z.string(), z.date()])
      .optional()
      .transform((v) => (v ? new Date(v) : new Date()))
      .refine((d) => !Number.isNaN(d.getTime()), 'date_invalid'),
    partnerId: optionalId,
    contactId: optionalId,
    interestId: optionalId,
    subject: optionalText,
    body: optionalText,
    fromAddress: optionalText,
    processed: z.boolean().default(false),
  })
  .refine((i) => i.subject || i.body, { path: ['body'], message: 'required' });

export type InteractionResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export type NewAttachment = { fileName: string; contentType: string; content: Uint8Array };
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function attachmentErrors(files: NewAttachment[]): FieldErrors | null {
  if (files.length > MAX_ATTACHMENTS) return { attachments: 'too_many_files' };
  const big = files.find((f) => f.content.byteLength > MAX_ATTACHMENT_BYTES);
  return big ? { attachments: `file_too_large:${big.fileName}` } : null;
}

/**
 * Logs an interaction: by hand now; telephony, mail and Telegram call the same function later.
 * Linked to an interest, it is in that interest's feed at once.
 */
export async function logInteraction(
  db: DbOrTx,
  input: unknown,
  authorId: number | null,
  attachments: NewAttachment[] = [],
): Promise<InteractionResult> {
  const parsed = interactionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const tooBig = attachmentErrors(attachments);
  if (tooBig) return { ok: false, errors: tooBig };
  return db.transaction(async (tx) => {
    const values = { ...parsed.data };
    // An interaction on an interest belongs to its partner too, so the partner's history is complete.
    if (values.interestId && !values.partnerId) {
      const [interest] = await tx
        .select({ partnerId: interests.partnerId })
        .from(interests)
        .where(eq(interests.id, values.interestId));
      values.partnerId = interest?.partnerId ?? null;
    }
    const [row] = await tx
      .insert(interactions)
      .values({ ...values, authorId })
      .returning({ id: interactions.id });
    if (attachments.length) {
      await tx.insert(interactionAttachments).values(
        attachments.map((a) => ({
          interactionId: row!.id,
          fileName: a.fileName.slice(0, 255) || 'file',
          contentType: a.contentType || 'application/octet-stream',
          size: a.content.byteLength,
          content: Buffer.from(a.content),
        })),
      );
    }
    await publish(
      tx,
      ...(values.processed || values.direction === 'outgoing' ? [] : (['inbox'] as const)),
      ...(values.interestId ? [`interest:${values.interestId}` as const] : []),
    );
    await writeAudit(tx, { userId: authorId, action: 'create', entity: 'interaction', entityId: row!.id });
    return { ok: true as const, id: row!.id };
  });
}

/** Links an incoming interaction to an interest (and its partner) and marks it processed. */
export async function processInteraction(
  db: DbOrTx,
  id: number,
  link: { interestId?: number | null; partnerId?: number | null },
  userId: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    let partnerId = link.partnerId ?? null;
    if (link.interestId && !partnerId) {
      const [interest] = await tx
        .select({ partnerId: interests.partnerId })
        .from(interests)
        .where(eq(interests.id, link.interestId));
      partnerId = interest?.partnerId ?? null;
    }
    await tx
      .update(interactions)
      .set({
        processed: true,
        ...(link.interestId ? { interestId: link.interestId } : {}),
        ...(partnerId ? { partnerId } : {}),
      })
      .where(eq(interactions.id, id));
    await publish(tx, 'inbox', ...(link.interestId ? [`interest:${link.interestId}` as const] : []));
    await writeAudit(tx, { userId, action: 'process', entity: 'interaction', entityId: id, data: link });
  });
}

/** The workplace inbox: unprocessed incoming interactions, newest first, with who they are from if known. */
export async function inbox(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: interactions.id,
      kind: interactions.kind,
      at: interactions.at,
      subject: interactions.subject,
      body: interactions.body,
      fromAddress: interactions.fromAddress,
      partnerId: interactions.partnerId,
      partner: partners.name,
      contact: contactPersons.name,
    })
    .from(interactions)
    .leftJoin(partners, eq(partners.id, interactions.partnerId))
    .leftJoin(contactPersons, eq(contactPersons.id, interactions.contactId))
    .where(and(eq(interactions.processed, false), eq(interactions.direction, 'incoming')))
    .orderBy(desc(interactions.at))
    .limit(limit);
}

/** One attachment with its file, for download. */
export async function interactionAttachment(db: DbOrTx, id: number) {
  const [row] = await db.select().from(interactionAttachments).where(eq(interactionAttachments.id, id));
  return row ?? null;
}
