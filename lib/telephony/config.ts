import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { settings } from '@/db/schema';
import { type SettingKey, settingDefaults } from '@/lib/settings/settings';

export type TelephonyConfig = {
  zadarmaSecret: string | null;
  mangoApiKey: string | null;
  mangoApiSalt: string | null;
  token: string | null;
  routeToManager: boolean;
  missedCallMinutes: number;
};

/** Each secret's environment variable: set, it wins over Administration → «Телефония». */
export const secretVariables = {
  telephony_zadarma_secret: 'TORG_ZADARMA_SECRET',
  telephony_mango_api_key: 'TORG_MANGO_API_KEY',
  telephony_mango_api_salt: 'TORG_MANGO_API_SALT',
  telephony_token: 'TORG_TELEPHONY_TOKEN',
} as const satisfies Partial<Record<SettingKey, string>>;
export type SecretKey = keyof typeof secretVariables;

const keys = [
  ...(Object.keys(secretVariables) as SecretKey[]),
  'telephony_route_to_manager',
  'telephony_missed_call_minutes',
] as const;

/** The telephony settings in one query (every webhook reads them); an empty secret counts as not set. */
export async function telephonyConfig(db: DbOrTx, env = process.env): Promise<TelephonyConfig> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, [...keys]));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const secret = (key: SecretKey) =>
    env[secretVariables[key]] || (stored.get(key) as string | null | undefined) || null;
  return {
    zadarmaSecret: secret('telephony_zadarma_secret'),
    mangoApiKey: secret('telephony_mango_api_key'),
    mangoApiSalt: secret('telephony_mango_api_salt'),
    token: secret('telephony_token'),
    routeToManager:
      (stored.get('telephony_route_to_manager') as boolean | undefined) ??
      settingDefaults.telephony_route_to_manager,
    missedCallMinutes:
      (stored.get('telephony_missed_call_minutes') as number | undefined) ??
      settingDefaults.telephony_missed_call_minutes,
  };
}
