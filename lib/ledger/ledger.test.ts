import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withStatementsAtCommit } from '@/db/at-commit';
import { bankAccounts, cashDesks, organizations, partners, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';
import { setSetting } from '@/lib/settings/settings';
import { writeMovements } from './apply';
import { checkLedger, rebuildBalances } from './check';

const test = isolatedDatabase({ connections: 50 });
let f: Awaited<ReturnType<typeof stockFixtures>>;
let accountId: number;
let desks: number[];
let employee: number;

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
  desks = (
    await test.db
      .insert(cashDesks)
      .values([{ name: 'Основная касса' }, { name: 'Касса магазина' }])
      .returning()
  ).map((d) => d.id);
  const [u] = await test.db
    .insert(users)
    .values({ email: 'cashier@test', name: 'Кассир', role: 'manager', passwordHash: '-' })
    .returning();
  employee = u!.id;
});

/** Non-zero balances (a rebuild does not recreate rows that netted to zero). */
const snapshot = () =>
  test.db.execute(sql`
    select 'stock' as r, warehouse_id as a, product_id as b, quantity::text as x, null as y from stock_balances where quantity <> 0
    union all select 'cost', product_id, null, quantity::text, amount::text from cost_balances where quantity <> 0 or amount <> 0
    union all select 'supplier', partner_id, order_id, amount::text, null from supplier_settlement_balances where amount <> 0
    union all select 'expected:' || order_id, warehouse_id, product_id, quantity::text, null from expected_goods_balances
      where quantity <> 0
    union all select 'client', partner_id, order_id, amount::text, null from client_settlement_balances where amount <> 0
    union all select 'supplier-day:' || day, partner_id, null, increase::text, decrease::text
      from supplier_settlement_daily_turnovers where increase <> 0 or decrease <> 0
    union all select 'sales:' || partner_id || ':' || order_id, product_id, manager_id, quantity::text,
      revenue::text || '/' || vat::text || '/' || cost::text from sales_balances
      where quantity <> 0 or revenue <> 0 or vat <> 0 or cost <> 0
    union all select 'day:' || day, warehouse_id, product_id, receipt::text, issue::text from stock_daily_turnovers
      where receipt <> 0 or issue <> 0
    union all select 'cash', bank_account_id, cash_desk_id, amount::text, null from cash_balances where amount <> 0
    union all select 'cash:' || day, bank_account_id, cash_desk_id, receipt::text, expense::text from cash_daily_turnovers
      where receipt <> 0 or expense <> 0
    order by 1, 2, 3`);

describe('concurrency', () => {
  /** 10 units of the product on hand at the main warehouse. */
  const receiveTen = async (productId: number) => {
    const receipt = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      {
        date: '2026-11-01T09:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId, quantity: '10', price: '100' }],
      },
      null,
      { post: true },
    );
    expect(receipt.ok).toBe(true);
  };

  it('50 concurrent write-offs of 1 unit against 10 on hand: exactly 10 go through', async () => {
    const product = f.products[0]!.id;
    await receiveTen(product);
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

  it('30 concurrent orders reserving 1 unit of 10 available: exactly 10 reserve', async () => {
    const product = f.products[1]!.id;
    const [client] = await test.db.insert(partners).values({ name: 'Резерв' }).returning();
    await receiveTen(product);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        saveDocument(
          test.db,
          'customer_order',
          null,
          {
            date: '2026-11-02T09:00:00Z',
            partnerId: client!.id,
            warehouseId: f.main.id,
            lines: [{ productId: product, quantity: '1', price: '150', action: 'reserve' }],
          },
          null,
          { post: true },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && 'shortages' in r)).toHaveLength(20);
    const [reserved] = await test.db.execute<{ q: string }>(
      sql`select sum(quantity)::text as q from reservation_balances where product_id = ${product} and warehouse_id = ${f.main.id}`,
    );
    expect(reserved?.q).toBe('10.000');
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
    const [client] = await test.db
      .insert(partners)
      .values({ name: 'Климат-Сервис', inn: '7701234560' })
      .returning();
    const date = () =>
      `2026-${String(1 + Math.floor(random() * 11)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T10:00:00Z`;
    const quantity = () => String(1 + Math.floor(random() * 5));
    const price = () => (10 + Math.floor(random() * 100000) / 100).toFixed(2);
    // Each supplier order's warehouse and lines as last saved: receipts of it take some of them.
    const orderInputs = new Map<
      number,
      { warehouseId: number; lines: { productId: number; quantity: string; price: string }[] }
    >();
    const supplierOrders = () => [...orderInputs.keys()];
    const input = () => {
      const from = pick(warehouses);
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        productId: pick(productIds),
        quantity: quantity(),
        price: price(),
      }));
      return {
        date: date(),
        partnerId: f.supplier.id,
        warehouseId: from,
        warehouseToId: from === f.main.id ? f.second.id : f.main.id,
        supplierOrderStatus: pick([
          'to_receive',
          'to_receive',
          'to_receive',
          'not_agreed',
          'closed',
        ] as const),
        updatePrices: random() < 0.2,
        lines,
      };
    };
    /** A receipt, half the time of a supplier order: some of what the order has. */
    const receipt = () => {
      const orders = supplierOrders();
      const basedOnId = orders.length > 0 && random() < 0.5 ? pick(orders) : null;
      if (!basedOnId) return input();
      const base = orderInputs.get(basedOnId)!;
      return {
        ...input(),
        warehouseId: base.warehouseId,
        basedOnId,
        lines: base.lines.map((l) => ({
          ...l,
          quantity: String(1 + Math.floor(random() * Number(l.quantity))),
        })),
      };
    };
    /** A payment to the supplier (most of the time allocated to one of his orders), a refund or other. */
    const payment = () => {
      const paymentKind = pick(['supplier', 'supplier', 'supplier', 'client_refund', 'other'] as const);
      const orders = supplierOrders();
      const amount = money(5000);
      return {
        date: date(),
        paymentKind,
        partnerId: paymentKind === 'client_refund' ? client!.id : f.supplier.id,
        bankAccountId: accountId,
        amount,
        allocations:
          paymentKind === 'supplier' && orders.length > 0 && random() < 0.7
            ? [{ orderId: pick(orders), amount: (Number(amount) * random()).toFixed(2) }]
            : [],
      };
    };
    /** A sale of an order of its own, and what its edits may ship of the order's lines. */
    const sale = async () => {
      const lines = Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
        productId: pick(productIds),
        quantity: quantity(),
        price: price(),
      }));
      const order = await saveDocument(
        test.db,
        'customer_order',
        null,
        { date: date(), partnerId: client!.id, warehouseId: f.main.id, lines },
        null,
        { post: true },
      );
      if (!order.ok) return null;
      return () => ({
        date: date(),
        partnerId: client!.id,
        warehouseId: f.main.id,
        basedOnId: order.id,
        lines: lines.map((l) => ({
          productId: l.productId,
          quantity: String(1 + Math.floor(random() * Number(l.quantity))),
        })),
      });
    };
    const money = (max: number) => (1 + Math.floor(random() * max * 100) / 100).toFixed(2);
    /** Cash in and out of two desks: payouts beyond what a desk holds are refused, never negative. */
    const cash = (kind: 'cash_receipt' | 'cash_payment') => () => {
      if (kind === 'cash_receipt')
        return { date: date(), partnerId: client!.id, cashDeskId: pick(desks), amount: money(5000) };
      const paymentKind = pick(['supplier', 'client_refund', 'employee_advance'] as const);
      return {
        date: date(),
        cashDeskId: pick(desks),
        paymentKind,
        partnerId: paymentKind === 'supplier' ? f.supplier.id : client!.id,
        employeeId: employee,
        amount: money(3000),
      };
    };
    /** A return of some of what a sale or a receipt had (or more: refused at the line). */
    const returnOf = (basis: Doc, partnerId: number) => () => ({
      date: date(),
      partnerId,
      warehouseId: pick(warehouses),
      basedOnId: basis.id,
      lines: [
        { productId: pick(basis.productIds), quantity: String(1 + Math.floor(random() * 3)), price: price() },
      ],
    });
    type Kind =
      | 'goods_receipt'
      | 'stock_surplus'
      | 'stock_shortage'
      | 'transfer'
      | 'sales'
      | 'client_return'
      | 'supplier_return'
      | 'supplier_order'
      | 'bank_payment'
      | 'cash_receipt'
      | 'cash_payment';
    type Doc = { id: number; kind: Kind; input: () => Record<string, unknown>; productIds: number[] };
    const docs: Doc[] = [];
    const kinds: Kind[] = [
      'goods_receipt',
      'goods_receipt',
      'stock_surplus',
      'stock_shortage',
      'transfer',
      'transfer',
      'sales',
      'client_return',
      'supplier_return',
      'supplier_order',
      'supplier_order',
      'goods_receipt',
      'bank_payment',
      'cash_receipt',
      'cash_payment',
      'cash_payment',
    ];
    let applied = 0;
    for (let op = 0; op < 3000; op++) {
      if (op === 1500) await setSetting(test.db, 'negative_stock_allowed', true);
      const roll = random();
      let result: { ok: true; id: number } | { ok: false };
      if (roll < 0.45 || docs.length === 0) {
        const kind = pick(kinds);
        let make: (() => Record<string, unknown>) | null = input;
        if (kind === 'sales') make = await sale();
        else if (kind === 'goods_receipt') make = receipt;
        else if (kind === 'bank_payment') make = payment;
        else if (kind === 'cash_receipt' || kind === 'cash_payment') make = cash(kind);
        else if (kind === 'client_return' || kind === 'supplier_return') {
          const bases = docs.filter((d) => d.kind === (kind === 'client_return' ? 'sales' : 'goods_receipt'));
          make = bases.length
            ? returnOf(pick(bases), kind === 'client_return' ? client!.id : f.supplier.id)
            : null;
        }
        if (!make) continue;
        const values = make();
        result = await saveDocument(test.db, kind, null, values, null, { post: random() < 0.9 });
        const lines = (values.lines ?? []) as { productId: number }[];
        if (result.ok)
          docs.push({ id: result.id, kind, input: make, productIds: lines.map((l) => l.productId) });
        if (result.ok && kind === 'supplier_order') orderInputs.set(result.id, values as never);
      } else {
        const doc = pick(docs);
        if (roll < 0.65) {
          const values = doc.input();
          result = await saveDocument(test.db, doc.kind, doc.id, values, null);
          if (result.ok && doc.kind === 'supplier_order') orderInputs.set(doc.id, values as never);
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
    expect(applied).toBeGreaterThan(1500);
    // Every kind had its share of what went through.
    const posted = (await test.db.execute(
      sql`select kind::text, count(*)::int as n from documents where status = 'posted' group by 1`,
    )) as unknown as { kind: string; n: number }[];
    for (const kind of ['sales', 'client_return', 'supplier_return', 'cash_receipt', 'cash_payment'])
      expect(posted.find((p) => p.kind === kind)?.n ?? 0).toBeGreaterThan(10);
    // The purchase kinds took part too: orders expecting goods, receipts of them, payments of them.
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
    // Cash desks never went negative, whatever was refused on the way.
    const [lowest] = (await test.db.execute(
      sql`select coalesce(min(amount), 0)::text as amount from cash_balances where cash_desk_id <> 0`,
    )) as unknown as { amount: string }[];
    expect(Number(lowest!.amount)).toBeGreaterThanOrEqual(0);
    expect(await checkLedger(test.db)).toEqual([]);
    const incremental = await snapshot();
    await rebuildBalances(test.db);
    expect(await snapshot()).toEqual(incremental);
  }, 240_000);
});

describe('turnovers at commit', () => {
  it('are written once at the end of the transaction, net of every posting in it, and the ledger check agrees', async () => {
    const product = f.products[1]!.id;
    const draft = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      {
        date: '2026-12-05T09:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: product, quantity: '1', price: '1' }],
      },
      null,
    );
    if (!draft.ok) throw new Error('draft not saved');
    const day = () =>
      test.db.execute(sql`select receipt::text, issue::text from stock_daily_turnovers
        where day = '2026-12-05' and warehouse_id = ${f.main.id} and product_id = ${product}`);
    const moment = new Date('2026-12-05T09:00:00Z');
    const stock = (quantity: string) => ({
      stock: [{ warehouse_id: f.main.id, product_id: product, quantity }],
      cost: [{ product_id: product, quantity, amount: quantity }],
    });
    await test.db.transaction((tx) =>
      withStatementsAtCommit(tx, async () => {
        await writeMovements(tx, draft.id, moment, stock('7'), false);
        // Posted again with other figures in the same transaction: only the net change counts.
        await writeMovements(tx, draft.id, moment, stock('5'), true);
        const inside = await tx.execute(sql`select count(*)::int as n from stock_daily_turnovers
          where day = '2026-12-05' and product_id = ${product}`);
        expect(inside[0]).toEqual({ n: 0 });
        await tx.execute(sql`update documents set status = 'posted' where id = ${draft.id}`);
      }),
    );
    expect(await day()).toEqual([{ receipt: '5.000', issue: '0.000' }]);
    // Unposted in a transaction of its own: the turnover goes back to nothing, as the movements do.
    await test.db.transaction((tx) =>
      withStatementsAtCommit(tx, async () => {
        await writeMovements(tx, draft.id, moment, {}, true);
        await tx.execute(sql`update documents set status = 'draft' where id = ${draft.id}`);
      }),
    );
    expect(await day()).toEqual([{ receipt: '0.000', issue: '0.000' }]);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('30 receipts of one product on one day posted at once add up exactly', async () => {
    const product = f.products[2]!.id;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        saveDocument(
          test.db,
          'goods_receipt',
          null,
          {
            date: '2026-12-06T09:00:00Z',
            partnerId: f.supplier.id,
            warehouseId: f.main.id,
            lines: [{ productId: product, quantity: String(i + 1), price: '10' }],
          },
          null,
          { post: true },
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const [row] = await test.db.execute(sql`select receipt::text from stock_daily_turnovers
      where day = '2026-12-06' and warehouse_id = ${f.main.id} and product_id = ${product}`);
    expect(row).toEqual({ receipt: '465.000' });
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('movements without a document', () => {
  it('the ledger check names movements whose document is not there (they are no foreign key)', async () => {
    const missing = 2_000_000_000;
    let problems: Awaited<ReturnType<typeof checkLedger>> = [];
    // Written and checked in a transaction rolled back after, so the other tests' ledger stays exact.
    await test.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into stock_movements (document_id, row_no, period, warehouse_id, product_id, quantity)
          values (${missing}, 1, now(), ${f.main.id}, ${f.products[0]!.id}, 0)`);
        problems = await checkLedger(tx);
        tx.rollback();
      })
      .catch(() => {});
    expect(problems).toContainEqual({
      register: 'stock',
      kind: 'document',
      detail: `document ${missing} is not there but has movements`,
    });
    expect(await checkLedger(test.db)).toEqual([]);
  });
});
