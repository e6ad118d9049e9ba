import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listPartners } from '@/lib/catalogs/partners';
import { priceOn } from '@/lib/catalogs/prices';
import { checkLedger } from '@/lib/ledger/check';
import { signIn } from '@/lib/users/sign-in';
import { isValidInn } from '@/lib/validation/ru-requisites';
import { DEMO_PASSWORD, demoUsers } from './demo-accounts';
import { partners, priceTypes, products } from './schema';
import { isEmpty, seedDemoData } from './seed';
import { isolatedDatabase } from './testing';

const test = isolatedDatabase();

async function tableCounts() {
  const rows = await test.db.execute<{ table_name: string; n: number }>(sql`
    select table_name, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I', table_name), false, true, '')))[1]::text::int as n
    from information_schema.tables where table_schema = 'public' and table_name <> 'audit_log' order by table_name`);
  return Object.fromEntries(rows.map((r) => [r.table_name, r.n]));
}

describe('demo data', () => {
  it('fills an empty database with the walkthrough data, and a second run changes nothing', async () => {
    expect(await isEmpty(test.db)).toBe(true);
    await seedDemoData(test.db);
    const first = await tableCounts();
    await seedDemoData(test.db);
    expect(await tableCounts()).toEqual(first);
    expect(first).toMatchObject({ users: 4, warehouses: 2, price_types: 3, documents: 2 });
    expect(await checkLedger(test.db)).toEqual([]);
    expect(await isEmpty(test.db)).toBe(false);
  });

  it('has the walkthrough prices at the retail price type', async () => {
    const [retail] = await test.db.select().from(priceTypes).where(eq(priceTypes.name, 'Розничная'));
    const price = async (sku: string) => {
      const [p] = await test.db.select().from(products).where(eq(products.sku, sku));
      return priceOn(test.db, p!.id, retail!.id, '2026-11-27');
    };
    expect(await price('KOND-MAN-09')).toBe('5100.00');
    expect(await price('KOND-NO-09')).toBe('6750.00');
    const [juicer] = await test.db.select().from(products).where(eq(products.sku, 'SOK-01'));
    expect(juicer?.giftable).toBe(true);
  });

  it('has valid requisites and working demo accounts', async () => {
    const all = await test.db.select({ inn: partners.inn }).from(partners);
    expect(all.every((p) => p.inn && isValidInn(p.inn))).toBe(true);
    expect((await listPartners(test.db, {})).total).toBe(all.length);
    for (const u of demoUsers) expect((await signIn(test.db, u.email, DEMO_PASSWORD)).ok).toBe(true);
    const [n] = await test.db.select({ n: count() }).from(partners).where(eq(partners.isSupplier, true));
    expect(n?.n).toBeGreaterThan(0);
  });
});
