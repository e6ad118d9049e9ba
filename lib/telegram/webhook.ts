import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { readBody, textResponse } from '@/lib/validation/read-body';
import { telegramConfig } from './config';

/** An update is a few KB; Telegram sends at most one message per update. */
export const MAX_UPDATE_BYTES = 256 * 1024;
export const CHAT_JOB = 'telegram_chat';

/** Both hashed first, so the comparison takes the same time whatever the lengths. */
export function secretValid(given: string, secret: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** `\\u0000` or a lone surrogate's escape, not preceded by an escaped backslash (linear: no nesting). */
const unstorable = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

const telegramId = z.number().int().refine(Number.isSafeInteger);
const text = (max: number) => z.string().max(max);
const fileShape = {
  file_id: text(500),
  file_unique_id: text(200),
  file_size: z.number().int().nonnegative().optional(),
};

/** The parts of a message the inbox reads (unknown fields are dropped); anything else is not taken. */
export const messageSchema = z.object({
  message_id: telegramId,
  date: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32),
  chat: z.object({ id: telegramId, type: z.literal('private') }),
  from: z
    .object({
      id: telegramId,
      first_name: text(256).optional(),
      last_name: text(256).optional(),
      username: text(64).optional(),
    })
    .optional(),
  text: text(20_000).optional(),
  caption: text(20_000).optional(),
  contact: z.object({ phone_number: text(64), user_id: telegramId.optional() }).optional(),
  photo: z.array(z.object(fileShape)).max(50).optional(),
  document: z
    .object({ ...fileShape, file_name: text(1000).optional(), mime_type: text(200).optional() })
    .optional(),
  sticker: z.object({ emoji: text(32).optional() }).optional(),
});
export type InboxMessage = z.infer<typeof messageSchema>;

const updateShape = z.object({ update_id: telegramId, message: z.unknown().optional() });

/**
 * POST /api/telegram/webhook: the secret header first (missing or wrong: 401, the body unread), then
 * the update is stored and committed with its chat's job before the 200. A replayed `update_id` adds
 * nothing and is answered 200 again, so Telegram stops resending it.
 */
export async function telegramWebhook(db: DbOrTx, request: Request): Promise<Response> {
  const config = await telegramConfig(db);
  const given = request.headers.get('x-telegram-bot-api-secret-token');
  if (!config.secret || !config.token || given === null || !secretValid(given, config.secret))
    return textResponse(401, 'Unauthorized: the secret token does not match');
  const body = await readBody(request, MAX_UPDATE_BYTES);
  if (body instanceof Response) return body;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return textResponse(400, 'Bad request: the body is not JSON');
  }
  const parsed = updateShape.safeParse(json);
  if (!parsed.success) return textResponse(400, 'Bad request: not a Telegram update');
  const update = parsed.data;
  // Only a private chat's message goes to the inbox; anything else is kept, marked processed.
  const message = messageSchema.safeParse(update.message);
  // JSON allows escapes jsonb refuses (NUL, a lone surrogate); JSON.stringify writes them escaped.
  const payload = JSON.stringify(json);
  if (unstorable.test(payload)) return textResponse(400, 'Bad request: characters that cannot be stored');
  const chatId = message.success ? message.data.chat.id : null;
  // One statement: the update and its chat's job, or nothing (the job's key merges a burst of one chat).
  await db.execute(sql`
    with stored as (
      insert into telegram_updates (bot_id, update_id, chat_id, payload, processed_at)
      values (${config.botId}, ${update.update_id}, ${chatId}, ${payload}::jsonb,
        ${chatId === null ? sql`now()` : sql`null`})
      on conflict do nothing returning chat_id
    )
    select enqueue_job(${CHAT_JOB}, ${`telegram:${config.botId}:`} || chat_id,
      jsonb_build_object('botId', ${config.botId}::bigint, 'chatId', chat_id))
    from stored where chat_id is not null`);
  return textResponse(200, 'OK');
}
