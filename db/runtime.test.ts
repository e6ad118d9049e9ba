import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { completeSetup, setupNeeded, setupTokenValid } from '@/lib/users/setup';
import { signIn } from '@/lib/users/sign-in';
import { DEMO_PASSWORD, demoUsers } from './demo-accounts';
import { demoWanted, prepareData } from './runtime';
import { partners, products, settings, users } from './schema';
import { isolatedDatabase } from './testing';

const deployment = isolatedDatabase();
const demo = isolatedDatabase();
const appUrl = 'http://localhost:3000';

const rows = async (db: typeof deployment.db, table: typeof users | typeof partners | typeof products) =>
  (await db.select({ n: count() }).from(table))[0]?.n;
const tokenOf = (link: string | null) => new URL(link ?? 'http://x').searchParams.get('token');
const admin = { name: 'Первый Админ', email: 'Owner@Example.com', password: 'owner-secret' };

describe('start-up', () => {
  it('is a demo on the embedded database only, unless TORG_DEMO says otherwise', () => {
    expect(demoWanted({})).toBe(true);
    expect(demoWanted({ DATABASE_URL: 'postgres://db/torg' })).toBe(false);
    expect(demoWanted({ DATABASE_URL: 'postgres://db/torg', TORG_DEMO: 'on' })).toBe(true);
    expect(demoWanted({ TORG_DEMO: 'off' })).toBe(false);
    expect(() => demoWanted({ TORG_DEMO: 'yes' })).toThrow(/TORG_DEMO/);
  });

  it('a deployment start creates no users and no demo data, only a setup token kept as a hash', async () => {
    const link = await prepareData(deployment.db, { demo: false, appUrl });
    expect(link).toMatch(/^http:\/\/localhost:3000\/login\/setup\?token=[\w-]{43}$/);
    expect([
      await rows(deployment.db, users),
      await rows(deployment.db, partners),
      await rows(deployment.db, products),
    ]).toEqual([0, 0, 0]);
    const [stored] = await deployment.db.select().from(settings).where(eq(settings.key, 'setup_token'));
    expect(stored?.value).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored?.value)).not.toContain(tokenOf(link));
    expect(await setupNeeded(deployment.db)).toBe(true);
    // Commands other than the app's start (no address to print) leave the printed link alone.
    expect(await prepareData(deployment.db, { demo: false })).toBeNull();
    expect(await setupTokenValid(deployment.db, tokenOf(link))).toBe(true);
  });

  it('a new start replaces the setup link; the old one stops working', async () => {
    const old = await prepareData(deployment.db, { demo: false, appUrl });
    const fresh = await prepareData(deployment.db, { demo: false, appUrl });
    expect(await setupTokenValid(deployment.db, tokenOf(old))).toBe(false);
    expect(await setupTokenValid(deployment.db, tokenOf(fresh))).toBe(true);
  });

  it('setup creates the administrator once; a second setup is refused', async () => {
    const token = tokenOf(await prepareData(deployment.db, { demo: false, appUrl }));
    expect(await completeSetup(deployment.db, 'wrong-token', admin)).toEqual({
      ok: false,
      errors: { _form: 'setup_refused' },
    });
    expect(
      await completeSetup(deployment.db, token, { ...admin, email: 'not-an-email', password: 'short' }),
    ).toEqual({
      ok: false,
      errors: { email: 'email_invalid', password: 'password_short' },
    });
    const created = await completeSetup(deployment.db, token, { ...admin, role: 'manager', locale: 'en' });
    expect(created.ok).toBe(true);
    const [user] = await deployment.db.select().from(users);
    expect(user).toMatchObject({ email: 'owner@example.com', role: 'admin', locale: 'en', active: true });
    expect((await signIn(deployment.db, 'owner@example.com', 'owner-secret')).ok).toBe(true);

    expect(await completeSetup(deployment.db, token, { ...admin, email: 'second@example.com' })).toEqual({
      ok: false,
      errors: { _form: 'setup_refused' },
    });
    expect(await rows(deployment.db, users)).toBe(1);
    expect(await setupNeeded(deployment.db)).toBe(false);
    expect(await prepareData(deployment.db, { demo: false, appUrl })).toBeNull();
    expect(await deployment.db.select().from(settings).where(eq(settings.key, 'setup_token'))).toEqual([]);
  });

  it('a demo start still seeds the demo users, once', async () => {
    expect(await prepareData(demo.db, { demo: true, appUrl })).toBeNull();
    expect(await prepareData(demo.db, { demo: true, appUrl })).toBeNull();
    expect(await rows(demo.db, users)).toBe(demoUsers.length);
    expect((await signIn(demo.db, 'admin@torg.demo', DEMO_PASSWORD)).ok).toBe(true);
    expect(await demo.db.select().from(settings).where(eq(settings.key, 'setup_token'))).toEqual([]);
  });
});
