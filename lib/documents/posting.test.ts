import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  costBalances,
  documents,
  partners,
  products,
  stockBalances,
  supplierSettlementBalances,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { checkLedger, rebuildBalances } from '@/lib/ledger/check';
import { changeDocumentStatus, reserveDocuments } from './posting';
import { saveDocument } from './save-document';
import { stockFixtures } from './test-fixtures';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof stockFixtures>>;

beforeAll(async () => {
  f = await stockFixtures(test.db);
});

const onHand = async (warehouseId: number, productId: number) => {
  const [row] = await test.db
    .select({ q: stockBalances.quantity })
    .from(stockBalances)
    .where(sql`${stockBalances.warehouseId} = ${warehouseId} and ${stockBalances.productId} = ${productId}`);
  return row?.q ?? '0';
};
const cost = async (productId: number) =>
  (await test.db.select().from(costBalances).where(eq(costBalances.productId, productId)))[0];

/** Balance rows that hold something (unposting leaves rows it created at zero). */
const nonZeroBalances = () =>
  test.db.execute(sql`
    select 'stock' as r, warehouse_id, product_id, quantity::text, null as amount from stock_balances where quantity <> 0
    union all select 'cost', null, product_id, quantity::text, amount::text from cost_balances where quantity <> 0 or amount <> 0
    order by 1, 2, 3`);

function receipt(lines: { product: number; qty: string; price: string }[], warehouseId = f.main.id) {
  return {
    date: '2026-11-20T10:00:00Z',
    partnerId: f.supplier.id,
    warehouseId,
    lines: lines.map((l) => ({ productId: l.product, quantity: l.qty, price: l.price, vatRate: '22' })),
  };
}

describe('goods receipt', () => {
  let id = 0;
  it('posts stock in, cost without VAT and the debt to the supplier', async () => {
    const p = f.products[0]!.id;
    const result = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      receipt([{ product: p, qty: '10', price: '1220' }]),
      null,
      {
        post: true,
      },
    );
    expect(result.ok).toBe(true);
    id = result.ok ? result.id : 0;
    const [doc] = await test.db.select().from(documents).where(eq(documents.id, id));
    expect(doc).toMatchObject({
      status: 'posted',
      number: '000001',
      amount: '12200.00',
      vatAmount: '2200.00',
    });
    expect(await onHand(f.main.id, p)).toBe('10.000');
    expect(await cost(p)).toMatchObject({ quantity: '10.000', amount: '10000.00' });
    const [debt] = await test.db.select().from(supplierSettlementBalances);
    expect(debt).toMatchObject({ partnerId: f.supplier.id, amount: '12200.00' });
  });

  it('re-posts an edited posted document and unposts to zero', async () => {
    const p = f.products[0]!.id;
    const edited = await saveDocument(
      test.db,
      'goods_receipt',
      id,
      { ...receipt([{ product: p, qty: '12', price: '1220' }]), version: 1 },
      null,
    );
    expect(edited.ok).toBe(true);
    expect(await onHand(f.main.id, p)).toBe('12.000');
    expect(
      await saveDocument(
        test.db,
        'goods_receipt',
        id,
        { ...receipt([{ product: p, qty: '1', price: '1' }]), version: 1 },
        null,
      ),
    ).toEqual({
      ok: false,
      errors: { _form: 'stale' },
    });
    expect((await changeDocumentStatus(test.db, id, 'unpost', null)).ok).toBe(true);
    expect(await onHand(f.main.id, p)).toBe('0.000');
    expect(await checkLedger(test.db)).toEqual([]);
    expect((await changeDocumentStatus(test.db, id, 'post', null)).ok).toBe(true);
    expect(await onHand(f.main.id, p)).toBe('12.000');
  });
});

describe('services on stock documents', () => {
  it('bring no stock or cost whether posted from the form, re-posted after an edit or moved', async () => {
    const [service] = await test.db
      .insert(products)
      .values({ sku: 'SRV-1', name: 'Доставка', kind: 'service' })
      .returning();
    const goods = f.products[2]!.id;
    const lines = [
      { product: goods, qty: '2', price: '610' },
      { product: service!.id, qty: '1', price: '1220' },
    ];
    // A new receipt without a supplier order posts from what is saved (no read-back).
    const saved = await saveDocument(test.db, 'goods_receipt', null, receipt(lines), null, { post: true });
    expect(saved.ok).toBe(true);
    const id = saved.ok ? saved.id : 0;
    expect(await onHand(f.main.id, service!.id)).toBe('0');
    expect(await cost(service!.id)).toBeUndefined();
    // The debt is for both lines: 2 × 610 + 1 220.
    const [debt] = (await test.db.execute(
      sql`select sum(amount)::text as amount from supplier_settlement_movements where document_id = ${id}`,
    )) as unknown as { amount: string }[];
    expect(debt?.amount).toBe('2440.00');
    const edited = await saveDocument(test.db, 'goods_receipt', id, receipt([...lines].reverse()), null);
    expect(edited.ok).toBe(true);
    const moved = await saveDocument(
      test.db,
      'transfer',
      null,
      {
        date: '2026-11-20T11:00:00Z',
        warehouseId: f.main.id,
        warehouseToId: f.second.id,
        lines: lines.map((l) => ({ productId: l.product, quantity: '1', price: '0' })),
      },
      null,
      { post: true },
    );
    expect(moved.ok).toBe(true);
    expect(await onHand(f.second.id, service!.id)).toBe('0');
    expect(await onHand(f.second.id, goods)).toBe('1.000');
    expect(await checkLedger(test.db)).toEqual([]);
    await changeDocumentStatus(test.db, moved.ok ? moved.id : 0, 'unpost', null);
    await changeDocumentStatus(test.db, id, 'unpost', null);
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('numbers', () => {
  it('taken for several documents at once follow on and go on', async () => {
    const [before] = (await test.db.execute(
      sql`select coalesce(max(last_value), 0)::int as last from pg_sequences
          where sequencename = 'document_numbers_opening_client_debt_2026'`,
    )) as unknown as { last: number }[];
    const { reserved: taken } = await reserveDocuments(test.db, 'opening_client_debt', 2026, 3);
    expect(taken.map((t) => t.number)).toEqual(
      [1, 2, 3].map((i) => String(before!.last + i).padStart(6, '0')),
    );
    expect(new Set(taken.map((t) => t.id)).size).toBe(3);
    const [client] = await test.db.insert(partners).values({ name: 'Клиент' }).returning();
    const openingDebt = (amount: string, reserved?: { id: number; number: string }) =>
      saveDocument(
        test.db,
        'opening_client_debt',
        null,
        { date: '2026-01-01T12:00:00Z', partnerId: client!.id, amount },
        null,
        { post: true, reserved },
      );
    const saved = await openingDebt('100.00', taken[1]);
    expect(saved).toEqual({ ok: true, id: taken[1]!.id });
    const [doc] = await test.db.select().from(documents).where(eq(documents.id, taken[1]!.id));
    expect(doc).toMatchObject({ number: taken[1]!.number, status: 'posted' });
    const next = await openingDebt('5.00');
    const [after] = await test.db
      .select()
      .from(documents)
      .where(eq(documents.id, next.ok ? next.id : 0));
    expect(after?.number).toBe(String(before!.last + 4).padStart(6, '0'));
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('negative stock control', () => {
  it('refuses an issue beyond what is available, naming product, warehouse, need and available', async () => {
    const p = f.products[0]!.id;
    const shortage = {
      date: '2026-11-21T10:00:00Z',
      warehouseId: f.main.id,
      lines: [{ productId: p, quantity: '15' }],
    };
    const result = await saveDocument(test.db, 'stock_shortage', null, shortage, null, { post: true });
    expect(result).toEqual({
      ok: false,
      errors: { _form: 'not_posted_shortage' },
      shortages: [
        {
          productId: p,
          product: 'Соковыжималка',
          warehouseId: f.main.id,
          warehouse: 'Основной склад',
          need: '15',
          available: '12',
        },
      ],
    });
    // Nothing was saved: no draft left behind.
    const [n] = await test.db.execute<{ n: number }>(
      sql`select count(*)::int as n from documents where kind = 'stock_shortage'`,
    );
    expect(n?.n).toBe(0);
  });

  it('writes off at the moving-average cost and transfers between warehouses', async () => {
    const p = f.products[0]!.id;
    // 12 at 1000 net, then 6 at 1300 net → average 1100.
    await saveDocument(
      test.db,
      'goods_receipt',
      null,
      receipt([{ product: p, qty: '6', price: '1586' }]),
      null,
      { post: true },
    );
    expect(await cost(p)).toMatchObject({ quantity: '18.000', amount: '19800.00' });
    const off = await saveDocument(
      test.db,
      'stock_shortage',
      null,
      { date: '2026-11-22T10:00:00Z', warehouseId: f.main.id, lines: [{ productId: p, quantity: '3' }] },
      null,
      { post: true },
    );
    expect(off.ok).toBe(true);
    expect(await cost(p)).toMatchObject({ quantity: '15.000', amount: '16500.00' });
    const move = await saveDocument(
      test.db,
      'transfer',
      null,
      {
        date: '2026-11-23T10:00:00Z',
        warehouseId: f.main.id,
        warehouseToId: f.second.id,
        lines: [{ productId: p, quantity: '5' }],
      },
      null,
      { post: true },
    );
    expect(move.ok).toBe(true);
    expect([await onHand(f.main.id, p), await onHand(f.second.id, p)]).toEqual(['10.000', '5.000']);
    // Unposting the first receipt would leave the main warehouse at -2: refused.
    const [first] = await test.db
      .select()
      .from(documents)
      .where(sql`${documents.kind} = 'goods_receipt' and ${documents.number} = '000001'`);
    const undo = await changeDocumentStatus(test.db, first!.id, 'unpost', null);
    expect(undo).toMatchObject({ ok: false, shortages: [{ need: '12', available: '10' }] });
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a rebuild from the movements gives the same balances', async () => {
    const before = await nonZeroBalances();
    await rebuildBalances(test.db);
    expect(await nonZeroBalances()).toEqual(before);
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('every kind', () => {
  const kinds = [
    { kind: 'goods_receipt', extra: () => ({ partnerId: f.supplier.id }), price: '122' },
    { kind: 'stock_surplus', extra: () => ({}), price: '50' },
    { kind: 'stock_shortage', extra: () => ({}), price: undefined },
    { kind: 'transfer', extra: () => ({ warehouseToId: f.second.id }), price: undefined },
  ] as const;

  it.each(kinds)(
    '$kind: post, edit (re-post), unpost, mark for deletion; balances return exactly',
    async ({ kind, extra, price }) => {
      const p = f.products[1]!.id;
      // Stock to take from, so issues pass the negative-stock rule.
      await saveDocument(
        test.db,
        'goods_receipt',
        null,
        receipt([{ product: p, qty: '20', price: '122' }]),
        null,
        { post: true },
      );
      const before = await nonZeroBalances();
      const input = (quantity: string) => ({
        date: '2026-11-24T12:00:00Z',
        warehouseId: f.main.id,
        ...extra(),
        lines: [{ productId: p, quantity, price }],
      });
      const posted = await saveDocument(test.db, kind, null, input('4'), null, { post: true });
      expect(posted.ok).toBe(true);
      const id = posted.ok ? posted.id : 0;
      expect(await checkLedger(test.db)).toEqual([]);
      expect((await saveDocument(test.db, kind, id, input('6'), null)).ok).toBe(true);
      const [doc] = await test.db.select().from(documents).where(eq(documents.id, id));
      expect(doc).toMatchObject({ status: 'posted', version: 2 });
      expect(await checkLedger(test.db)).toEqual([]);
      expect((await changeDocumentStatus(test.db, id, 'unpost', null)).ok).toBe(true);
      expect(await nonZeroBalances()).toEqual(before);
      expect((await changeDocumentStatus(test.db, id, 'post', null)).ok).toBe(true);
      expect((await changeDocumentStatus(test.db, id, 'mark_deleted', null)).ok).toBe(true);
      expect(await nonZeroBalances()).toEqual(before);
      expect(await checkLedger(test.db)).toEqual([]);
    },
  );
});

describe('writing without a savepoint', () => {
  it('is refused outside a transaction, before anything is written', async () => {
    const count = async () => (await test.db.execute(sql`select count(*)::int as n from documents`))[0]!.n;
    const before = await count();
    const input = receipt([{ product: f.products[0]!.id, qty: '1', price: '100' }]);
    await expect(
      saveDocument(test.db, 'goods_receipt', null, input, null, { post: true, savepoint: false }),
    ).rejects.toThrow('a posting without a savepoint needs a transaction');
    expect(await count()).toBe(before);
  });
});

describe('what posting a new document sends', () => {
  it('a receipt: ids ahead once, then its rows, movements, balances, turnovers, checks and live events in one statement, a transaction of its own', async () => {
    const sent: string[] = [];
    const client = postgres(test.url, {
      max: 1,
      onnotice: () => {},
      // The client's own look-up of array types on connecting is not the command's.
      debug: (_connection, query) => !query.includes('pg_catalog.pg_type') && sent.push(query.trim()),
    });
    const db = drizzle(client);
    const post = async () => {
      const result = await saveDocument(
        db,
        'goods_receipt',
        null,
        receipt([
          { product: f.products[0]!.id, qty: '1', price: '100' },
          { product: f.products[1]!.id, qty: '2', price: '200' },
        ]),
        null,
        { post: true },
      );
      expect(result.ok).toBe(true);
      return result.ok ? result.id : 0;
    };
    const shape = (queries: string[]) => queries.map((query) => query.replace(/\s+/g, ' ').slice(0, 35));
    try {
      const first = await post();
      // The first of this process: the ids of the next few dozen new documents and the products' kinds.
      expect(shape(sent)[0]).toBe('select array(select nextval(pg_get_');
      sent.length = 0;
      const second = await post();
      // The next: its number taken as its row is written, and all of it one statement, a transaction of
      // its own: its rows, movements and balances, then the turnovers and the check of the products'
      // kinds it remembered; its live event after it, a transaction of its own that does not wait for
      // its WAL flush.
      expect(shape(sent)).toEqual([
        'with w0 as (insert into "documents"',
        "with r0 as (select set_config('sync",
      ]);
      const [all, event] = sent as [string, string];
      const at = (text: string) => all.indexOf(text);
      expect(at('insert into stock_movements')).toBeGreaterThan(0);
      expect(at('insert into stock_balances')).toBeLessThan(at('insert into stock_daily_turnovers'));
      expect(all).toContain('check_service_products');
      expect(all).not.toContain('pg_notify');
      expect(event).toContain('pg_notify');
      const numbers = await test.db
        .select({ id: documents.id, number: documents.number })
        .from(documents)
        .where(sql`${documents.id} in (${first}, ${second})`)
        .orderBy(documents.id);
      expect(Number(numbers[1]!.number)).toBe(Number(numbers[0]!.number) + 1);
      expect(numbers[0]!.number).toMatch(/^\d{6}$/);
    } finally {
      await client.end();
    }
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a product that became a service since this process read it: the posting runs again and moves no stock of it', async () => {
    const client = postgres(test.url, { max: 2, onnotice: () => {} });
    const db = drizzle(client);
    const [product] = await test.db
      .insert(products)
      .values({ sku: 'KIND-CHANGE', name: 'Монтаж или товар', unit: 'шт', kind: 'goods' })
      .returning();
    const post = () =>
      saveDocument(
        db,
        'goods_receipt',
        null,
        receipt([{ product: product!.id, qty: '3', price: '50' }]),
        null,
        {
          post: true,
        },
      );
    try {
      // Posted and unposted: this process has read it as goods, and nothing of it is in stock.
      const first = await post();
      expect(first.ok).toBe(true);
      await changeDocumentStatus(test.db, first.ok ? first.id : 0, 'unpost', null);
      await test.db.update(products).set({ kind: 'service' }).where(eq(products.id, product!.id));
      const again = await post();
      expect(again.ok).toBe(true);
      const moved = await test.db.execute(
        sql`select count(*)::int as n from stock_movements where document_id = ${again.ok ? again.id : 0}`,
      );
      expect(moved).toEqual([{ n: 0 }]);
      expect(await onHand(f.main.id, product!.id)).toBe('0.000');
    } finally {
      await client.end();
    }
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('ids taken ahead and taken again by another process after the sequence went back (a restore): the posting runs again with new ones', async () => {
    const clients = [1, 2].map(() => postgres(test.url, { max: 1, onnotice: () => {} }));
    const [one, two] = clients.map((c) => drizzle(c));
    const post = (db: typeof one) =>
      saveDocument(
        db!,
        'goods_receipt',
        null,
        receipt([{ product: f.products[2]!.id, qty: '1', price: '10' }]),
        null,
        {
          post: true,
        },
      );
    try {
      const first = await post(one);
      expect(first.ok).toBe(true);
      // As a restore sets it: back to the highest id there is, so the next ids are the first process's.
      await test.db.execute(
        sql`select setval(pg_get_serial_sequence('documents', 'id'), (select max(id) from documents))`,
      );
      const other = await post(two);
      const again = await post(one);
      expect(other.ok && again.ok).toBe(true);
      expect(other.ok && again.ok && other.id !== again.id).toBe(true);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await checkLedger(test.db)).toEqual([]);
  });
});
