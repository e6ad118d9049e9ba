import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentLines, documents, prices, priceTypes, products } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { settlementStatement } from '@/lib/reports/settlements';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { draftSupplierOrders, whatToOrder } from './what-to-order';

const test = isolatedDatabase({ connections: 12 });
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
});

describe('what to order', () => {
  it('lists products below their minimum per warehouse and drafts one order per supplier and warehouse, once', async () => {
    const [p0, p1] = f.products;
    await test.db
      .update(products)
      .set({ minStock: '15', mainSupplierId: f.supplier.id })
      .where(eq(products.id, p0!.id));
    await test.db.update(products).set({ minStock: '12' }).where(eq(products.id, p1!.id));
    // An order expecting 2 of the first at the main warehouse counts as good as stock.
    const expected = await saveDocument(
      test.db,
      'supplier_order',
      null,
      {
        date: '2026-11-10T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: p0!.id, quantity: '2', price: '100' }],
      },
      null,
      { post: true },
    );
    expect(expected.ok).toBe(true);
    const rows = await whatToOrder(test.db, {});
    expect(
      rows.map((r) => [r.product, r.warehouseId, r.onHand, r.expected, r.suggested, r.supplierId]),
    ).toEqual([
      [p0!.name, f.main.id, '10.000', '2.000', '3.000', f.supplier.id],
      [p0!.name, f.second.id, '0.000', '0.000', '15.000', f.supplier.id],
      [p1!.name, f.main.id, '10.000', '0.000', '2.000', null],
      [p1!.name, f.second.id, '0.000', '0.000', '12.000', null],
    ]);
    expect(await whatToOrder(test.db, { warehouseId: f.second.id })).toHaveLength(2);

    // The purchase price type's prices are without VAT: the orders (prices with VAT) add the product's 22 %.
    const [purchase] = await test.db
      .insert(priceTypes)
      .values({ name: 'Закупочная без НДС', purpose: 'purchase', includesVat: false })
      .returning();
    await test.db
      .insert(prices)
      .values({ productId: p0!.id, priceTypeId: purchase!.id, validFrom: '2026-01-01', price: '100.00' });

    // Two clicks at once: one of them drafts, the other finds the drafts and makes none.
    const results = await Promise.all([1, 2].map(() => draftSupplierOrders(test.db, {}, f.manager)));
    const ids = results.flatMap((r) => (r.ok ? r.ids : []));
    expect(ids).toHaveLength(2);
    const drafted = await test.db
      .select({
        warehouseId: documents.warehouseId,
        status: documents.status,
        quantity: documentLines.quantity,
        price: documentLines.price,
      })
      .from(documents)
      .innerJoin(documentLines, eq(documentLines.documentId, documents.id))
      .where(sql`${documents.id} in ${ids}`)
      .orderBy(documents.warehouseId);
    expect(drafted).toEqual([
      { warehouseId: f.main.id, status: 'draft', quantity: '3.000', price: '122.00' },
      { warehouseId: f.second.id, status: 'draft', quantity: '15.000', price: '122.00' },
    ]);
    // Only the product without a supplier is left to order.
    expect((await whatToOrder(test.db, {})).map((r) => r.supplierId)).toEqual([null, null]);
  });
});

describe('supplier settlements statement', () => {
  it('per supplier from the turnovers, and per order for one supplier, as the client statement is', async () => {
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const before = (await settlementStatement(test.db, november, 'supplier')).find(
      (r) => r.partnerId === f.supplier.id,
    );
    const order = await saveDocument(
      test.db,
      'supplier_order',
      null,
      {
        date: '2026-11-12T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: f.products[2]!.id, quantity: '3', price: '1000' }],
      },
      null,
      { post: true },
    );
    if (!order.ok) throw new Error(JSON.stringify(order));
    const receipt = await saveDocument(
      test.db,
      'goods_receipt',
      null,
      {
        date: '2026-11-14T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        basedOnId: order.id,
        lines: [{ productId: f.products[2]!.id, quantity: '3', price: '1000' }],
      },
      null,
      { post: true },
    );
    const payment = await saveDocument(
      test.db,
      'bank_payment',
      null,
      {
        date: '2026-12-02T10:00:00Z',
        paymentKind: 'supplier',
        partnerId: f.supplier.id,
        bankAccountId: f.account.id,
        amount: '1000',
        allocations: [{ orderId: order.id, amount: '1000' }],
      },
      null,
      { post: true },
    );
    expect([receipt.ok, payment.ok]).toEqual([true, true]);
    const row = (await settlementStatement(test.db, november, 'supplier')).find(
      (r) => r.partnerId === f.supplier.id,
    )!;
    expect(Number(row.increase) - Number(before?.increase ?? 0)).toBe(3000);
    expect(Number(row.closing) - Number(before?.closing ?? 0)).toBe(3000);
    const december = await settlementStatement(test.db, { from: '2026-12-01', to: '2026-12-31' }, 'supplier');
    expect(december.find((r) => r.partnerId === f.supplier.id)).toMatchObject({ decrease: '1000.00' });
    const byOrder = await settlementStatement(
      test.db,
      { from: '2026-11-01', to: '2026-12-31', partnerId: f.supplier.id },
      'supplier',
    );
    expect(byOrder.find((r) => r.orderId === order.id)).toMatchObject({
      increase: '3000.00',
      decrease: '1000.00',
      closing: '2000.00',
    });
  });
});
