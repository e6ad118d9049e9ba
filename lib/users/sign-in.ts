import bcrypt from 'bcryptjs';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { loginThrottle, users } from '@/db/schema';
import type { SessionUser } from './users';

/** Failures allowed before each further attempt is refused for a growing pause. */
export const FREE_FAILURES = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** A hash of a random password: unknown emails cost the same time as known ones. */
const DUMMY_HASH = '$2b$10$O71yjndX.U5Yz9jCUPWEgu5NRtjbaW3b1w/fZo7dituQlBGlnbyjS';

export function lockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/**
 * Checks an email and password. The answer never says which of the two was wrong; after
 * FREE_FAILURES failures for one email, attempts are refused until a doubling pause has passed.
 */
export async function signIn(
  db: DbOrTx,
  rawEmail: string,
  password: string,
  now = new Date(),
): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  const [failure] = await db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, `email:${email}`));
  if (failure?.lockedUntil && failure.lockedUntil > now) {
    return {
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: Math.ceil((failure.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (user && matches && user.active) {
    if (failure) await db.delete(loginThrottle).where(eq(loginThrottle.key, `email:${email}`));
    return {
      ok: true,
      user: { id: user.id, name: user.name, email: user.email, role: user.role, locale: user.locale },
    };
  }
  const [counted] = await db
    .insert(loginThrottle)
    .values({ key: `email:${email}`, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now },
    })
    .returning({ failures: loginThrottle.failures });
  const pause = lockSeconds(counted?.failures ?? 1);
  if (pause > 0) {
    await db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(now.getTime() + pause * 1000) })
      .where(eq(loginThrottle.key, `email:${email}`));
  }
  return { ok: false, reason: 'invalid' };
}
