import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { writeAudit } from '@/lib/audit/write-audit';
import { getSetting, saveSecret, setSetting } from '@/lib/settings/settings';
import { checkbox, type FieldErrors, fieldErrors } from '@/lib/validation/fields';
import { type SecretKey, secretVariables } from './config';

const secretKeys = Object.keys(secretVariables) as SecretKey[];
/** A new secret: printable, no spaces (PBX consoles show them that way); empty keeps the saved one. */
const newSecret = z
  .string()
  .trim()
  .max(200, 'too_long')
  .refine((v) => /^[\x21-\x7e]*$/.test(v), 'secret_invalid')
  .optional();

const schema = z.object({
  telephony_zadarma_secret: newSecret,
  telephony_zadarma_secret_clear: checkbox,
  telephony_mango_api_key: newSecret,
  telephony_mango_api_key_clear: checkbox,
  telephony_mango_api_salt: newSecret,
  telephony_mango_api_salt_clear: checkbox,
  telephony_token: newSecret,
  telephony_token_clear: checkbox,
  telephony_route_to_manager: checkbox,
  telephony_missed_call_minutes: z.coerce
    .number({ error: 'number_invalid' })
    .int('number_invalid')
    .min(1, 'number_invalid')
    .max(1440, 'number_invalid'),
});

/** Where each secret comes from, for the settings page: it never shows the secrets themselves. */
export async function secretSources(
  db: DbOrTx,
  env = process.env,
): Promise<Record<SecretKey, 'env' | 'set' | 'unset'>> {
  const entries = await Promise.all(
    secretKeys.map(async (k) => {
      if (env[secretVariables[k]]) return [k, 'env'] as const;
      return [k, (await getSetting(db, k)) ? 'set' : 'unset'] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SecretKey, 'env' | 'set' | 'unset'>;
}

/** Administration → «Телефония»: a typed secret replaces the saved one, «Очистить» removes it. */
export async function saveTelephonySettings(
  db: DbOrTx,
  input: unknown,
  actorId: number,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const values = parsed.data;
  await db.transaction(async (tx) => {
    const changed: string[] = [];
    for (const key of secretKeys)
      if (await saveSecret(tx, key, values[key], values[`${key}_clear`])) changed.push(key);
    await setSetting(tx, 'telephony_route_to_manager', values.telephony_route_to_manager);
    await setSetting(tx, 'telephony_missed_call_minutes', values.telephony_missed_call_minutes);
    // Which secrets changed, never their values.
    await writeAudit(tx, {
      userId: actorId,
      action: 'update',
      entity: 'telephony_settings',
      data: { changed },
    });
  });
  return { ok: true };
}
