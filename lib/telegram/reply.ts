import { and, desc, eq, sql } from 'drizzle-orm';
import { GrammyError } from 'grammy';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import { interactions, interests, telegramChats, telegramMessages } from '@/db/schema';
import { type Actor, canEditInteraction, canEditOwned } from '@/lib/access/rules';
import { type InteractionResult, logInteraction } from '@/lib/crm/interactions';
import { enqueueJob } from '@/lib/jobs/queue';
import { commandTransaction, publish } from '@/lib/live/publish';
import { fieldErrors } from '@/lib/validation/fields';
import { forbidden } from '@/lib/validation/result';
import { botApi, telegramConfig } from './config';

export const SEND_JOB = 'telegram_send';

/** Telegram's limit for one message's text. */
const replySchema = z.object({
  text: z.string({ error: 'required' }).trim().min(1, 'required').max(4096, 'too_long'),
});

/** What a reply goes to: an incoming message in the inbox, or an interest (its latest Telegram chat). */
export type ReplyTarget = { interactionId: number } | { interestId: number };

type Chat = {
  botId: number;
  chatId: number;
  closedAt: Date | null;
  partnerId: number | null;
  interestId: number | null;
  responsibleId: number | null;
};

/**
 * The chat a reply goes to, its interaction or interest locked (the reply is logged on them); an
 * interest is checked for the actor before its chat is looked for, so a stranger learns nothing.
 */
async function chatOf(tx: Tx, target: ReplyTarget, actor: Actor): Promise<Chat | 'forbidden' | undefined> {
  const columns = {
    botId: telegramMessages.botId,
    chatId: telegramMessages.chatId,
    closedAt: telegramChats.closedAt,
    partnerId: interactions.partnerId,
    interestId: interactions.interestId,
    responsibleId: interests.responsibleId,
  };
  const query = tx
    .select(columns)
    .from(telegramMessages)
    .innerJoin(interactions, eq(interactions.id, telegramMessages.interactionId))
    .innerJoin(
      telegramChats,
      and(eq(telegramChats.botId, telegramMessages.botId), eq(telegramChats.chatId, telegramMessages.chatId)),
    )
    .leftJoin(interests, eq(interests.id, interactions.interestId));
  if ('interactionId' in target) {
    const [chat] = await query
      .where(eq(telegramMessages.interactionId, target.interactionId))
      .for('update', { of: interactions });
    return chat;
  }
  // The interest locked first (a concurrent reassignment waits), then its latest chat.
  const [interest] = await tx
    .select({ responsibleId: interests.responsibleId })
    .from(interests)
    .where(eq(interests.id, target.interestId))
    .for('share');
  if (!interest) return undefined;
  if (!canEditOwned(actor, interest)) return 'forbidden';
  const [chat] = await query
    .where(eq(interactions.interestId, target.interestId))
    .orderBy(desc(interactions.at), desc(interactions.id))
    .limit(1);
  return chat;
}

/** Whether an interest has a Telegram chat to reply to (the card shows the reply form then). */
export async function interestHasChat(db: DbOrTx, interestId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(telegramMessages)
    .innerJoin(interactions, eq(interactions.id, telegramMessages.interactionId))
    .where(eq(interactions.interestId, interestId))
    .limit(1);
  return Boolean(row);
}

/**
 * A manager's reply in Telegram, from the inbox or the interest card: the outgoing `message` in the
 * feed, queued for the Bot API (job `telegram_send`, after commit). Replying to an inbox item takes
 * care of it (processed). Refused when the client blocked the bot (`telegram_chat_closed`).
 */
export async function replyInTelegram(
  db: DbOrTx,
  target: ReplyTarget,
  input: unknown,
  actor: Actor,
): Promise<InteractionResult> {
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return commandTransaction(db, async (tx): Promise<InteractionResult> => {
    const chat = await chatOf(tx, target, actor);
    if (chat === 'forbidden') return forbidden();
    if (!chat) return { ok: false, errors: { text: 'telegram_no_chat' } };
    if (!canEditInteraction(actor, { interestResponsibleId: chat.responsibleId })) return forbidden();
    if (chat.closedAt) return { ok: false, errors: { text: 'telegram_chat_closed' } };
    const logged = await logInteraction(
      tx,
      {
        kind: 'message',
        direction: 'outgoing',
        partnerId: chat.partnerId,
        interestId: chat.interestId,
        body: parsed.data.text,
        processed: true,
      },
      actor,
    );
    if (!logged.ok) return logged;
    await tx.insert(telegramMessages).values({
      interactionId: logged.id,
      botId: chat.botId,
      chatId: chat.chatId,
      status: 'queued',
    });
    await enqueueJob(tx, SEND_JOB, `telegram-send:${logged.id}`, { interactionId: logged.id });
    if ('interactionId' in target) {
      await tx.update(interactions).set({ processed: true }).where(eq(interactions.id, target.interactionId));
      await publish(tx, 'inbox');
    }
    return logged;
  });
}

/**
 * Sends a queued reply (`sendMessage`). A user who blocked the bot (403) closes the chat and marks the
 * reply «blocked» for the manager to see; 429 puts the job back after `retry_after`; another refusal
 * of the request (400) fails the reply; a network error or a 5xx throws, and the queue retries.
 */
export async function deliverTelegramMessage(tx: Tx, interactionId: number): Promise<void> {
  const [message] = await tx
    .select({
      botId: telegramMessages.botId,
      chatId: telegramMessages.chatId,
      status: telegramMessages.status,
      body: interactions.body,
      interestId: interactions.interestId,
      closedAt: telegramChats.closedAt,
    })
    .from(telegramMessages)
    .innerJoin(interactions, eq(interactions.id, telegramMessages.interactionId))
    .innerJoin(
      telegramChats,
      and(eq(telegramChats.botId, telegramMessages.botId), eq(telegramChats.chatId, telegramMessages.chatId)),
    )
    .where(eq(telegramMessages.interactionId, interactionId))
    .for('update', { of: telegramMessages });
  if (message?.status !== 'queued') return;
  const settle = async (
    status: 'sent' | 'failed' | 'blocked',
    extra: { messageId?: number; error?: string },
  ) => {
    await tx
      .update(telegramMessages)
      .set({ status, ...extra })
      .where(eq(telegramMessages.interactionId, interactionId));
    if (message.interestId) await publish(tx, `interest:${message.interestId}`);
  };
  const config = await telegramConfig(tx);
  if (!config.token || config.botId !== message.botId) return settle('failed', { error: 'bot_changed' });
  if (message.closedAt) return settle('blocked', {});
  try {
    const sent = await botApi(config.token).sendMessage(message.chatId, message.body ?? '');
    return settle('sent', { messageId: sent.message_id });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    if (error.error_code === 403) {
      await tx
        .update(telegramChats)
        .set({ closedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(telegramChats.botId, message.botId), eq(telegramChats.chatId, message.chatId)));
      await publish(tx, 'inbox');
      return settle('blocked', { error: error.description.slice(0, 500) });
    }
    if (error.error_code === 429) {
      const wait = Math.min(Math.max(error.parameters.retry_after ?? 1, 1), 3600);
      await enqueueJob(
        tx,
        SEND_JOB,
        `telegram-send:${interactionId}`,
        { interactionId },
        new Date(Date.now() + wait * 1000),
      );
      return;
    }
    if (error.error_code >= 500) throw error;
    return settle('failed', { error: error.description.slice(0, 500) });
  }
}
