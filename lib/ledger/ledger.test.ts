import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cashDesks, partners, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';
import { setSetting } from '@/lib/settings/settings';
import { checkLedger, rebuildBalances } from './check';

const test = isolatedDatabase({ connections: 50 });
let f: Awaited<ReturnType<typeof stockFixtures>>;
let desks: number[];
let client: number;
let employee: number;

beforeAll(async () => {
  f = await stockFixtures(test.db, 6);
  desks = (
    await test.db
      .insert(cashDesks)
      .values([{ name: 'Основная касса' }, { name: 'Касса магазина' }])
      .returning()
  ).map((d) => d.id);
  const [c] = await test.db.insert(partners).values({ name: 'Клиент за наличные' }).returning();
  const [u] = await test.db
    .insert(users)
    .values({ email: 'cashier@test', name: 'Кассир', role: 'manager', passwordHash: '-' })
    .returning();
  [client, employee] = [c!.id, u!.id];
});

/** Non-zero balances (a rebuild does not recreate rows that netted to zero). */
const snapshot = () =>
  test.db.execute(sql`
    select 'stock' as r, warehouse_id as a, product_id as b, quantity::text as x, null as y from stock_balances where quantity <> 0
    union all select 'cost', product_id, null, quantity::text, amount::text from cost_balances where quantity <> 0 or amount <> 0
    union all select 'supplier', partner_id, null, amount::text, null from supplier_settlement_balances where amount <> 0
    union all select 'day:' || day, warehouse_id, product_id, receipt::text, issue::text from stock_daily_turnovers
      where receipt <> 0 or issue <> 0
    union all select 'cash', bank_account_id, cash_desk_id, amount::text, null from cash_balances where amount <> 0
    union all select 'client', partner_id, order_id, amount::text, null from client_settlement_balances where amount <> 0
    union all select 'cash:' || day, bank_account_id, cash_desk_id, receipt::text, expense::text from cash_daily_turnovers
      where receipt <> 0 or expense <> 0
    order by 1, 2, 3`);

describe('concurrency', () => {
  it('50 concurrent write-offs of 1 unit against 10 on hand: exactly 10 go through', async () => {
    const product = f.products[0]!.id;
    const receipt = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      {
        date: '2026-11-01T09:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: product, quantity: '10', price: '100' }],
      },
      null,
      { post: true },
    );
    expect(receipt.ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        saveDocument(
          test.db,
          'stock_shortage',
          null,
          {
            date: '2026-11-02T09:00:00Z',
            warehouseId: f.main.id,
            lines: [{ productId: product, quantity: '1' }],
          },
          null,
          { post: true },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && 'shortages' in r)).toHaveLength(40);
    const [stock] = await test.db.execute<{ q: string }>(
      sql`select quantity::text as q from stock_balances where product_id = ${product} and warehouse_id = ${f.main.id}`,
    );
    expect(stock?.q).toBe('0.000');
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('random operations', () => {
  it('after thousands of random posts, unposts, re-posts, edits and deletions the ledger is exact', async () => {
    const random = prng(42);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const warehouses = [f.main.id, f.second.id];
    const productIds = f.products.map((p) => p.id);
    type Kind = (typeof kinds)[number];
    const docs: { id: number; kind: Kind }[] = [];
    const date = () =>
      `2026-${String(1 + Math.floor(random() * 11)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:00:00Z`;
    const money = (max: number) => (1 + Math.floor(random() * max * 100) / 100).toFixed(2);
    /** Cash in and out of two desks: payouts beyond what a desk holds are refused, never negative. */
    const cashInput = (kind: 'cash_receipt' | 'cash_payment') => {
      if (kind === 'cash_receipt')
        return { date: date(), partnerId: client, cashDeskId: pick(desks), amount: money(5000) };
      const cashOperation = pick(['supplier_payment', 'client_refund', 'employee_advance'] as const);
      return {
        date: date(),
        cashDeskId: pick(desks),
        cashOperation,
        partnerId: cashOperation === 'supplier_payment' ? f.supplier.id : client,
        employeeId: employee,
        amount: money(3000),
      };
    };
    const input = (kind: Kind) => {
      if (kind === 'cash_receipt' || kind === 'cash_payment') return cashInput(kind);
      const from = pick(warehouses);
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        productId: pick(productIds),
        quantity: String(1 + Math.floor(random() * 5)),
        price: (10 + Math.floor(random() * 100000) / 100).toFixed(2),
      }));
      return {
        date: date(),
        partnerId: f.supplier.id,
        warehouseId: from,
        warehouseToId: from === f.main.id ? f.second.id : f.main.id,
        lines,
      };
    };
    const kinds = [
      'goods_receipt',
      'goods_receipt',
      'stock_surplus',
      'stock_shortage',
      'transfer',
      'transfer',
      'cash_receipt',
      'cash_payment',
      'cash_payment',
    ] as const;
    let applied = 0;
    for (let op = 0; op < 2000; op++) {
      if (op === 1000) await setSetting(test.db, 'negative_stock_allowed', true);
      const roll = random();
      let result: { ok: true; id: number } | { ok: false };
      if (roll < 0.45 || docs.length === 0) {
        const kind = pick(kinds);
        result = await saveDocument(test.db, kind, null, input(kind), null, { post: random() < 0.9 });
        if (result.ok) docs.push({ id: result.id, kind });
      } else {
        const doc = pick(docs);
        if (roll < 0.65) result = await saveDocument(test.db, doc.kind, doc.id, input(doc.kind), null);
        else if (roll < 0.75)
          result = await changeDocumentStatus(test.db, doc.id, 'post', null).catch(() => ({
            ok: false as const,
          }));
        else if (roll < 0.88) result = await changeDocumentStatus(test.db, doc.id, 'unpost', null);
        else if (roll < 0.95) result = await changeDocumentStatus(test.db, doc.id, 'mark_deleted', null);
        else result = await changeDocumentStatus(test.db, doc.id, 'restore', null);
      }
      if (result.ok) applied++;
    }
    expect(applied).toBeGreaterThan(1000);
    // Cash desks never went negative, whatever was refused on the way.
    const [lowest] = (await test.db.execute(
      sql`select coalesce(min(amount), 0)::text as amount from cash_balances where cash_desk_id <> 0`,
    )) as unknown as { amount: string }[];
    expect(Number(lowest!.amount)).toBeGreaterThanOrEqual(0);
    expect(docs.filter((d) => d.kind.startsWith('cash')).length).toBeGreaterThan(200);
    expect(await checkLedger(test.db)).toEqual([]);
    const incremental = await snapshot();
    await rebuildBalances(test.db);
    expect(await snapshot()).toEqual(incremental);
  }, 240_000);
});
