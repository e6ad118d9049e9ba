import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { settings } from '@/db/schema';
import { type SettingKey, settingDefaults } from '@/lib/settings/settings';

export type MailConfig = {
  host: string;
  port: number;
  /** TLS from the start (IMAPS); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  pollSeconds: number;
};

const keys = [
  'imap_host',
  'imap_port',
  'imap_tls',
  'imap_user',
  'imap_password',
  'imap_mailbox',
  'imap_poll_seconds',
] as const satisfies SettingKey[];

/**
 * `imaps://user:password@host:993/INBOX` (or `imap://…`, port 143 by default): the whole mailbox in
 * one variable, as TORG_IMAP_URL.
 */
export function mailConfigFromUrl(value: string, pollSeconds: number): MailConfig | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') return null;
  const secure = url.protocol === 'imaps:';
  if (!url.hostname || !url.username) return null;
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 993 : 143)),
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox: decodeURIComponent(url.pathname.slice(1)) || 'INBOX',
    pollSeconds,
  };
}

/** The mailbox to read: TORG_IMAP_URL, else Administration → «Почта»; null when none is set up. */
export async function mailConfig(db: DbOrTx, env = process.env): Promise<MailConfig | null> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [...keys]));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const get = <K extends (typeof keys)[number]>(key: K) =>
    (stored.get(key) as (typeof settingDefaults)[K] | undefined) ?? settingDefaults[key];
  const pollSeconds = get('imap_poll_seconds');
  if (env.TORG_IMAP_URL) return mailConfigFromUrl(env.TORG_IMAP_URL, pollSeconds);
  const host = get('imap_host');
  const user = get('imap_user');
  if (!host || !user) return null;
  return {
    host,
    port: get('imap_port'),
    secure: get('imap_tls'),
    user,
    password: get('imap_password') ?? '',
    mailbox: get('imap_mailbox'),
    pollSeconds,
  };
}

/** The mailbox's key in mailbox_states: a new server, account or folder starts its own count. */
export const mailboxKey = (config: MailConfig) =>
  `${config.user}@${config.host}:${config.port}/${config.mailbox}`;
