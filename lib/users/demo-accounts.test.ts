import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '@/db/demo-accounts';
import { documents, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { isolatedDatabase } from '@/db/testing';
import { getSetting } from '@/lib/settings/settings';
import { removeDemoAccounts } from './demo-accounts';
import { signIn } from './sign-in';
import { activeUser, createUser } from './users';

const test = isolatedDatabase();
const demoEmails = demoUsers.map((u) => u.email);
const demoRows = () => test.db.select().from(users).where(inArray(users.email, demoEmails));

describe('removing the demo accounts', () => {
  it('is refused while a demo account is the only active administrator', async () => {
    await seedDemoData(test.db);
    const [demoAdmin] = await test.db.select().from(users).where(eq(users.email, 'admin@torg.demo'));
    expect(await removeDemoAccounts(test.db, demoAdmin!.id)).toEqual({ ok: false, error: 'demo_last_admin' });
    expect((await demoRows()).every((u) => u.active)).toBe(true);
    expect(await getSetting(test.db, 'demo_accounts')).toBe(true);
  });

  it('deactivates them with a password nobody knows and ends their sessions, keeping what refers to them', async () => {
    const own = await createUser(
      test.db,
      { email: 'owner@example.com', name: 'Владелец', role: 'admin', password: 'owner-secret' },
      null,
    );
    if (!own.ok) throw new Error('admin not created');
    const before = await demoRows();
    expect(await removeDemoAccounts(test.db, own.id)).toEqual({ ok: true });

    const after = await demoRows();
    expect(after).toHaveLength(demoUsers.length);
    for (const user of after) {
      const was = before.find((u) => u.id === user.id)!;
      expect(user.active).toBe(false);
      expect(user.passwordHash).not.toBe(was.passwordHash);
      expect(user.sessionVersion).toBe(was.sessionVersion + 1);
      expect(await activeUser(test.db, user.id, was.sessionVersion)).toBeNull();
      expect(await signIn(test.db, user.email, DEMO_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await getSetting(test.db, 'demo_accounts')).toBe(false);
    expect((await signIn(test.db, 'owner@example.com', 'owner-secret')).ok).toBe(true);
    // The opening stock receipts still name their (now inactive) author.
    const authors = await test.db.select({ authorId: documents.authorId }).from(documents);
    expect(authors.length).toBeGreaterThan(0);
    expect(authors.every((d) => before.some((u) => u.id === d.authorId))).toBe(true);
  });
});
