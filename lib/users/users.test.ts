import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loginThrottle, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { FREE_FAILURES, signIn } from './sign-in';
import { activeUser, createUser, resetPassword, revokeSessions, updateUser } from './users';

const test = isolatedDatabase();

describe('users', () => {
  let adminId = 0;
  let managerId = 0;

  it('creates users with hashed passwords and refuses a duplicate email in any case', async () => {
    const admin = await createUser(
      test.db,
      { email: 'Admin@Torg.test', name: 'Админ', role: 'admin', password: 'secret-123' },
      null,
    );
    expect(admin.ok).toBe(true);
    adminId = admin.ok ? admin.id : 0;
    const manager = await createUser(
      test.db,
      { email: 'm@torg.test', name: 'Менеджер', role: 'manager', password: 'secret-123' },
      adminId,
    );
    managerId = manager.ok ? manager.id : 0;
    expect(
      await createUser(
        test.db,
        { email: 'ADMIN@torg.test', name: 'X', role: 'admin', password: 'secret-123' },
        null,
      ),
    ).toEqual({
      ok: false,
      errors: { email: 'duplicate_email' },
    });
    expect(
      await createUser(test.db, { email: 'bad', name: '', role: 'boss', password: 'short' }, null),
    ).toEqual({
      ok: false,
      errors: { email: 'email_invalid', name: 'required', role: 'required', password: 'password_short' },
    });
  });

  it('signs in with the right password only, never saying which part was wrong', async () => {
    const ok = await signIn(test.db, ' admin@torg.TEST ', 'secret-123');
    expect(ok).toMatchObject({ ok: true, user: { id: adminId, role: 'admin' } });
    expect(await signIn(test.db, 'admin@torg.test', 'wrong')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(test.db, 'nobody@torg.test', 'secret-123')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('slows down repeated failures, even for the right password, and forgets them after success', async () => {
    const now = new Date('2026-11-27T10:00:00Z');
    await test.db.delete(loginThrottle);
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect(await signIn(test.db, 'm@torg.test', `guess-${i}`, { now })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(await signIn(test.db, 'm@torg.test', 'secret-123', { now })).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: 30,
    });
    const later = new Date(now.getTime() + 31_000);
    expect((await signIn(test.db, 'm@torg.test', 'secret-123', { now: later })).ok).toBe(true);
    expect(
      await test.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'email:m@torg.test')),
    ).toEqual([]);
  });

  it('deactivated users cannot sign in and lose their session at once', async () => {
    expect(
      (await updateUser(test.db, managerId, { name: 'Менеджер', role: 'manager', locale: 'ru' }, adminId)).ok,
    ).toBe(true);
    expect(await activeUser(test.db, managerId, 1)).toBeNull();
    expect(await signIn(test.db, 'm@torg.test', 'secret-123')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps at least one active administrator', async () => {
    expect(
      await updateUser(test.db, adminId, { name: 'Админ', role: 'leader', active: 'on' }, adminId),
    ).toEqual({
      ok: false,
      errors: { role: 'last_admin' },
    });
    expect(await updateUser(test.db, adminId, { name: 'Админ', role: 'admin' }, adminId)).toEqual({
      ok: false,
      errors: { role: 'last_admin' },
    });
  });

  it('resets a password', async () => {
    expect(await resetPassword(test.db, adminId, { password: '123' }, adminId)).toEqual({
      ok: false,
      errors: { password: 'password_short' },
    });
    expect((await resetPassword(test.db, adminId, { password: 'new-secret-1' }, adminId)).ok).toBe(true);
    expect((await signIn(test.db, 'admin@torg.test', 'new-secret-1')).ok).toBe(true);
  });
});

describe('session revocation', () => {
  let id = 0;
  const version = async () =>
    (await test.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)))[0]?.v;

  it('a session counts only with the version it was issued with', async () => {
    const created = await createUser(
      test.db,
      { email: 'sessions@torg.test', name: 'Сеансы', role: 'manager', password: 'secret-123' },
      null,
    );
    id = created.ok ? created.id : 0;
    expect(await signIn(test.db, 'sessions@torg.test', 'secret-123')).toMatchObject({
      ok: true,
      user: { id, sessionVersion: 1 },
    });
    expect(await activeUser(test.db, id, 1)).toMatchObject({ id, sessionVersion: 1 });
    expect(await activeUser(test.db, id, 0)).toBeNull();
  });

  it('sign-out revokes the sessions issued so far', async () => {
    await revokeSessions(test.db, id);
    expect(await version()).toBe(2);
    expect(await activeUser(test.db, id, 1)).toBeNull();
    expect(await activeUser(test.db, id, 2)).toMatchObject({ id });
  });

  it('a password reset revokes them', async () => {
    expect((await resetPassword(test.db, id, { password: 'another-secret' }, null)).ok).toBe(true);
    expect(await version()).toBe(3);
    expect(await activeUser(test.db, id, 2)).toBeNull();
  });

  it('deactivation revokes them; other edits do not', async () => {
    const edit = (active: string) =>
      updateUser(test.db, id, { name: 'Сеансы', role: 'manager', active }, null);
    expect((await edit('on')).ok).toBe(true);
    expect(await version()).toBe(3);
    expect((await edit('')).ok).toBe(true);
    expect(await version()).toBe(4);
    expect((await edit('on')).ok).toBe(true);
    expect(await activeUser(test.db, id, 3)).toBeNull();
    expect(await activeUser(test.db, id, 4)).toMatchObject({ id });
  });
});

describe('extensions', () => {
  it('a user gets an internal extension; digits only, and no two users share one', async () => {
    const input = (email: string, extension: string) => ({
      email,
      name: email,
      role: 'manager',
      password: 'password-123',
      extension,
    });
    const first = await createUser(test.db, input('ext1@torg.test', '201'), null);
    expect(first).toMatchObject({ ok: true });
    expect(await createUser(test.db, input('ext2@torg.test', '201'), null)).toEqual({
      ok: false,
      errors: { extension: 'duplicate_extension' },
    });
    expect(await createUser(test.db, input('ext3@torg.test', '20a'), null)).toMatchObject({
      ok: false,
      errors: { extension: 'extension_invalid' },
    });
    const second = await createUser(test.db, input('ext4@torg.test', ''), null);
    if (!first.ok || !second.ok) throw new Error('not created');
    const edit = (id: number, extension: string) =>
      updateUser(test.db, id, { name: 'Ext', role: 'manager', active: 'on', extension }, null);
    expect(await edit(second.id, '201')).toEqual({ ok: false, errors: { extension: 'duplicate_extension' } });
    expect((await edit(first.id, '201')).ok).toBe(true);
    expect((await edit(second.id, '202')).ok).toBe(true);
    const [row] = await test.db
      .select({ extension: users.extension })
      .from(users)
      .where(eq(users.id, second.id));
    expect(row?.extension).toBe('202');
  });
});
