import type { Db } from '@/db/client';
import { expectedGoodsBalances, prices, priceTypes, reservationBalances } from '@/db/schema';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';

/**
 * A month of stock for report tests, on distinct days:
 *   03-05 receipt main: P1 10, P2 5       03-10 transfer main → second: P1 4
 *   03-15 write-off main: P1 1            03-20 receipt main: P1 6
 *   03-25 write-off second: P1 2
 * Now: main P1 11 (3 reserved for an order), second P1 2, main P2 5 (7 more expected); P3 never moved.
 * Reservations and expected goods are written to their balances directly: no document posts them yet.
 */
export async function stockScenario(db: Db) {
  const f = await stockFixtures(db);
  const [p1, p2, p3] = f.products.map((p) => p.id) as [number, number, number];
  const post = async (kind: Parameters<typeof saveDocument>[1], input: object) => {
    const result = await saveDocument(db, kind, null, input, null, { post: true });
    if (!result.ok) throw new Error(`${kind} not posted: ${JSON.stringify(result)}`);
    return result.id;
  };
  const receipt = (date: string, lines: [number, string][]) =>
    post('goods_receipt', {
      date,
      partnerId: f.supplier.id,
      warehouseId: f.main.id,
      lines: lines.map(([productId, quantity]) => ({ productId, quantity, price: '122', vatRate: '22' })),
    });
  const docs = {
    receipt1: await receipt('2026-03-05T09:00:00Z', [
      [p1, '10'],
      [p2, '5'],
    ]),
    transfer: await post('transfer', {
      date: '2026-03-10T09:00:00Z',
      warehouseId: f.main.id,
      warehouseToId: f.second.id,
      lines: [{ productId: p1, quantity: '4' }],
    }),
    writeOff1: await post('stock_shortage', {
      date: '2026-03-15T09:00:00Z',
      warehouseId: f.main.id,
      lines: [{ productId: p1, quantity: '1' }],
    }),
    receipt2: await receipt('2026-03-20T09:00:00Z', [[p1, '6']]),
    writeOff2: await post('stock_shortage', {
      date: '2026-03-25T09:00:00Z',
      warehouseId: f.second.id,
      lines: [{ productId: p1, quantity: '2' }],
    }),
  };
  await db
    .insert(reservationBalances)
    .values({ warehouseId: f.main.id, productId: p1, orderId: 999, quantity: '3' });
  await db.insert(expectedGoodsBalances).values({ warehouseId: f.main.id, productId: p2, quantity: '7' });

  const [purchase, retail] = await db
    .insert(priceTypes)
    .values([
      { name: 'Закупочная', purpose: 'purchase' },
      { name: 'Розничная', purpose: 'sale' },
    ])
    .returning();
  await db.insert(prices).values([
    { productId: p1, priceTypeId: retail!.id, validFrom: '2026-01-01', price: '100.00' },
    { productId: p1, priceTypeId: retail!.id, validFrom: '2099-01-01', price: '120.00' },
    { productId: p1, priceTypeId: purchase!.id, validFrom: '2026-01-01', price: '60.00' },
    { productId: p2, priceTypeId: retail!.id, validFrom: '2026-02-01', price: '50.50' },
  ]);
  return { ...f, p1, p2, p3, docs, purchase: purchase!, retail: retail! };
}
