import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { count, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { settings, users } from '@/db/schema';
import type { SaveResult } from '@/lib/catalogs/catalog';
import { getSetting, setSetting } from '@/lib/settings/settings';
import { createUser } from './users';

/** Issuing and spending the setup token take this lock, so two setups cannot both find no admin. */
const SETUP_LOCK = sql`select pg_advisory_xact_lock(hashtext('torg.setup'))`;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

async function userCount(db: DbOrTx, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(where);
  return row?.n ?? 0;
}

/** A deployment before its first administrator: nobody can sign in until the setup link is used. */
export async function setupNeeded(db: DbOrTx): Promise<boolean> {
  return (await userCount(db)) === 0;
}

/**
 * A new one-time token for creating the first administrator, while the database has no user; null
 * otherwise. Only its hash is kept, and each new token replaces the last (a lost link is replaced by
 * issuing another).
 */
export async function issueSetupToken(db: DbOrTx): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.execute(SETUP_LOCK);
    if (!(await setupNeeded(tx))) return null;
    const token = randomBytes(32).toString('base64url');
    await setSetting(tx, 'setup_token', hashToken(token).toString('hex'));
    return token;
  });
}

/** The token is the one issued, and no administrator exists yet. Compared in constant time. */
export async function setupTokenValid(db: DbOrTx, token: unknown): Promise<boolean> {
  const stored = await getSetting(db, 'setup_token');
  if (!stored || typeof token !== 'string' || token === '') return false;
  const expected = Buffer.from(stored, 'hex');
  const given = hashToken(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return (await userCount(db, eq(users.role, 'admin'))) === 0;
}

/**
 * Creates the first administrator from the setup form (name, email, password, locale) and spends the
 * token. Refused with a wrong or spent token, or once an administrator exists.
 */
export async function completeSetup(
  db: DbOrTx,
  token: unknown,
  input: Record<string, unknown>,
): Promise<SaveResult> {
  return db.transaction(async (tx): Promise<SaveResult> => {
    await tx.execute(SETUP_LOCK);
    if (!(await setupTokenValid(tx, token))) return { ok: false, errors: { _form: 'setup_refused' } };
    const created = await createUser(tx, { ...input, role: 'admin' }, null);
    if (created.ok) await tx.delete(settings).where(eq(settings.key, 'setup_token'));
    return created;
  });
}
