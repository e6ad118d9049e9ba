import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { contactPersons, incomingEmails, interactions, interests, outgoingEmails } from '@/db/schema';
import { renderLetter } from '@/emails/render';
import { canEditInteraction } from '@/lib/access/rules';
import { documentOrganization } from '@/lib/catalogs/organizations';
import { type InteractionResult, logInteraction } from '@/lib/crm/interactions';
import { type EmailActor, fromAddress, newMessageId, signature } from '@/lib/email/send-email';
import { commandTransaction, publish } from '@/lib/live/publish';
import { fieldErrors } from '@/lib/validation/fields';
import { forbidden } from '@/lib/validation/result';

const replySchema = z.object({
  text: z.string({ error: 'required' }).trim().min(1, 'required').max(20_000, 'too_long'),
});

/**
 * «Ответить» on a letter in the inbox: a letter back to its sender, `Re:` its subject, with In-Reply-To
 * and References naming it (so the client's mail threads it, and their next answer lands here again).
 * It is an outgoing email in the feed, queued for delivery like any other (the outbox, Resend); the
 * letter answered is processed.
 */
export async function replyByEmail(
  db: DbOrTx,
  interactionId: number,
  input: unknown,
  actor: EmailActor,
): Promise<InteractionResult> {
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const organization = await documentOrganization(db, null);
  return commandTransaction(db, async (tx): Promise<InteractionResult> => {
    const [letter] = await tx
      .select({
        partnerId: interactions.partnerId,
        contactId: interactions.contactId,
        interestId: interactions.interestId,
        subject: interactions.subject,
        contact: contactPersons.name,
        from: incomingEmails.fromAddress,
        messageId: incomingEmails.messageId,
        references: incomingEmails.references,
        interestResponsibleId: interests.responsibleId,
      })
      .from(interactions)
      .innerJoin(incomingEmails, eq(incomingEmails.interactionId, interactions.id))
      .leftJoin(interests, eq(interests.id, interactions.interestId))
      .leftJoin(contactPersons, eq(contactPersons.id, interactions.contactId))
      .where(eq(interactions.id, interactionId))
      .for('update', { of: interactions });
    if (!letter) return { ok: false, errors: { interactionId: 'not_found' } };
    if (!canEditInteraction(actor, letter)) return forbidden();
    if (!letter.from) return { ok: false, errors: { text: 'no_email' } };
    const subject = /^re:/i.test(letter.subject ?? '')
      ? letter.subject!
      : `Re: ${letter.subject ?? ''}`.trim();
    const body = parsed.data.text;
    const html = await renderLetter({
      template: 'reply',
      props: { contactName: letter.contact, body, sender: signature(actor, organization), title: subject },
    });
    const logged = await logInteraction(
      tx,
      {
        kind: 'email',
        direction: 'outgoing',
        partnerId: letter.partnerId,
        contactId: letter.contactId,
        interestId: letter.interestId,
        subject: subject.slice(0, 2000),
        body,
        processed: true,
      },
      actor,
    );
    if (!logged.ok) return logged;
    const from = fromAddress(organization);
    const thread = letter.messageId ? [...letter.references, letter.messageId].slice(-20) : [];
    // The insert queues its delivery (a trigger, as for every letter).
    await tx.insert(outgoingEmails).values({
      interactionId: logged.id,
      template: 'reply',
      fromAddress: from,
      to: [letter.from],
      subject: subject.slice(0, 2000),
      body,
      html,
      messageId: newMessageId(from),
      headers: letter.messageId ? { 'In-Reply-To': letter.messageId, References: thread.join(' ') } : {},
      authorId: actor.id,
    });
    await tx.update(interactions).set({ processed: true }).where(eq(interactions.id, interactionId));
    await publish(tx, 'inbox');
    return logged;
  });
}
