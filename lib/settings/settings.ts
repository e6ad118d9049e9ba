import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { settings } from '@/db/schema';

/** Settings with their defaults; a missing row means the default. */
export const settingDefaults = {
  /** The demo accounts exist and work: the login page lists them and every page shows a banner. */
  demo_accounts: false as boolean,
  /** SHA-256 (hex) of the one-time link that creates the first administrator of a deployment. */
  setup_token: null as string | null,
  /** Forbid postings that leave on-hand or available stock below zero. */
  negative_stock_allowed: false as boolean,
  /** The highest manual discount, in percent, each role may give on an offer or order. */
  manual_discount_limits: { manager: 10, leader: 25, admin: 100 } as Record<
    'manager' | 'leader' | 'admin',
    number
  >,
  /** How likely an open interest in each state is to be won, in percent: the sales forecast weighs by it. */
  forecast_probabilities: {
    new: 5,
    consultation: 10,
    offer_sent: 30,
    awaiting_payment: 70,
    shipment_control: 90,
  } as Record<'new' | 'consultation' | 'offer_sent' | 'awaiting_payment' | 'shipment_control', number>,
  /** Telephony (Administration → «Телефония»); the TORG_* environment variables win over these. */
  telephony_zadarma_secret: null as string | null,
  telephony_mango_api_key: null as string | null,
  telephony_mango_api_salt: null as string | null,
  /** The secret path segment of /api/telephony/webhook/<token> for any other PBX. */
  telephony_token: null as string | null,
  /** Zadarma: send an incoming call from a known client straight to their manager's extension. */
  telephony_route_to_manager: false as boolean,
  /** Minutes until «Перезвонить клиенту» is due after a missed call. */
  telephony_missed_call_minutes: 15 as number,
  /** Telegram (Administration → «Мессенджеры»); TORG_TELEGRAM_BOT_TOKEN and TORG_TELEGRAM_WEBHOOK_SECRET win. */
  telegram_bot_token: null as string | null,
  /** The `secret_token` given to setWebhook, generated on first use; Telegram sends it in every update. */
  telegram_webhook_secret: null as string | null,
  /** On /start the bot asks for the client's phone with a «share my contact» button. */
  telegram_ask_phone: true as boolean,
  /** Incoming mail (Administration → «Почта»); TORG_IMAP_URL wins over these. */
  imap_host: null as string | null,
  imap_port: 993 as number,
  imap_tls: true as boolean,
  imap_user: null as string | null,
  imap_password: null as string | null,
  imap_mailbox: 'INBOX' as string,
  /** Seconds between checks of the mailbox when IDLE is not holding a connection open. */
  imap_poll_seconds: 60 as number,
};
export type SettingKey = keyof typeof settingDefaults;
export type SettingValue<K extends SettingKey> = (typeof settingDefaults)[K];

export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return (row?.value as SettingValue<K> | undefined) ?? settingDefaults[key];
}

export async function setSetting<K extends SettingKey>(
  db: DbOrTx,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}

/** The settings that hold a secret (a string, or null when unset). */
type SecretSettingKey = {
  [K in SettingKey]: SettingValue<K> extends string | null
    ? null extends SettingValue<K>
      ? K
      : never
    : never;
}[SettingKey];

/**
 * A write-only secret from a settings form: a typed value replaces the saved one, «Очистить» removes
 * it, an empty field keeps it. True when it changed (audit rows name the secret, never its value).
 */
export async function saveSecret(
  db: DbOrTx,
  key: SecretSettingKey,
  typed: string | null | undefined,
  clear: boolean,
): Promise<boolean> {
  if (clear) await setSetting(db, key, null);
  else if (typed) await setSetting(db, key, typed);
  else return false;
  return true;
}
