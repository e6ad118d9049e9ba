import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { interests } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { interestFeed } from '@/lib/crm/feed';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { checkLedger } from '@/lib/ledger/check';
import { LIVE_CHANNEL } from '@/lib/live/publish';
import { draftFromDocument } from '@/lib/sales/based-on';
import { documentFormFacts } from '@/lib/sales/form-facts';
import { loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { leftToRefund, loadRefundFacts } from './refunds';

const test = isolatedDatabase({ connections: 12 });
let f: Awaited<ReturnType<typeof salesFixtures>>;
let leader: { id: number; role: 'leader' };

beforeAll(async () => {
  f = await salesFixtures(test.db);
  leader = { id: f.manager.id, role: 'leader' };
});

const ok = <T extends { ok: boolean }>(result: T) => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as T & { ok: true; id: number };
};

/** An order of `quantity` of a product at its list price, shipped in full by one sale: [order, sale]. */
async function sold(
  product: number,
  quantity: string,
  price: string,
  interestId: number | null = null,
): Promise<[number, number]> {
  const productId = f.products[product]!.id;
  const order = ok(
    await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-20T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        interestId,
        lines: [{ productId, quantity, price, action: 'reserve' }],
      },
      leader,
      { post: true },
    ),
  );
  const sale = ok(
    await saveDocument(
      test.db,
      'sales',
      null,
      {
        date: '2026-11-21T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        basedOnId: order.id,
        lines: [{ productId, quantity }],
      },
      leader,
      { post: true },
    ),
  );
  return [order.id, sale.id];
}

const clientReturn = (
  saleId: number,
  product: number,
  quantity: string,
  post: boolean,
  id: number | null = null,
) =>
  saveDocument(
    test.db,
    'client_return',
    id,
    {
      date: '2026-11-25T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      basedOnId: saleId,
      lines: [{ productId: f.products[product]!.id, quantity }],
    },
    leader,
    { post },
  );

/** The balances a return moves, for one product, the client and one order. */
async function balances(product: number, orderId: number) {
  const productId = f.products[product]!.id;
  const [row] = (await test.db.execute(sql`
    select
      (select quantity::text from stock_balances where product_id = ${productId} and warehouse_id = ${f.main.id}) as stock,
      (select quantity::text || ' / ' || amount::text from cost_balances where product_id = ${productId}) as cost,
      (select quantity::text || ' / ' || revenue::text || ' / ' || vat::text || ' / ' || cost::text
       from sales_balances where product_id = ${productId} and partner_id = ${f.client.id}
         and manager_id = ${f.manager.id} and order_id = ${orderId}) as sales,
      (select amount::text from client_settlement_balances where partner_id = ${f.client.id} and order_id = ${orderId}) as debt
  `)) as unknown as { stock: string; cost: string; sales: string; debt: string }[];
  return row!;
}

describe('a return from a client', () => {
  it('posts, re-posts after an edit, completes the sale, unposts and is marked for deletion, balances exact', async () => {
    // 4 × 2 000,00 with 22 % VAT inside: revenue 6 557,38, VAT 1 442,62, cost 4 × 1 000,00.
    const [orderId, saleId] = await sold(1, '4', '2000');
    // New goods at 2 000,00 a unit after the sale: the average is 1 500,00, the goods sold left at 1 000,00.
    ok(
      await saveDocument(
        test.db,
        'goods_receipt',
        null,
        {
          date: '2026-11-22T10:00:00Z',
          partnerId: f.supplier.id,
          warehouseId: f.main.id,
          lines: [{ productId: f.products[1]!.id, quantity: '6', price: '2440', vatRate: '22' }],
        },
        null,
        { post: true },
      ),
    );
    expect(await balances(1, orderId)).toEqual({
      stock: '12.000',
      cost: '12.000 / 18000.00',
      sales: '4.000 / 6557.38 / 1442.62 / 4000.00',
      debt: '8000.00',
    });

    // 3 back: at the sale's price and the cost they left with.
    const first = ok(await clientReturn(saleId, 1, '3', true));
    expect(await balances(1, orderId)).toEqual({
      stock: '15.000',
      cost: '15.000 / 21000.00',
      sales: '1.000 / 1639.35 / 360.65 / 1000.00',
      debt: '2000.00',
    });

    // Edited to 2: posted again.
    ok(await clientReturn(saleId, 1, '2', true, first.id));
    expect(await balances(1, orderId)).toEqual({
      stock: '14.000',
      cost: '14.000 / 20000.00',
      sales: '2.000 / 3278.69 / 721.31 / 2000.00',
      debt: '4000.00',
    });

    // No more back than was sold and not yet returned, refused at the line.
    expect(await clientReturn(saleId, 1, '3', true)).toEqual({
      ok: false,
      errors: { 'lines.0.quantity': 'return_above_basis:2' },
    });
    // The rest: the sale is reversed to the kopeck.
    const second = ok(await clientReturn(saleId, 1, '2', true));
    expect(await balances(1, orderId)).toEqual({
      stock: '16.000',
      cost: '16.000 / 22000.00',
      sales: '0.000 / 0.00 / 0.00 / 0.00',
      debt: '0.00',
    });

    // The sale cannot be unposted while its returns stand.
    expect(await changeDocumentStatus(test.db, saleId, 'unpost', leader)).toEqual({
      ok: false,
      errors: { _form: 'has_returns' },
    });

    ok(await changeDocumentStatus(test.db, first.id, 'unpost', leader));
    expect(await balances(1, orderId)).toEqual({
      stock: '14.000',
      cost: '14.000 / 20000.00',
      sales: '2.000 / 3278.69 / 721.31 / 2000.00',
      debt: '4000.00',
    });
    ok(await changeDocumentStatus(test.db, second.id, 'mark_deleted', leader));
    expect(await balances(1, orderId)).toEqual({
      stock: '12.000',
      cost: '12.000 / 18000.00',
      sales: '4.000 / 6557.38 / 1442.62 / 4000.00',
      debt: '8000.00',
    });
    // With no returns standing, the sale may be unposted again.
    ok(await changeDocumentStatus(test.db, saleId, 'unpost', leader));
    ok(await changeDocumentStatus(test.db, saleId, 'post', leader));
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('of goods already paid for leaves us owing the client', async () => {
    const [orderId, saleId] = await sold(0, '2', '1000');
    ok(
      await saveDocument(
        test.db,
        'bank_receipt',
        null,
        {
          date: '2026-11-22T10:00:00Z',
          partnerId: f.client.id,
          bankAccountId: f.account.id,
          amount: '2000',
          allocations: [{ orderId, amount: '2000' }],
        },
        leader,
        { post: true },
      ),
    );
    expect((await balances(0, orderId)).debt).toBe('0.00');
    ok(await clientReturn(saleId, 0, '1', true));
    expect((await balances(0, orderId)).debt).toBe('-1000.00');
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it("belongs to the sale's interest: in its feed, and published live to the sale, its order and the interest", async () => {
    const [interest] = await test.db
      .insert(interests)
      .values({ title: 'Возврат', partnerId: f.client.id, responsibleId: f.manager.id })
      .returning();
    const [orderId, saleId] = await sold(0, '1', '1000', interest!.id);
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[] = [];
    await listener.listen(LIVE_CHANNEL, (payload) => received.push(...JSON.parse(payload)));
    try {
      const back = ok(await clientReturn(saleId, 0, '1', true));
      await expect
        .poll(() => received)
        .toEqual(
          expect.arrayContaining([
            `document:${back.id}`,
            `document:${saleId}`,
            `document:${orderId}`,
            `interest:${interest!.id}`,
            `partner:${f.client.id}`,
          ]),
        );
      // Its refund is published to the return, the order and the interest too.
      received.length = 0;
      const refund = ok(
        await saveDocument(
          test.db,
          'bank_payment',
          null,
          {
            date: '2026-11-26T10:00:00Z',
            paymentKind: 'client_refund',
            partnerId: f.client.id,
            bankAccountId: f.account.id,
            amount: '1000',
            allocations: [{ orderId: back.id, amount: '1000' }],
          },
          leader,
          { post: true },
        ),
      );
      await expect
        .poll(() => received)
        .toEqual(
          expect.arrayContaining([
            `document:${refund.id}`,
            `document:${back.id}`,
            `document:${orderId}`,
            `interest:${interest!.id}`,
          ]),
        );
      const feed = await interestFeed(test.db, interest!.id, ['document']);
      expect(feed.map((item) => [item.refId, item.detail])).toEqual(
        expect.arrayContaining([
          [back.id, 'client_return:posted:'],
          [saleId, 'sales:posted:'],
        ]),
      );
    } finally {
      await listener.end();
    }
  });

  it('two returns of one sale at once never bring back more than was sold', async () => {
    for (let round = 0; round < 3; round++) {
      const [orderId, saleId] = await sold(2, '3', '3000');
      // Saved as drafts, posted at the same moment: one of 2 fits, the other is refused.
      const drafts = await Promise.all([
        clientReturn(saleId, 2, '2', false),
        clientReturn(saleId, 2, '2', false),
      ]);
      const posted = await Promise.all(
        drafts.map((d) => changeDocumentStatus(test.db, ok(d).id, 'post', leader)),
      );
      expect(posted.filter((p) => p.ok)).toHaveLength(1);
      expect(posted.find((p) => !p.ok)).toEqual({
        ok: false,
        errors: { 'lines.0.quantity': 'return_above_basis:1' },
      });
      // Two returns of the last unit saved and posted at once: one of them takes the rest to the kopeck.
      const rest = await Promise.all([
        clientReturn(saleId, 2, '1', true),
        clientReturn(saleId, 2, '1', true),
      ]);
      expect(rest.filter((r) => r.ok)).toHaveLength(1);
      expect(await balances(2, orderId)).toMatchObject({
        sales: '0.000 / 0.00 / 0.00 / 0.00',
        debt: '0.00',
      });
    }
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('a refund of a client return', () => {
  /** The client's settlements of one order and against no order, and what is left to refund of a return. */
  async function settled(orderId: number, returnId: number) {
    const [row] = (await test.db.execute(sql`
      select
        (select amount::text from client_settlement_balances where partner_id = ${f.client.id} and order_id = ${orderId}) as "order",
        (select coalesce(sum(amount), 0)::numeric(15,2)::text from client_settlement_balances where partner_id = ${f.client.id} and order_id = 0) as advance
    `)) as unknown as { order: string; advance: string }[];
    return { ...row!, left: leftToRefund((await loadRefundFacts(test.db, [returnId])).get(returnId)!) };
  }
  const refund = (
    amount: string,
    allocations: { orderId: number; amount: string }[],
    partnerId = f.client.id,
  ) => ({
    date: '2026-11-26T10:00:00Z',
    paymentKind: 'client_refund',
    partnerId,
    bankAccountId: f.account.id,
    amount,
    allocations,
  });

  it('made from the return, settles its order as the return did; partial, edited, unposted, deleted with exact balances', async () => {
    const [orderId, saleId] = await sold(2, '3', '3000');
    ok(
      await saveDocument(
        test.db,
        'bank_receipt',
        null,
        {
          date: '2026-11-22T10:00:00Z',
          partnerId: f.client.id,
          bankAccountId: f.account.id,
          amount: '9000',
          allocations: [{ orderId, amount: '9000' }],
        },
        leader,
        { post: true },
      ),
    );
    const returnId = ok(await clientReturn(saleId, 2, '2', true)).id;
    const advanceBefore = (await settled(orderId, returnId)).advance;
    expect(await settled(orderId, returnId)).toEqual({
      order: '-6000.00',
      advance: advanceBefore,
      left: '6000.00',
    });

    // «На основании» of the return: the client, what is left to refund and the allocation to it.
    const draft = await draftFromDocument(test.db, returnId, 'bank_payment');
    expect(draft).toMatchObject({
      partnerId: f.client.id,
      paymentKind: 'client_refund',
      amount: '6000.00',
      allocations: [{ orderId: returnId, amount: '6000.00' }],
    });

    // A part of it first: the order's settlements move by what is allocated, nothing against no order.
    const id = ok(
      await saveDocument(
        test.db,
        'bank_payment',
        null,
        refund('1000', [{ orderId: returnId, amount: '1000' }]),
        leader,
        {
          post: true,
        },
      ),
    ).id;
    expect(await settled(orderId, returnId)).toEqual({
      order: '-5000.00',
      advance: advanceBefore,
      left: '5000.00',
    });
    const facts = (await loadOrderFacts(test.db, [orderId])).get(orderId)!;
    expect(orderSettlements(facts)).toMatchObject({
      paid: '8000.00',
      shipped: '3000.00',
      debt: '-5000.00',
      toPay: '0.00',
    });

    // No more than is left of the return, only the client's posted returns.
    expect(
      await saveDocument(
        test.db,
        'bank_payment',
        null,
        refund('5500', [{ orderId: returnId, amount: '5500' }]),
        leader,
        {
          post: true,
        },
      ),
    ).toMatchObject({ ok: false, errors: { 'allocations.0.amount': 'allocation_above_debt:5000.00' } });
    expect(
      await saveDocument(
        test.db,
        'bank_payment',
        null,
        refund('10', [{ orderId: saleId, amount: '10' }]),
        leader,
        {
          post: true,
        },
      ),
    ).toMatchObject({ ok: false, errors: { 'allocations.0.orderId': 'order_required' } });
    const other = ok(
      await saveDocument(
        test.db,
        'bank_payment',
        null,
        refund('10', [{ orderId: returnId, amount: '10' }], f.supplier.id),
        leader,
      ),
    );
    expect(await changeDocumentStatus(test.db, other.id, 'post', leader)).toMatchObject({ ok: false });

    // Edited to the whole rest and more: the rest of the return on its order, the excess against no order.
    const [{ version }] = (await test.db.execute(
      sql`select version from documents where id = ${id}`,
    )) as unknown as [{ version: number }];
    ok(
      await saveDocument(
        test.db,
        'bank_payment',
        id,
        { ...refund('6100', [{ orderId: returnId, amount: '6000' }]), version },
        leader,
        { post: true },
      ),
    );
    expect(await settled(orderId, returnId)).toEqual({
      order: '0.00',
      advance: new Decimal(advanceBefore).plus(100).toFixed(2),
      left: '0.00',
    });
    expect(await checkLedger(test.db)).toEqual([]);

    // The return cannot be unposted while the refund stands.
    expect(await changeDocumentStatus(test.db, returnId, 'unpost', leader)).toEqual({
      ok: false,
      errors: { _form: 'has_refunds' },
    });
    ok(await changeDocumentStatus(test.db, id, 'unpost', leader));
    expect(await settled(orderId, returnId)).toEqual({
      order: '-6000.00',
      advance: advanceBefore,
      left: '6000.00',
    });
    ok(await changeDocumentStatus(test.db, id, 'post', leader));
    ok(await changeDocumentStatus(test.db, id, 'mark_deleted', leader));
    expect(await settled(orderId, returnId)).toEqual({
      order: '-6000.00',
      advance: advanceBefore,
      left: '6000.00',
    });
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it("the form offers the client's returns with what is left to refund when the payment is a refund", async () => {
    const [, saleId] = await sold(0, '1', '1000');
    const returnId = ok(await clientReturn(saleId, 0, '1', true)).id;
    const facts = await documentFormFacts(
      test.db,
      'bank_payment',
      null,
      { paymentKind: 'client_refund', partnerId: String(f.client.id) },
      leader,
    );
    expect(facts.orders).toContainEqual(expect.objectContaining({ id: returnId, toPay: '1000.00' }));
  });
});

describe('a return to a supplier', () => {
  const supplierReturn = (receiptId: number, quantity: string, post: boolean, id: number | null = null) =>
    saveDocument(
      test.db,
      'supplier_return',
      id,
      {
        date: '2026-11-26T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        basedOnId: receiptId,
        lines: [{ productId: f.gift.id, quantity, price: '2440', vatRate: '22' }],
      },
      leader,
      { post },
    );
  const supplierState = async () => {
    const [row] = (await test.db.execute(sql`
      select
        (select quantity::text from stock_balances where product_id = ${f.gift.id} and warehouse_id = ${f.main.id}) as stock,
        (select quantity::text || ' / ' || amount::text from cost_balances where product_id = ${f.gift.id}) as cost,
        (select sum(amount)::text from supplier_settlement_balances where partner_id = ${f.supplier.id}) as debt
    `)) as unknown as { stock: string; cost: string; debt: string }[];
    return row!;
  };

  it('takes stock and its cost out at the receipt cost and lowers the debt; edits, unposts, deletes', async () => {
    const before = await supplierState();
    // 10 at 1 000,00 on hand; 5 more at 2 000,00 a unit (2 440,00 with VAT): the average is 1 333,33.
    const receipt = ok(
      await saveDocument(
        test.db,
        'goods_receipt',
        null,
        {
          date: '2026-11-23T10:00:00Z',
          partnerId: f.supplier.id,
          warehouseId: f.main.id,
          lines: [{ productId: f.gift.id, quantity: '5', price: '2440', vatRate: '22' }],
        },
        null,
        { post: true },
      ),
    );
    const debt = (change: number) => (Number(before.debt) + change).toFixed(2);
    expect(await supplierState()).toEqual({ stock: '15.000', cost: '15.000 / 20000.00', debt: debt(12200) });

    const back = ok(await supplierReturn(receipt.id, '2', true));
    expect(await supplierState()).toEqual({ stock: '13.000', cost: '13.000 / 16000.00', debt: debt(7320) });

    ok(await supplierReturn(receipt.id, '3', true, back.id));
    expect(await supplierState()).toEqual({ stock: '12.000', cost: '12.000 / 14000.00', debt: debt(4880) });

    expect(await supplierReturn(receipt.id, '3', true)).toEqual({
      ok: false,
      errors: { 'lines.0.quantity': 'return_above_basis:2' },
    });
    expect(await changeDocumentStatus(test.db, receipt.id, 'unpost', null)).toEqual({
      ok: false,
      errors: { _form: 'has_returns' },
    });

    ok(await changeDocumentStatus(test.db, back.id, 'unpost', leader));
    expect(await supplierState()).toEqual({ stock: '15.000', cost: '15.000 / 20000.00', debt: debt(12200) });
    ok(await changeDocumentStatus(test.db, back.id, 'post', leader));
    ok(await changeDocumentStatus(test.db, back.id, 'mark_deleted', leader));
    expect(await supplierState()).toEqual({ stock: '15.000', cost: '15.000 / 20000.00', debt: debt(12200) });
    expect(await checkLedger(test.db)).toEqual([]);
  });
});
