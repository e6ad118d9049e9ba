import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { settings } from '@/db/schema';

/** Settings with their defaults; a missing row means the default. */
export const settingDefaults = {
  demo_accounts: false,
  /** Forbid postings that leave on-hand or available stock below zero. */
  negative_stock_allowed: false,
} as const;
export type SettingKey = keyof typeof settingDefaults;

export async function getSetting<K extends SettingKey>(
  db: DbOrTx,
  key: K,
): Promise<(typeof settingDefaults)[K] | boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return (row?.value as boolean | undefined) ?? settingDefaults[key];
}

export async function setSetting(db: DbOrTx, key: SettingKey, value: boolean): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}
