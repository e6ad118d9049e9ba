import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, prices, priceTypes } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { checkLedger } from '@/lib/ledger/check';
import { draftFromDocument } from '@/lib/sales/based-on';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { changeDocumentStatus } from '../posting';
import { saveDocument } from '../save-document';

const test = isolatedDatabase({ connections: 12 });
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
});

const ok = (r: { ok: boolean; id?: number }) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.id!;
};

/** Every non-zero balance of the purchase registers for the product and the supplier. */
async function balances(productId: number) {
  const [row] = (await test.db.execute(sql`
    select
      coalesce((select sum(quantity) from stock_balances where product_id = ${productId} and warehouse_id = ${f.main.id}), 0)::text as stock,
      coalesce((select json_object_agg(order_id, quantity::text) from expected_goods_balances where product_id = ${productId} and quantity <> 0), '{}') as expected,
      coalesce((select json_object_agg(order_id, amount::text) from supplier_settlement_balances where partner_id = ${f.supplier.id} and amount <> 0), '{}') as supplier,
      coalesce((select amount from cash_balances where bank_account_id = ${f.account.id}), 0)::numeric(15,2)::text as cash`)) as unknown as {
    stock: string;
    expected: Record<string, string>;
    supplier: Record<string, string>;
    cash: string;
  }[];
  return row!;
}

const orderInput = (productId: number, quantity: string, status = 'to_receive') => ({
  date: '2026-11-10T10:00:00Z',
  partnerId: f.supplier.id,
  warehouseId: f.main.id,
  supplierOrderStatus: status,
  expectedDate: '2026-11-20',
  lines: [{ productId, quantity, price: '1220.00', vatRate: '22' }],
});

describe('supplier order', () => {
  it('posts, re-posts after an edit, unposts and is marked for deletion with exact expectations', async () => {
    const product = f.products[1]!.id;
    const before = await balances(product);
    const id = ok(
      await saveDocument(test.db, 'supplier_order', null, orderInput(product, '5'), null, { post: true }),
    );
    expect((await balances(product)).expected).toEqual({ [id]: '5.000' });
    ok(await saveDocument(test.db, 'supplier_order', id, orderInput(product, '7'), null));
    expect((await balances(product)).expected).toEqual({ [id]: '7.000' });
    // Not agreed: it expects nothing.
    ok(await saveDocument(test.db, 'supplier_order', id, orderInput(product, '7', 'not_agreed'), null));
    expect((await balances(product)).expected).toEqual({});
    ok(await saveDocument(test.db, 'supplier_order', id, orderInput(product, '7'), null));
    // Closed by hand while it still expects goods: refused, nothing changes.
    expect(
      await saveDocument(test.db, 'supplier_order', id, orderInput(product, '7', 'closed'), null),
    ).toMatchObject({
      ok: false,
      errors: { supplierOrderStatus: 'order_closed_with_rest' },
    });
    expect((await balances(product)).expected).toEqual({ [id]: '7.000' });
    ok(await changeDocumentStatus(test.db, id, 'unpost', null));
    expect((await balances(product)).expected).toEqual({});
    ok(await changeDocumentStatus(test.db, id, 'post', null));
    ok(await changeDocumentStatus(test.db, id, 'mark_deleted', null));
    expect(await balances(product)).toEqual(before);
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('receipt of a supplier order', () => {
  it('takes what is still expected, clears it, adds stock, cost and the debt per order; closes the order', async () => {
    const product = f.products[2]!.id;
    const orderId = ok(
      await saveDocument(test.db, 'supplier_order', null, orderInput(product, '5'), null, { post: true }),
    );
    const draft = (await draftFromDocument(test.db, orderId, 'goods_receipt'))!;
    expect(draft.lines.map((l) => [l.productId, l.quantity, l.price, l.vatRate])).toEqual([
      [product, '5.000', '1220.00', '22'],
    ]);
    const stockBefore = (await balances(product)).stock;
    const receiptInput = (quantity: string) => ({
      date: '2026-11-20T10:00:00Z',
      partnerId: f.supplier.id,
      warehouseId: f.main.id,
      basedOnId: orderId,
      lines: [{ productId: product, quantity, price: '1220.00', vatRate: '22' }],
    });
    const receipt = ok(
      await saveDocument(test.db, 'goods_receipt', null, receiptInput('3'), null, { post: true }),
    );
    let b = await balances(product);
    expect(b.expected).toEqual({ [orderId]: '2.000' });
    expect(Number(b.stock)).toBe(Number(stockBefore) + 3);
    expect(b.supplier[orderId]).toBe('3660.00');
    // The second receipt's draft takes the rest only.
    const rest = (await draftFromDocument(test.db, orderId, 'goods_receipt'))!;
    expect(rest.lines.map((l) => l.quantity)).toEqual(['2.000']);
    // More than is expected is refused at the line, with what is left.
    const over = await saveDocument(test.db, 'goods_receipt', null, receiptInput('3'), null, { post: true });
    expect(over).toMatchObject({ ok: false, errors: { 'lines.0.quantity': 'receive_above_order:2' } });
    // Re-posted after an edit to the whole order: nothing left, and the order closes.
    ok(await saveDocument(test.db, 'goods_receipt', receipt, receiptInput('5'), null));
    b = await balances(product);
    expect(b.expected).toEqual({});
    expect(b.supplier[orderId]).toBe('6100.00');
    const status = async () =>
      (await test.db.select().from(documents).where(eq(documents.id, orderId)))[0]!.supplierOrderStatus;
    expect(await status()).toBe('closed');
    // The order cannot expect less than it received.
    const shrunk = await saveDocument(test.db, 'supplier_order', orderId, orderInput(product, '4'), null);
    expect(shrunk).toMatchObject({ ok: false, errors: { 'lines.0.quantity': 'order_below_received' } });
    ok(await changeDocumentStatus(test.db, receipt, 'unpost', null));
    expect((await balances(product)).expected).toEqual({ [orderId]: '5.000' });
    expect(await status()).toBe('to_receive');
    ok(await changeDocumentStatus(test.db, receipt, 'post', null));
    ok(await changeDocumentStatus(test.db, receipt, 'mark_deleted', null));
    b = await balances(product);
    expect(b.expected).toEqual({ [orderId]: '5.000' });
    expect(b.stock).toBe(stockBefore);
    expect(b.supplier[orderId]).toBeUndefined();
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('refuses an order not agreed, and updates the purchase prices only when asked', async () => {
    const product = f.products[0]!.id;
    const pending = ok(
      await saveDocument(test.db, 'supplier_order', null, orderInput(product, '1', 'not_agreed'), null, {
        post: true,
      }),
    );
    const input = (updatePrices: boolean, basedOnId: number | null) => ({
      date: '2026-11-21T10:00:00Z',
      partnerId: f.supplier.id,
      warehouseId: f.main.id,
      basedOnId,
      updatePrices,
      lines: [{ productId: product, quantity: '1', price: '610.00', vatRate: '22' }],
    });
    expect(
      await saveDocument(test.db, 'goods_receipt', null, input(false, pending), null, { post: true }),
    ).toMatchObject({ ok: false, errors: { basedOnId: 'order_required' } });
    const [purchase] = await test.db
      .insert(priceTypes)
      .values({ name: 'Закупочная', purpose: 'purchase' })
      .returning();
    const purchasePrices = () => test.db.select().from(prices).where(eq(prices.priceTypeId, purchase!.id));
    ok(await saveDocument(test.db, 'goods_receipt', null, input(false, null), null, { post: true }));
    expect(await purchasePrices()).toEqual([]);
    ok(await saveDocument(test.db, 'goods_receipt', null, input(true, null), null, { post: true }));
    expect((await purchasePrices()).map((p) => [p.productId, p.validFrom, p.price])).toEqual([
      [product, '2026-11-21', '610.00'],
    ]);
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('bank payment', () => {
  it('pays a supplier order, the rest an advance; re-posts, unposts, is marked for deletion exactly', async () => {
    const product = f.products[1]!.id;
    const orderId = ok(
      await saveDocument(test.db, 'supplier_order', null, orderInput(product, '2'), null, { post: true }),
    );
    const draft = (await draftFromDocument(test.db, orderId, 'bank_payment'))!;
    expect(draft).toMatchObject({ amount: '2440.00', paymentKind: 'supplier' });
    const before = await balances(product);
    const input = (amount: string, allocated: string) => ({
      date: '2026-11-12T10:00:00Z',
      paymentKind: 'supplier',
      partnerId: f.supplier.id,
      bankAccountId: f.account.id,
      amount,
      allocations: [{ orderId, amount: allocated }],
    });
    const id = ok(
      await saveDocument(test.db, 'bank_payment', null, input('3000', '2440'), null, { post: true }),
    );
    let b = await balances(product);
    expect(b.supplier[orderId]).toBe('-2440.00');
    expect(Number(b.supplier[0] ?? 0) - Number(before.supplier[0] ?? 0)).toBe(-560);
    expect(Number(b.cash) - Number(before.cash)).toBe(-3000);
    // Paying more than the order costs is refused, with what is left.
    const over = await saveDocument(test.db, 'bank_payment', null, input('100', '100'), null, { post: true });
    expect(over).toMatchObject({
      ok: false,
      errors: { 'allocations.0.amount': 'allocation_above_debt:0.00' },
    });
    ok(await saveDocument(test.db, 'bank_payment', id, input('1000', '1000'), null));
    b = await balances(product);
    expect(b.supplier[orderId]).toBe('-1000.00');
    expect(Number(b.cash) - Number(before.cash)).toBe(-1000);
    ok(await changeDocumentStatus(test.db, id, 'unpost', null));
    expect(await balances(product)).toEqual(before);
    ok(await changeDocumentStatus(test.db, id, 'post', null));
    ok(await changeDocumentStatus(test.db, id, 'mark_deleted', null));
    expect(await balances(product)).toEqual(before);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('refunds a client: the client owes more (their advance shrinks); allocated only to returns, other kinds never', async () => {
    const refund = {
      date: '2026-11-13T10:00:00Z',
      paymentKind: 'client_refund',
      partnerId: f.client.id,
      bankAccountId: f.account.id,
      amount: '500',
    };
    const id = ok(await saveDocument(test.db, 'bank_payment', null, refund, null, { post: true }));
    const [row] = (await test.db.execute(sql`
      select amount::text from client_settlement_movements where document_id = ${id}`)) as unknown as {
      amount: string;
    }[];
    expect(row!.amount).toBe('500.00');
    const allocated = await saveDocument(
      test.db,
      'bank_payment',
      null,
      { ...refund, allocations: [{ orderId: id, amount: '1' }] },
      null,
      { post: true },
    );
    expect(allocated).toMatchObject({ ok: false, errors: { 'allocations.0.orderId': 'order_required' } });
    const other = await saveDocument(
      test.db,
      'bank_payment',
      null,
      { ...refund, paymentKind: 'other', allocations: [{ orderId: id, amount: '1' }] },
      null,
      { post: true },
    );
    expect(other).toMatchObject({ ok: false, errors: { allocations: 'allocations_supplier_only' } });
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('concurrency', () => {
  it('five receipts of one order and five payments of it at once: exactly what it expects and costs goes through', async () => {
    const product = f.products[0]!.id;
    const orderId = ok(
      await saveDocument(test.db, 'supplier_order', null, orderInput(product, '3'), null, { post: true }),
    );
    const receipts = await Promise.all(
      Array.from({ length: 5 }, () =>
        saveDocument(
          test.db,
          'goods_receipt',
          null,
          {
            date: '2026-11-22T10:00:00Z',
            partnerId: f.supplier.id,
            warehouseId: f.main.id,
            basedOnId: orderId,
            lines: [{ productId: product, quantity: '1', price: '1220.00', vatRate: '22' }],
          },
          null,
          { post: true },
        ),
      ),
    );
    expect(receipts.filter((r) => r.ok)).toHaveLength(3);
    const payments = await Promise.all(
      Array.from({ length: 5 }, () =>
        saveDocument(
          test.db,
          'bank_payment',
          null,
          {
            date: '2026-11-23T10:00:00Z',
            paymentKind: 'supplier',
            partnerId: f.supplier.id,
            bankAccountId: f.account.id,
            amount: '1220.00',
            allocations: [{ orderId, amount: '1220.00' }],
          },
          null,
          { post: true },
        ),
      ),
    );
    expect(payments.filter((r) => r.ok)).toHaveLength(3);
    const b = await balances(product);
    expect(b.expected[orderId]).toBeUndefined();
    expect(b.supplier[orderId]).toBeUndefined();
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('a supplier order with goods sent back', () => {
  it('is left to pay less what went back: a payment of the whole order is refused, of the rest it posts', async () => {
    const product = f.products[2]!.id;
    const orderId = ok(
      await saveDocument(test.db, 'supplier_order', null, orderInput(product, '2'), null, { post: true }),
    );
    const line = (quantity: string) => [{ productId: product, quantity, price: '1220.00', vatRate: '22' }];
    const receiptId = ok(
      await saveDocument(
        test.db,
        'goods_receipt',
        null,
        {
          date: '2026-11-20T10:00:00Z',
          partnerId: f.supplier.id,
          warehouseId: f.main.id,
          basedOnId: orderId,
          lines: line('2'),
        },
        null,
        { post: true },
      ),
    );
    ok(
      await saveDocument(
        test.db,
        'supplier_return',
        null,
        {
          date: '2026-11-21T10:00:00Z',
          partnerId: f.supplier.id,
          warehouseId: f.main.id,
          basedOnId: receiptId,
          lines: line('1'),
        },
        null,
        { post: true },
      ),
    );
    expect(await draftFromDocument(test.db, orderId, 'bank_payment')).toMatchObject({ amount: '1220.00' });
    const pay = (amount: string) =>
      saveDocument(
        test.db,
        'bank_payment',
        null,
        {
          date: '2026-11-22T10:00:00Z',
          paymentKind: 'supplier',
          partnerId: f.supplier.id,
          bankAccountId: f.account.id,
          amount,
          allocations: [{ orderId, amount }],
        },
        null,
        { post: true },
      );
    expect(await pay('2440.00')).toMatchObject({
      ok: false,
      errors: { 'allocations.0.amount': 'allocation_above_debt:1220.00' },
    });
    ok(await pay('1220.00'));
    expect((await balances(product)).supplier[orderId]).toBeUndefined();
    expect(await checkLedger(test.db)).toEqual([]);
  });
});
