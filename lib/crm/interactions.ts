import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import {
  calls,
  contactPersons,
  interactionAttachments,
  interactions,
  interests,
  partners,
} from '@/db/schema';
import { type Actor, canEditInteraction, canEditOwned } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { commandTransaction, publish } from '@/lib/live/publish';
import { identifyCaller } from '@/lib/telephony/identify';
import { type FieldErrors, fieldErrors, moment, optionalId, optionalText } from '@/lib/validation/fields';
import { forbidden, type Refusal } from '@/lib/validation/result';

export const interactionKinds = ['call', 'email', 'message', 'meeting', 'note'] as const;

/** A letter's or a chat message's text: longer than a form field's (Telegram allows 4 096, letters more). */
export const MAX_INTERACTION_TEXT = 100_000;
const longText = z
  .string()
  .trim()
  .max(MAX_INTERACTION_TEXT, 'too_long')
  .optional()
  .transform((v) => (v ? v : null));

const interactionSchema = z
  .object({
    kind: z.enum(interactionKinds, { error: 'required' }),
    direction: z.enum(['incoming', 'outgoing']).default('incoming'),
    at: moment.optional().transform((d) => d ?? new Date()),
    partnerId: optionalId,
    contactId: optionalId,
    interestId: optionalId,
    subject: optionalText,
    body: longText,
    fromAddress: optionalText,
    processed: z.boolean().default(false),
  })
  .refine((i) => i.subject || i.body, { path: ['body'], message: 'required' });

export type InteractionResult = { ok: true; id: number } | { ok: false; errors: FieldErrors } | Refusal;

export type NewAttachment = { fileName: string; contentType: string; content: Uint8Array };
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function attachmentErrors(files: NewAttachment[]): FieldErrors | null {
  if (files.length > MAX_ATTACHMENTS) return { attachments: 'too_many_files' };
  const big = files.find((f) => f.content.byteLength > MAX_ATTACHMENT_BYTES);
  return big ? { attachments: `file_too_large:${big.fileName}` } : null;
}

/** The interest an interaction goes to, locked against a concurrent reassignment, if the actor may change it. */
async function targetInterest(tx: Tx, interestId: number, actor: Actor | null) {
  const [interest] = await tx
    .select({ partnerId: interests.partnerId, responsibleId: interests.responsibleId })
    .from(interests)
    .where(eq(interests.id, interestId))
    .for('share');
  if (!interest) return { refused: { ok: false, errors: { interestId: 'not_found' } } as const };
  if (actor && !canEditOwned(actor, interest)) return { refused: forbidden() };
  return { interest };
}

/**
 * Logs an interaction: by hand, or by a channel (email sent, later telephony, mail and Telegram) with
 * actor null. Linked to an interest, it is in that interest's feed at once — so only who may change
 * that interest links one to it.
 */
export async function logInteraction(
  db: DbOrTx,
  input: unknown,
  actor: Actor | null,
  attachments: NewAttachment[] = [],
): Promise<InteractionResult> {
  const parsed = interactionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const tooBig = attachmentErrors(attachments);
  if (tooBig) return { ok: false, errors: tooBig };
  return commandTransaction(db, async (tx): Promise<InteractionResult> => {
    const values = { ...parsed.data };
    if (values.interestId) {
      const target = await targetInterest(tx, values.interestId, actor);
      if (target.refused) return target.refused;
      // An interaction on an interest belongs to its partner too, so the partner's history is complete.
      values.partnerId ??= target.interest.partnerId;
    }
    if (!values.partnerId && values.fromAddress) {
      // A caller we know (by any spelling of their number): the best match, an open interest first.
      const [match] = await identifyCaller(tx, values.fromAddress);
      if (match) {
        values.partnerId = match.partnerId;
        values.contactId ??= match.contactId;
      }
    }
    const [row] = await tx
      .insert(interactions)
      .values({ ...values, authorId: actor?.id ?? null })
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
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: 'create',
      entity: 'interaction',
      entityId: row!.id,
    });
    return { ok: true, id: row!.id };
  });
}

/**
 * Links an incoming interaction to an interest (and its partner) and marks it processed. The actor must
 * be allowed to change both the interaction (canEditInteraction) and the interest it goes to.
 */
export async function processInteraction(
  db: DbOrTx,
  id: number,
  link: { interestId?: number | null; partnerId?: number | null },
  actor: Actor,
): Promise<InteractionResult> {
  return commandTransaction(db, async (tx): Promise<InteractionResult> => {
    const [current] = await tx
      .select({ interestResponsibleId: interests.responsibleId })
      .from(interactions)
      .leftJoin(interests, eq(interests.id, interactions.interestId))
      .where(eq(interactions.id, id))
      .for('update', { of: interactions });
    if (!current) return { ok: false, errors: { interactionId: 'not_found' } };
    if (!canEditInteraction(actor, current)) return forbidden();
    let partnerId = link.partnerId ?? null;
    if (link.interestId) {
      const target = await targetInterest(tx, link.interestId, actor);
      if (target.refused) return target.refused;
      partnerId ??= target.interest.partnerId;
    }
    await tx
      .update(interactions)
      .set({
        processed: true,
        ...(link.interestId ? { interestId: link.interestId } : {}),
        ...(partnerId ? { partnerId } : {}),
      })
      .where(eq(interactions.id, id));
    // A Telegram chat linked once is that partner's: their next messages arrive matched.
    if (partnerId)
      await tx.execute(sql`
        update telegram_chats c set partner_id = ${partnerId}, contact_id = null, updated_at = now()
        from telegram_messages m
        where m.interaction_id = ${id} and c.bot_id = m.bot_id and c.chat_id = m.chat_id
          and c.partner_id is distinct from ${partnerId}`);
    await publish(tx, 'inbox', ...(link.interestId ? [`interest:${link.interestId}` as const] : []));
    await writeAudit(tx, {
      userId: actor.id,
      action: 'process',
      entity: 'interaction',
      entityId: id,
      data: link,
    });
    return { ok: true, id };
  });
}

/** The inbox's channel filter: calls, letters, messengers' messages (manual notes and meetings under «all»). */
export const inboxChannels = ['call', 'email', 'message'] as const;
export type InboxChannel = (typeof inboxChannels)[number];

const unprocessedIncoming = and(eq(interactions.processed, false), eq(interactions.direction, 'incoming'));

/**
 * The workplace inbox: unprocessed incoming interactions, newest first, with who they are from if known,
 * optionally of one channel. A Telegram message carries its chat (name, @username, whether the client
 * blocked the bot); a letter its sender's address and whether it has HTML to show.
 */
export async function inbox(db: DbOrTx, options: { channel?: InboxChannel; limit?: number } = {}) {
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
      /** A phone call's result: a missed one is marked as such. */
      callResult: calls.result,
      telegram: sql<{
        name: string | null;
        username: string | null;
        phone: string | null;
        closed: boolean;
      } | null>`(
        select json_build_object('name', c.name, 'username', c.username, 'phone', c.phone, 'closed', c.closed_at is not null)
        from telegram_messages m join telegram_chats c on c.bot_id = m.bot_id and c.chat_id = m.chat_id
        where m.interaction_id = ${interactions.id})`,
      letter: sql<{ from: string | null; html: boolean } | null>`(
        select json_build_object('from', e.from_address, 'html', e.html is not null)
        from incoming_emails e where e.interaction_id = ${interactions.id})`,
    })
    .from(interactions)
    .leftJoin(partners, eq(partners.id, interactions.partnerId))
    .leftJoin(contactPersons, eq(contactPersons.id, interactions.contactId))
    .leftJoin(calls, eq(calls.interactionId, interactions.id))
    .where(and(unprocessedIncoming, options.channel ? eq(interactions.kind, options.channel) : undefined))
    .orderBy(desc(interactions.at), desc(interactions.id))
    .limit(options.limit ?? 100);
}

/** How many wait in the inbox (the workplace tab shows it). */
export async function inboxCount(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(interactions)
    .where(unprocessedIncoming);
  return row?.count ?? 0;
}

/** One attachment with its file, for download. */
export async function interactionAttachment(db: DbOrTx, id: number) {
  const [row] = await db.select().from(interactionAttachments).where(eq(interactionAttachments.id, id));
  return row ?? null;
}
