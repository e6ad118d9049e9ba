import bcrypt from 'bcryptjs';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { loginThrottle, users } from '@/db/schema';
import type { SessionUser } from './users';

/** Failures allowed for one email before each further attempt waits for a growing pause. */
export const FREE_FAILURES = 5;
/** Failures allowed from one client address, across all emails (an office shares one address). */
export const IP_FREE_FAILURES = 20;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;
/**
 * How long a key's failures are remembered after the last one. An address is forgotten once its longest
 * pause has passed, so an office is not held to yesterday's typos; an email for a day, so that waiting
 * out the pause does not give a guesser five fresh attempts every quarter of an hour.
 */
const IP_MEMORY_SECONDS = MAX_LOCK_SECONDS;
const EMAIL_MEMORY_SECONDS = 24 * 60 * 60;
/** Purging is opportunistic: a bounded batch per attempt keeps every sign-in quick. */
const PURGE_BATCH = 500;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** A hash of a random password: unknown emails cost the same time as known ones. */
const DUMMY_HASH = '$2b$10$O71yjndX.U5Yz9jCUPWEgu5NRtjbaW3b1w/fZo7dituQlBGlnbyjS';

type Key = { key: string; free: number };

/** The pause after the given number of failures: none within the free ones, then 30 s doubling to 15 min. */
function lockedUntil(failures: SQL, free: number, now: Date): SQL {
  // The exponent is capped so that power() cannot overflow for a key with thousands of failures.
  return sql`case when ${failures} >= ${free} then ${now.toISOString()}::timestamptz
    + least(${MAX_LOCK_SECONDS}, ${BASE_LOCK_SECONDS} * power(2, least(${failures} - ${free}, 16)))
    * interval '1 second' end`;
}

/**
 * Counts the attempt before the password is checked, in one statement per key: a key still in its pause
 * is left as it is and the attempt refused; otherwise its count goes up and its next pause is set at once,
 * so parallel attempts cannot all slip through before the first failure is written.
 * Returns the seconds to wait, or 0 when the attempt may be checked.
 */
async function countAttempt(tx: DbOrTx, { key, free }: Key, now: Date): Promise<number> {
  const counted = await tx.execute<{ failures: number }>(sql`
    insert into login_throttle as t (key, failures, last_failure_at, locked_until)
    values (${key}, 1, ${now.toISOString()}, ${lockedUntil(sql`1`, free, now)})
    on conflict (key) do update set
      failures = t.failures + 1,
      last_failure_at = excluded.last_failure_at,
      locked_until = ${lockedUntil(sql`(t.failures + 1)`, free, now)}
    where t.locked_until is null or t.locked_until <= excluded.last_failure_at
    returning failures`);
  if (counted.length > 0) return 0;
  // ON CONFLICT locked the row even though it was not updated: its pause cannot change under us.
  const [row] = await tx
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(eq(loginThrottle.key, key));
  return Math.max(1, Math.ceil(((row?.lockedUntil?.getTime() ?? 0) - now.getTime()) / 1000));
}

/** Where an attempt comes from; `ip` is null when it cannot be told (then only the email is limited). */
export type Attempt = { ip?: string | null; now?: Date };

/**
 * Checks an email and password. The answer never says which of the two was wrong. Every attempt counts
 * as a failure until the password proves right: after FREE_FAILURES for one email, or IP_FREE_FAILURES
 * from one address, attempts are refused until a doubling pause has passed.
 */
export async function signIn(
  db: DbOrTx,
  rawEmail: string,
  password: string,
  { ip = null, now = new Date() }: Attempt = {},
): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  // No address or password of ours is this long: refused before it costs a row or a hash.
  if (email.length > 320 || password.length > 1000) return { ok: false, reason: 'invalid' };
  const emailKey: Key = { key: `email:${email}`, free: FREE_FAILURES };
  const ipKey: Key | null = ip ? { key: `ip:${ip}`, free: IP_FREE_FAILURES } : null;
  const wait = await db.transaction(async (tx) => {
    // SKIP LOCKED: a purge never waits for, or deadlocks with, attempts counting on the same rows.
    await tx.execute(sql`
      delete from login_throttle where key in (
        select key from login_throttle
        where last_failure_at < ${new Date(now.getTime() - IP_MEMORY_SECONDS * 1000).toISOString()}
          and (key like 'ip:%'
            or last_failure_at < ${new Date(now.getTime() - EMAIL_MEMORY_SECONDS * 1000).toISOString()})
        limit ${PURGE_BATCH} for update skip locked)`);
    // The address first: a refused address adds no row for the email it tried (keys are bounded per
    // client), and every attempt locks its two rows in the same order.
    const ipWait = ipKey ? await countAttempt(tx, ipKey, now) : 0;
    return ipWait || countAttempt(tx, emailKey, now);
  });
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!(user && matches && user.active)) return { ok: false, reason: 'invalid' };
  await db.transaction(async (tx) => {
    // Success forgets the email's failures; the address only gets back the attempt it counted, so a
    // guesser with one valid account cannot wipe out the failures of their other guesses.
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, emailKey.key));
    if (ipKey) {
      await tx.execute(sql`
        update login_throttle set failures = failures - 1,
          locked_until = case when failures - 1 >= ${ipKey.free} then locked_until end
        where key = ${ipKey.key}`);
    }
  });
  return {
    ok: true,
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      locale: user.locale,
      sessionVersion: user.sessionVersion,
    },
  };
}
