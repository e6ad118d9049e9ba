import { randomBytes } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { Api } from 'grammy';
import type { DbOrTx } from '@/db/client';
import { settings } from '@/db/schema';
import { settingDefaults } from '@/lib/settings/settings';

export type TelegramConfig = {
  token: string | null;
  /** The bot's own id: the number before the colon of its token (0 without a token). */
  botId: number;
  secret: string | null;
  askPhone: boolean;
};

/** Set, these win over Administration → «Мессенджеры». */
export const telegramVariables = {
  telegram_bot_token: 'TORG_TELEGRAM_BOT_TOKEN',
  telegram_webhook_secret: 'TORG_TELEGRAM_WEBHOOK_SECRET',
} as const;

/** A bot token as BotFather gives it: `<bot id>:<35 characters>`. */
export const tokenPattern = /^(\d{1,20}):[A-Za-z0-9_-]{30,64}$/;

/** The bot's id from its token; 0 when there is none (its updates are refused anyway). */
export function botIdOf(token: string | null): number {
  const id = token ? Number(tokenPattern.exec(token)?.[1] ?? 0) : 0;
  return Number.isSafeInteger(id) ? id : 0;
}

export async function telegramConfig(db: DbOrTx, env = process.env): Promise<TelegramConfig> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, ['telegram_bot_token', 'telegram_webhook_secret', 'telegram_ask_phone']));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const token = env.TORG_TELEGRAM_BOT_TOKEN || (stored.get('telegram_bot_token') as string | null) || null;
  return {
    token,
    botId: botIdOf(token),
    secret:
      env.TORG_TELEGRAM_WEBHOOK_SECRET || (stored.get('telegram_webhook_secret') as string | null) || null,
    askPhone: (stored.get('telegram_ask_phone') as boolean | undefined) ?? settingDefaults.telegram_ask_phone,
  };
}

/**
 * The webhook secret: TORG_TELEGRAM_WEBHOOK_SECRET, else the stored one, else a new one stored now
 * (Telegram allows 1–256 of A-Z a-z 0-9 _ -). Concurrent first uses agree on one: the insert loses to
 * an existing row and the stored one is read back.
 */
export async function webhookSecret(db: DbOrTx, env = process.env): Promise<string> {
  if (env.TORG_TELEGRAM_WEBHOOK_SECRET) return env.TORG_TELEGRAM_WEBHOOK_SECRET;
  // A first use racing another: the loser's statement saw no row yet, so the second round reads the winner's.
  for (let round = 0; round < 2; round++) {
    const fresh = randomBytes(32).toString('base64url');
    const [row] = (await db.execute(sql`
      with made as (
        insert into settings (key, value) values ('telegram_webhook_secret', ${JSON.stringify(fresh)}::jsonb)
        on conflict (key) do update set value = excluded.value where settings.value = 'null'::jsonb
        returning value
      )
      select value from made union all
      select value from settings where key = 'telegram_webhook_secret' and value <> 'null'::jsonb
      limit 1`)) as unknown as { value: string }[];
    if (row) return row.value;
  }
  throw new Error('the Telegram webhook secret could not be stored');
}

/**
 * The Bot API client (grammY). TORG_TELEGRAM_API_ROOT points it elsewhere: a local Bot API server, or
 * the fake one of the tests.
 */
export function botApi(token: string, env = process.env): Api {
  return new Api(token, {
    apiRoot: env.TORG_TELEGRAM_API_ROOT?.replace(/\/+$/, '') || undefined,
    timeoutSeconds: 30,
  });
}

/** Where a file fetched with getFile is downloaded from (the Bot API's file URL under the same root). */
export function fileUrl(token: string, filePath: string, env = process.env): string {
  const root = env.TORG_TELEGRAM_API_ROOT?.replace(/\/+$/, '') || 'https://api.telegram.org';
  return `${root}/file/bot${token}/${filePath.split('/').map(encodeURIComponent).join('/')}`;
}
