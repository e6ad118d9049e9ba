import { GrammyError, HttpError } from 'grammy';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/lib/audit/write-audit';
import { saveSecret, setSetting } from '@/lib/settings/settings';
import { checkbox, type FieldErrors, fieldErrors } from '@/lib/validation/fields';
import { botApi, telegramConfig, tokenPattern, webhookSecret } from './config';

const schema = z.object({
  telegram_bot_token: z
    .string()
    .trim()
    .max(100, 'too_long')
    .refine((v) => v === '' || tokenPattern.test(v), 'token_invalid')
    .optional(),
  telegram_bot_token_clear: checkbox,
  telegram_ask_phone: checkbox,
});

/** Administration → «Мессенджеры»: a typed token replaces the saved one (write-only), «Очистить» removes it. */
export async function saveTelegramSettings(
  db: DbOrTx,
  input: unknown,
  actorId: number,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const values = parsed.data;
  await db.transaction(async (tx) => {
    const tokenChanged = await saveSecret(
      tx,
      'telegram_bot_token',
      values.telegram_bot_token,
      values.telegram_bot_token_clear,
    );
    await setSetting(tx, 'telegram_ask_phone', values.telegram_ask_phone);
    // Whether the token changed, never its value.
    await writeAudit(tx, {
      userId: actorId,
      action: 'update',
      entity: 'telegram_settings',
      data: { tokenChanged },
    });
  });
  return { ok: true };
}

/**
 * «Установить вебхук»: tells Telegram to post the bot's updates to `url` with the webhook secret
 * (generated and stored on first use), messages only. Telegram checks the address itself (HTTPS,
 * reachable); its refusal is shown as it gave it.
 */
export async function setTelegramWebhook(
  db: DbOrTx,
  url: string,
  actorId: number,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const config = await telegramConfig(db);
  if (!config.token) return { ok: false, reason: 'no_token' };
  const secret = await webhookSecret(db);
  try {
    await botApi(config.token).setWebhook(url, { secret_token: secret, allowed_updates: ['message'] });
  } catch (error) {
    if (error instanceof GrammyError) return { ok: false, reason: error.description };
    if (error instanceof HttpError) return { ok: false, reason: error.message };
    throw error;
  }
  await writeAudit(db, { userId: actorId, action: 'update', entity: 'telegram_webhook', data: { url } });
  return { ok: true };
}
