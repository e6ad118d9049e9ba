import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankAccounts, organizations } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';
import { setSetting } from '@/lib/settings/settings';
import { checkLedger, rebuildBalances } from './check';

const test = isolatedDatabase({ connections: 50 });
let f: Awaited<ReturnType<typeof stockFixtures>>;
let accountId: number;

beforeAll(async () => {
  f = await stockFixtures(test.db, 6);
  const [organization] = await test.db
    .insert(organizations)
    .values({ name: 'ООО «Торг»', inn: '7730123456' })
    .returning();
  const [account] = await test.db
    .insert(bankAccounts)
    .values({
      organizationId: organization!.id,
      bankName: 'ПАО Сбербанк',
      bik: '044525225',
      accountNumber: '40702810938000012345',
    })
    .returning();
  accountId = account!.id;
});

/** Non-zero balances (a rebuild does not recreate rows that netted to zero). */
const snapshot = () =>
  test.db.execute(sql`
    select 'stock' as r, warehouse_id as a, product_id as b, quantity::text as x, null as y from stock_balances where quantity <> 0
    union all select 'cost', product_id, null, quantity::text, amount::text from cost_balances where quantity <> 0 or amount <> 0
    union all select 'supplier', partner_id, order_id, amount::text, null from supplier_settlement_balances where amount <> 0
    union all select 'expected:' || order_id, warehouse_id, product_id, quantity::text, null from expected_goods_balances
      where quantity <> 0
    union all select 'cash', bank_account_id, null, amount::text, null from cash_balances where amount <> 0
    union all select 'client', partner_id, order_id, amount::text, null from client_settlement_balances where amount <> 0
    union all select 'supplier-day:' || day, partner_id, null, increase::text, decrease::text
      from supplier_settlement_daily_turnovers where increase <> 0 or decrease <> 0
    union all select 'day:' || day, warehouse_id, product_id, receipt::text, issue::text from stock_daily_turnovers
      where receipt <> 0 or issue <> 0
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
    const kinds = [
      'goods_receipt',
      'goods_receipt',
      'stock_surplus',
      'stock_shortage',
      'transfer',
      'transfer',
      'supplier_order',
      'supplier_order',
      'goods_receipt',
      'bank_payment',
    ] as const;
    type Kind = (typeof kinds)[number];
    const docs: { id: number; kind: Kind }[] = [];
    // Each supplier order's warehouse and lines as last saved: receipts of it take some of them.
    const orderInputs = new Map<
      number,
      { warehouseId: number; lines: { productId: number; quantity: string; price: string }[] }
    >();
    const supplierOrders = () => [...orderInputs.keys()];
    const money = () => (1 + Math.floor(random() * 500000) / 100).toFixed(2);
    // Receipts are made from a supplier order half the time; payments pay one (or refund, or other).
    const input = (kind: Kind) => {
      if (kind === 'bank_payment') {
        const paymentKind = pick(['supplier', 'supplier', 'supplier', 'client_refund', 'other'] as const);
        const orders = supplierOrders();
        const amount = money();
        return {
          date: date(),
          paymentKind,
          partnerId: f.supplier.id,
          bankAccountId: accountId,
          amount,
          allocations:
            paymentKind === 'supplier' && orders.length > 0 && random() < 0.7
              ? [{ orderId: pick(orders), amount: (Number(amount) * random()).toFixed(2) }]
              : [],
        };
      }
      const from = pick(warehouses);
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        productId: pick(productIds),
        quantity: String(1 + Math.floor(random() * 5)),
        price: (10 + Math.floor(random() * 100000) / 100).toFixed(2),
      }));
      const orders = supplierOrders();
      const basedOnId = kind === 'goods_receipt' && orders.length > 0 && random() < 0.5 ? pick(orders) : null;
      const base = basedOnId ? orderInputs.get(basedOnId)! : null;
      return {
        date: date(),
        partnerId: f.supplier.id,
        warehouseId: base?.warehouseId ?? from,
        warehouseToId: from === f.main.id ? f.second.id : f.main.id,
        supplierOrderStatus: pick([
          'to_receive',
          'to_receive',
          'to_receive',
          'not_agreed',
          'closed',
        ] as const),
        basedOnId,
        updatePrices: random() < 0.2,
        lines: base
          ? base.lines.map((l) => ({ ...l, quantity: String(1 + Math.floor(random() * Number(l.quantity))) }))
          : lines,
      };
    };
    const date = () =>
      `2026-${String(1 + Math.floor(random() * 11)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:00:00Z`;
    let applied = 0;
    for (let op = 0; op < 2000; op++) {
      if (op === 1000) await setSetting(test.db, 'negative_stock_allowed', true);
      const roll = random();
      let result: { ok: true; id: number } | { ok: false };
      if (roll < 0.45 || docs.length === 0) {
        const kind = pick(kinds);
        const made = input(kind);
        result = await saveDocument(test.db, kind, null, made, null, { post: random() < 0.9 });
        if (result.ok) docs.push({ id: result.id, kind });
        if (result.ok && kind === 'supplier_order') orderInputs.set(result.id, made as never);
      } else {
        const doc = pick(docs);
        if (roll < 0.65) {
          const made = input(doc.kind);
          result = await saveDocument(test.db, doc.kind, doc.id, made, null);
          if (result.ok && doc.kind === 'supplier_order') orderInputs.set(doc.id, made as never);
        } else if (roll < 0.75)
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
    // The purchase kinds took part: orders expecting goods, receipts of them, payments of them.
    const [took] = (await test.db.execute(sql`
      select count(*) filter (where kind = 'supplier_order')::int as orders,
        count(*) filter (where kind = 'goods_receipt' and based_on_id is not null)::int as receipts,
        count(*) filter (where kind = 'bank_payment')::int as payments
      from documents where status = 'posted'`)) as unknown as {
      orders: number;
      receipts: number;
      payments: number;
    }[];
    expect(Math.min(took!.orders, took!.receipts, took!.payments)).toBeGreaterThan(10);
    expect(await checkLedger(test.db)).toEqual([]);
    const incremental = await snapshot();
    await rebuildBalances(test.db);
    expect(await snapshot()).toEqual(incremental);
  }, 240_000);
});
