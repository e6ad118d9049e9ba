import { eq, like, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { loginThrottle } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { FREE_FAILURES, IP_FREE_FAILURES, signIn } from './sign-in';
import { createUser } from './users';

const test = isolatedDatabase({ connections: 20 });

const now = new Date('2026-11-27T10:00:00Z');
const wrong = (email: string, i: number, ip?: string) => signIn(test.db, email, `guess-${i}`, { now, ip });
/** How many attempts were checked against the password, and how many the throttle turned away. */
const tally = (results: Awaited<ReturnType<typeof signIn>>[]) => ({
  checked: results.filter((r) => r.ok || r.reason === 'invalid').length,
  throttled: results.filter((r) => !r.ok && r.reason === 'throttled').length,
});

describe('sign-in throttle', () => {
  beforeEach(async () => {
    await test.db.delete(loginThrottle);
  });

  it('creates the users', async () => {
    for (const email of ['race@torg.test', 'right@torg.test', 'other@torg.test']) {
      const created = await createUser(
        test.db,
        { email, name: email, role: 'manager', password: 'secret-123' },
        null,
      );
      expect(created.ok).toBe(true);
    }
  });

  it('checks at most the free failures of 40 parallel wrong passwords', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => wrong('race@torg.test', i)));
    expect(tally(results)).toEqual({ checked: FREE_FAILURES, throttled: 40 - FREE_FAILURES });
    const [row] = await test.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, 'email:race@torg.test'));
    expect(row?.failures).toBe(FREE_FAILURES);
  });

  it('checks only one of 25 parallel attempts when one failure is left, and none once the limit is hit', async () => {
    for (let i = 0; i < FREE_FAILURES - 1; i++) await wrong('right@torg.test', i);
    const racing = await Promise.all(Array.from({ length: 25 }, (_, i) => wrong('right@torg.test', 100 + i)));
    expect(tally(racing)).toEqual({ checked: 1, throttled: 24 });

    const right = signIn(test.db, 'right@torg.test', 'secret-123', { now });
    const all = await Promise.all([
      ...Array.from({ length: 24 }, (_, i) => wrong('right@torg.test', 200 + i)),
      right,
    ]);
    expect(await right).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 30 });
    expect(tally(all)).toEqual({ checked: 0, throttled: 25 });
  });

  it('doubles the pause after each further failure, up to 15 minutes', async () => {
    for (let i = 0; i < FREE_FAILURES; i++) await wrong('other@torg.test', i);
    const pauses: number[] = [];
    let at = now.getTime();
    for (let i = 0; i < 8; i++) {
      const refused = await signIn(test.db, 'other@torg.test', 'x', { now: new Date(at) });
      if (refused.ok || refused.reason !== 'throttled') throw new Error('expected a pause');
      pauses.push(refused.retryAfterSeconds);
      at += refused.retryAfterSeconds * 1000;
      expect(await signIn(test.db, 'other@torg.test', 'x', { now: new Date(at) })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(pauses).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    // The right password after the pause signs in and forgets the failures.
    at += 900_000;
    expect((await signIn(test.db, 'other@torg.test', 'secret-123', { now: new Date(at) })).ok).toBe(true);
    expect(
      await test.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'email:other@torg.test')),
    ).toEqual([]);
  });

  it('limits one address across many emails, known or not, and not other addresses', async () => {
    const results = await Promise.all(
      Array.from({ length: IP_FREE_FAILURES + 10 }, (_, i) =>
        wrong(`nobody-${i}@torg.test`, i, '203.0.113.7'),
      ),
    );
    expect(tally(results)).toEqual({ checked: IP_FREE_FAILURES, throttled: 10 });
    // Even the right password of an existing user waits, from that address only.
    expect(await signIn(test.db, 'other@torg.test', 'secret-123', { now, ip: '203.0.113.7' })).toMatchObject({
      ok: false,
      reason: 'throttled',
    });
    expect((await signIn(test.db, 'other@torg.test', 'secret-123', { now, ip: '198.51.100.1' })).ok).toBe(
      true,
    );
    // Only the attempts that reached the password check made email rows.
    const [emails] = await test.db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginThrottle)
      .where(like(loginThrottle.key, 'email:nobody-%'));
    expect(emails?.n).toBe(IP_FREE_FAILURES);
  });

  it('does not count successful sign-ins against their address', async () => {
    for (let i = 0; i < IP_FREE_FAILURES + 5; i++) {
      expect((await signIn(test.db, 'other@torg.test', 'secret-123', { now, ip: '198.51.100.2' })).ok).toBe(
        true,
      );
    }
  });

  it('forgets addresses and unknown emails whose last failure is long past', async () => {
    const long = new Date(now.getTime() - 25 * 3600_000);
    const minutes = (n: number) => new Date(now.getTime() - n * 60_000);
    await test.db.insert(loginThrottle).values([
      { key: 'email:gone@torg.test', failures: 3, lastFailureAt: long },
      { key: 'email:kept@torg.test', failures: 3, lastFailureAt: minutes(30) },
      { key: 'ip:192.0.2.1', failures: 30, lastFailureAt: minutes(16), lockedUntil: minutes(1) },
      { key: 'ip:192.0.2.2', failures: 30, lastFailureAt: minutes(5), lockedUntil: minutes(-10) },
    ]);
    await wrong('someone@torg.test', 1);
    const keys = (await test.db.select({ key: loginThrottle.key }).from(loginThrottle))
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(['email:kept@torg.test', 'email:someone@torg.test', 'ip:192.0.2.2']);
  });
});
