import { beforeAll, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { productCard, productMovements } from './product-card';
import { stockScenario } from './test-scenario';

const test = isolatedDatabase();
let s: Awaited<ReturnType<typeof stockScenario>>;

beforeAll(async () => {
  s = await stockScenario(test.db);
});

it('shows stock per warehouse and the prices in force on the date', async () => {
  const card = await productCard(test.db, s.p1, '2026-06-01');
  expect(card?.product).toMatchObject({ sku: 'P-1', name: 'Соковыжималка', unit: 'шт' });
  expect(card?.stock.map((r) => [r.warehouse, r.onHand, r.reserved, r.available, r.expected])).toEqual([
    ['Основной склад', '11.000', '3.000', '8.000', '0.000'],
    ['Склад Подольск', '2.000', '0.000', '2.000', '0.000'],
  ]);
  expect(card?.prices.map((p) => [p.priceType, p.price])).toEqual([
    ['Закупочная', '60.00'],
    ['Розничная', '100.00'],
  ]);
  expect(await productCard(test.db, 999_999, '2026-06-01')).toBeNull();
});

it('lists movements newest first with document, warehouse and signed quantity', async () => {
  const page = await productMovements(test.db, s.p1);
  expect(page.total).toBe(6);
  expect(page.rows.map((r) => [r.documentId, r.kind, r.warehouse, r.quantity])).toEqual([
    [s.docs.writeOff2, 'stock_shortage', 'Склад Подольск', '-2.000'],
    [s.docs.receipt2, 'goods_receipt', 'Основной склад', '6.000'],
    [s.docs.writeOff1, 'stock_shortage', 'Основной склад', '-1.000'],
    [s.docs.transfer, 'transfer', 'Склад Подольск', '4.000'],
    [s.docs.transfer, 'transfer', 'Основной склад', '-4.000'],
    [s.docs.receipt1, 'goods_receipt', 'Основной склад', '10.000'],
  ]);
  expect(page.rows[0]?.number).toBe('000002');
});
