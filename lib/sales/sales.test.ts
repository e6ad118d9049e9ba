import Decimal from 'decimal.js';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { discountRules, documentLines, documents, partners, products } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import type { InputLine } from '@/lib/documents/document-input';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { checkLedger, rebuildBalances } from '@/lib/ledger/check';
import { setSetting } from '@/lib/settings/settings';
import { applyDiscounts, documentTotals } from './discounts';
import { loadOrderFacts, orderSettlements, orderState } from './order-facts';
import { salesFixtures } from './test-fixtures';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let juicer: number;
let conditioner: number;
let fan: number;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  [juicer, conditioner, fan] = f.products.map((p) => p.id) as [number, number, number];
  await test.db.update(products).set({ giftable: true }).where(eq(products.id, juicer));
});

const line = (productId: number, quantity: string, price: string, gift = false): InputLine => ({
  productId,
  quantity,
  price,
  gift,
  vatRate: '22',
  action: null,
});

describe('discounts', () => {
  const rules = [
    { kind: 'segment' as const, segment: 'Опт', minQuantity: null, minAmount: null, percent: '3' },
    { kind: 'line_quantity' as const, segment: null, minQuantity: '10', minAmount: null, percent: '7' },
    { kind: 'document_total' as const, segment: null, minAmount: '100000', minQuantity: null, percent: '5' },
  ];

  it('takes the best automatic rule per line, adds the manual percent, and gifts go free', () => {
    const priced = applyDiscounts(
      [line(conditioner, '2', '5100'), line(fan, '10', '1990.90'), line(juicer, '1', '3500', true)],
      { rules, segment: 'Опт', manualPercent: '5' },
    );
    expect(priced.map((l) => [l.discountPercent, l.discountAmount, l.amount, l.vatAmount])).toEqual([
      ['8.00', '816.00', '9384.00', '1692.20'],
      ['12.00', '2389.08', '17519.92', '3159.33'],
      ['0.00', '0.00', '0.00', '0.00'],
    ]);
  });

  it('rounds every line to the kopeck so the totals are exactly the sums of the lines', () => {
    const lines = Array.from({ length: 37 }, (_, i) =>
      line(fan, `${(i % 7) + 1}.333`, `${(i * 13.37 + 0.01).toFixed(2)}`),
    );
    const priced = applyDiscounts(lines, { rules, segment: null, manualPercent: '3.33' });
    const totals = documentTotals(priced);
    const sum = (k: 'amount' | 'vatAmount' | 'discountAmount') =>
      Decimal.sum(0, ...priced.map((l) => l[k])).toFixed(2);
    expect(totals.amount).toBe(sum('amount'));
    expect(totals.vat).toBe(sum('vatAmount'));
    expect(totals.discount).toBe(sum('discountAmount'));
    for (const l of priced) {
      expect(l.amount).toMatch(/^\d+\.\d{2}$/);
      expect(new Decimal(l.amount).plus(l.discountAmount).toFixed(2)).toBe(
        new Decimal(l.price).times(l.quantity).toDecimalPlaces(2).toFixed(2),
      );
    }
  });

  it('applies the rules configured in the database and refuses a manual discount above the role limit', async () => {
    await test.db
      .insert(discountRules)
      .values({ name: 'Оптовикам', kind: 'segment', segment: 'Опт', percent: '3' });
    const offer = (manual: string) =>
      saveDocument(
        test.db,
        'commercial_offer',
        null,
        {
          date: '2026-11-27T10:00:00Z',
          partnerId: f.client.id,
          warehouseId: f.main.id,
          manualDiscountPercent: manual,
          validUntil: '2026-12-07',
          lines: [line(conditioner, '1', '5100'), line(juicer, '1', '0', true)],
        },
        f.manager,
      );
    expect(await offer('15')).toEqual({
      ok: false,
      errors: { manualDiscountPercent: 'discount_above_limit:10' },
    });
    const saved = await offer('5');
    expect(saved.ok).toBe(true);
    const [doc] = await test.db
      .select()
      .from(documents)
      .where(eq(documents.id, saved.ok ? saved.id : 0));
    expect([doc!.amount, doc!.discountAmount, doc!.offerStatus, doc!.status]).toEqual([
      '4692.00',
      '408.00',
      'draft',
      'draft',
    ]);
    await test.db.delete(discountRules);
  });

  it('counts a price typed below the list price as a discount against the role limit', async () => {
    // The conditioner's retail price is 2 000,00; a manager may give 10 %, a leader 25 %.
    const offer = (price: string, author: { id: number; role: 'manager' | 'leader' | 'admin' }, extra = {}) =>
      saveDocument(
        test.db,
        'commercial_offer',
        null,
        {
          date: '2026-11-27T10:00:00Z',
          partnerId: f.client.id,
          warehouseId: f.main.id,
          priceTypeId: f.retail.id,
          validUntil: '2026-12-07',
          lines: [line(conditioner, '1', price), line(juicer, '1', '0', true)],
          ...extra,
        },
        author,
      );
    const leader = { id: f.manager.id, role: 'leader' as const };
    expect(await offer('0.01', f.manager)).toEqual({
      ok: false,
      errors: { 'lines.0.price': 'price_below_limit:1800.00' },
    });
    expect((await offer('1800', f.manager)).ok).toBe(true);
    // 1 800 with 5 % off on top is 1 710: 14.5 % below the list, above the limit.
    expect(await offer('1800', f.manager, { manualDiscountPercent: '5' })).toEqual({
      ok: false,
      errors: { 'lines.0.price': 'price_below_limit:1894.74' },
    });
    // Without a price type the highest sale price is the list price: no way round the limit.
    expect(await offer('0.01', f.manager, { priceTypeId: '' })).toEqual({
      ok: false,
      errors: { 'lines.0.price': 'price_below_limit:1800.00' },
    });
    expect(await offer('0.01', leader)).toEqual({
      ok: false,
      errors: { 'lines.0.price': 'price_below_limit:1500.00' },
    });
    expect((await offer('0.01', { ...leader, role: 'admin' })).ok).toBe(true);
  });

  it('refuses zero prices, zero quantities and gifts of products that may not be given', async () => {
    const result = await saveDocument(
      test.db,
      'commercial_offer',
      null,
      {
        date: '2026-11-27T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        lines: [line(conditioner, '0', '5100'), line(fan, '1', '0'), line(conditioner, '1', '0', true)],
      },
      f.manager,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: { 'lines.0.quantity': 'quantity_invalid', 'lines.1.price': 'price_positive' },
    });
    const gift = await saveDocument(
      test.db,
      'commercial_offer',
      null,
      {
        date: '2026-11-27T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        lines: [line(conditioner, '1', '0', true)],
      },
      f.manager,
    );
    expect(gift).toEqual({ ok: false, errors: { 'lines.0.gift': 'not_giftable' } });
  });
});

async function postOrder(lines: InputLine[], prepaymentPercent = '0') {
  const result = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-27T11:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      prepaymentPercent,
      lines,
    },
    f.manager,
    { post: true },
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}
const ship = (orderId: number, lines: { productId: number; quantity: string }[]) =>
  saveDocument(
    test.db,
    'sales',
    null,
    {
      date: '2026-11-28T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      basedOnId: orderId,
      lines,
    },
    f.manager,
    { post: true },
  );
const pay = (amount: string, allocations: { orderId: number; amount: string }[]) =>
  saveDocument(
    test.db,
    'bank_receipt',
    null,
    {
      date: '2026-11-27T15:00:00Z',
      partnerId: f.client.id,
      bankAccountId: f.account.id,
      amount,
      allocations,
    },
    f.manager,
    { post: true },
  );
const facts = async (orderId: number) => (await loadOrderFacts(test.db, [orderId])).get(orderId)!;
const reservedFor = async (orderId: number) =>
  (
    (await test.db.execute(
      sql`select coalesce(sum(quantity), 0)::numeric(15, 3)::text as q from reservation_balances where order_id = ${orderId}`,
    )) as unknown as { q: string }[]
  )[0]!.q;
const status = async (id: number) =>
  (await test.db.select({ s: documents.orderStatus }).from(documents).where(eq(documents.id, id)))[0]!.s;

describe('settlements through an order', () => {
  it('payment before shipment: prepaid, shipped, settled to zero and closed', async () => {
    const order = await postOrder([line(conditioner, '2', '5100'), line(juicer, '1', '0', true)], '100');
    expect(await reservedFor(order)).toBe('3.000');
    expect(orderState(await facts(order))).toBe('awaiting_prepayment');

    expect(await pay('10200.00', [{ orderId: order, amount: '10200.00' }])).toMatchObject({ ok: true });
    expect(orderState(await facts(order))).toBe('ready_to_ship');
    expect(orderSettlements(await facts(order))).toMatchObject({
      paid: '10200.00',
      shipped: '0.00',
      debt: '-10200.00',
    });

    const sale = await ship(order, [
      { productId: conditioner, quantity: '2' },
      { productId: juicer, quantity: '1' },
    ]);
    expect(sale).toMatchObject({ ok: true });
    expect(orderSettlements(await facts(order))).toMatchObject({
      shipped: '10200.00',
      debt: '0.00',
      toPay: '0.00',
    });
    expect(await reservedFor(order)).toBe('0.000');
    // Shipped in full, the order's reservation rows are gone, not left at zero for the stock rule to sum.
    expect(
      await test.db.execute(sql`select 1 from reservation_balances where order_id = ${order}`),
    ).toHaveLength(0);
    expect(await status(order)).toBe('closed');
    const [row] = (await test.db.execute(sql`
      select sum(quantity)::text as q, sum(revenue)::text as revenue, sum(vat)::text as vat, sum(cost)::text as cost
      from sales_movements where order_id = ${order}`)) as unknown as Record<string, string>[];
    // Revenue without VAT (10 200 − 22/122), cost at the receipt's price without VAT (1 000 each).
    expect(row).toEqual({ q: '3.000', revenue: '8360.66', vat: '1839.34', cost: '3000.00' });
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('payment after shipment: awaiting payment until the receipt, and unposting it reopens the order', async () => {
    // The fan goes below its list price of 3 000: the manager's limit is no concern of this test.
    await setSetting(test.db, 'manual_discount_limits', { manager: 100, leader: 100, admin: 100 });
    const order = await postOrder([line(fan, '1', '2500')]);
    expect(orderState(await facts(order))).toBe('ready_to_ship');
    expect(await ship(order, [{ productId: fan, quantity: '1' }])).toMatchObject({ ok: true });
    expect(orderState(await facts(order))).toBe('awaiting_payment');
    expect(orderSettlements(await facts(order)).debt).toBe('2500.00');
    const receipt = await pay('3000.00', [{ orderId: order, amount: '2500.00' }]);
    expect(receipt).toMatchObject({ ok: true });
    expect(await status(order)).toBe('closed');
    const [advance] = (await test.db.execute(
      sql`select amount::text from client_settlement_balances where partner_id = ${f.client.id} and order_id = 0`,
    )) as unknown as { amount: string }[];
    expect(advance!.amount).toBe('-500.00');
    await changeDocumentStatus(test.db, receipt.ok ? receipt.id : 0, 'unpost', f.manager);
    expect(await status(order)).toBe('to_ship');
    expect(orderState(await facts(order))).toBe('awaiting_payment');
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('partial shipments: the last one takes the rest of the amount to the kopeck', async () => {
    const created = await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-27T11:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        manualDiscountPercent: '33.33',
        lines: [line(fan, '3', '10.00')],
      },
      f.manager,
      { post: true },
    );
    const order = created.ok ? created.id : 0;
    const orderAmount = (await facts(order)).ordered;
    expect(orderAmount).toBe('20.00');
    expect(await ship(order, [{ productId: fan, quantity: '1' }])).toMatchObject({ ok: true });
    expect(orderState(await facts(order))).toBe('shipping');
    expect(await reservedFor(order)).toBe('2.000');
    expect(await ship(order, [{ productId: fan, quantity: '2' }])).toMatchObject({ ok: true });
    expect(orderSettlements(await facts(order)).shipped).toBe(orderAmount);
    expect(await reservedFor(order)).toBe('0.000');
    expect(await ship(order, [{ productId: fan, quantity: '1' }])).toEqual({
      ok: false,
      errors: { 'lines.0.quantity': 'ship_above_order:0' },
    });
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('refuses an order beyond availability, a payment beyond the debt, and re-reserving a shipped order', async () => {
    const tooMuch = await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-27T11:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        lines: [line(conditioner, '100', '5100')],
      },
      f.manager,
      { post: true },
    );
    expect(tooMuch).toMatchObject({ ok: false, shortages: [{ productId: conditioner, need: '100' }] });
    const order = await postOrder([line(conditioner, '1', '5100')]);
    expect(await pay('6000', [{ orderId: order, amount: '6000' }])).toEqual({
      ok: false,
      errors: { 'allocations.0.amount': 'allocation_above_debt:5100.00' },
    });
    expect(await ship(order, [{ productId: conditioner, quantity: '1' }])).toMatchObject({ ok: true });
    const [orderRow] = await test.db.select().from(documents).where(eq(documents.id, order));
    const edited = await saveDocument(
      test.db,
      'customer_order',
      order,
      {
        date: '2026-11-27T11:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        version: orderRow!.version,
        lines: [line(conditioner, '2', '5100')],
      },
      f.manager,
    );
    expect(edited).toEqual({ ok: false, errors: { _form: 'order_has_sales' } });
    const lines = await test.db.select().from(documentLines).where(eq(documentLines.documentId, order));
    expect(lines.map((l) => l.quantity)).toEqual(['1.000']);
  });

  it('ships only a posted order of its own client, saved and posted at once or posted later', async () => {
    const order = await postOrder([line(conditioner, '1', '5100')]);
    await changeDocumentStatus(test.db, order, 'unpost', f.manager);
    const refused = { ok: false, errors: { basedOnId: 'order_required' } };
    expect(await ship(order, [{ productId: conditioner, quantity: '1' }])).toEqual(refused);
    const [stranger] = await test.db
      .insert(partners)
      .values({ name: 'Чужой клиент' })
      .returning({ id: partners.id });
    const input = {
      date: '2026-11-28T10:00:00Z',
      partnerId: stranger!.id,
      warehouseId: f.main.id,
      basedOnId: order,
      lines: [{ productId: conditioner, quantity: '1' }],
    };
    await changeDocumentStatus(test.db, order, 'post', f.manager);
    expect(await saveDocument(test.db, 'sales', null, input, f.manager, { post: true })).toEqual(refused);
    const draft = await saveDocument(test.db, 'sales', null, input, f.manager);
    expect(await changeDocumentStatus(test.db, draft.ok ? draft.id : 0, 'post', f.manager)).toEqual(refused);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a rebuild from movements equals the incremental balances', async () => {
    const snapshot = () =>
      // Rows that hold something: unposting leaves the rows it emptied at zero.
      test.db.execute(sql`
        select 'c' r, partner_id a, order_id b, amount::text v from client_settlement_balances where amount <> 0
        union all select 's', product_id, order_id, cost::text from sales_balances where cost <> 0
        union all select 'k', bank_account_id, 0, amount::text from cash_balances where amount <> 0
        union all select 'r', product_id, order_id, quantity::text from reservation_balances where quantity <> 0
        order by 1, 2, 3, 4`);
    const before = await snapshot();
    await rebuildBalances(test.db);
    expect(await snapshot()).toEqual(before);
  });
});
