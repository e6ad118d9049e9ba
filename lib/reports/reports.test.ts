import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { stockScenario } from '@/lib/stock/test-scenario';
import { parsePriceListFilters, priceList } from './price-list';
import { stockAvailability } from './stock-availability';
import { parseStatementFilters, warehouseStatement } from './warehouse-statement';

const test = isolatedDatabase();
let s: Awaited<ReturnType<typeof stockScenario>>;

beforeAll(async () => {
  s = await stockScenario(test.db);
});

const numbers = <R extends { warehouseId: number; productId: number }>(rows: R[], pick: (r: R) => string[]) =>
  Object.fromEntries(
    rows.map((r) => [`${r.warehouseId === s.main.id ? 'main' : 'second'}:${r.productId}`, pick(r)]),
  );

describe('warehouse statement', () => {
  it('gives opening, receipt, issue and closing for a period in the middle of the history', async () => {
    const rows = await warehouseStatement(test.db, { from: '2026-03-08', to: '2026-03-18' });
    expect(numbers(rows, (r) => [r.opening, r.receipt, r.issue, r.closing])).toEqual({
      [`main:${s.p1}`]: ['10.000', '0.000', '5.000', '5.000'],
      [`main:${s.p2}`]: ['5.000', '0.000', '0.000', '5.000'],
      [`second:${s.p1}`]: ['0.000', '4.000', '0.000', '4.000'],
    });
  });

  it('counts a period boundary day in the period, and filters by warehouse', async () => {
    const rows = await warehouseStatement(test.db, {
      from: '2026-03-10',
      to: '2026-03-20',
      warehouseId: s.main.id,
    });
    expect(numbers(rows, (r) => [r.opening, r.receipt, r.issue, r.closing])).toEqual({
      [`main:${s.p1}`]: ['10.000', '6.000', '5.000', '11.000'],
      [`main:${s.p2}`]: ['5.000', '0.000', '0.000', '5.000'],
    });
  });

  it('shows nothing for a period before any stock, and the whole history from its start', async () => {
    expect(await warehouseStatement(test.db, { from: '2026-02-01', to: '2026-02-28' })).toEqual([]);
    const all = await warehouseStatement(test.db, { from: '2026-03-01', to: '2026-03-31', q: 'соковыж' });
    expect(numbers(all, (r) => [r.opening, r.receipt, r.issue, r.closing])).toEqual({
      [`main:${s.p1}`]: ['0.000', '16.000', '5.000', '11.000'],
      [`second:${s.p1}`]: ['0.000', '4.000', '2.000', '2.000'],
    });
  });

  it('defaults to the current month and swaps a reversed period', () => {
    expect(parseStatementFilters(new URLSearchParams(), '2026-02-14')).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(
      parseStatementFilters(new URLSearchParams({ from: '2026-03-31', to: '2026-03-01', warehouse: '7' })),
    ).toEqual({ from: '2026-03-01', to: '2026-03-31', warehouseId: 7 });
  });
});

describe('stock availability', () => {
  it('shows on hand, reserved, available and expected per warehouse and product', async () => {
    const rows = await stockAvailability(test.db, {});
    expect(numbers(rows, (r) => [r.onHand, r.reserved, r.available, r.expected])).toEqual({
      [`main:${s.p1}`]: ['11.000', '3.000', '8.000', '0.000'],
      [`main:${s.p2}`]: ['5.000', '0.000', '5.000', '7.000'],
      [`second:${s.p1}`]: ['2.000', '0.000', '2.000', '0.000'],
    });
    const second = await stockAvailability(test.db, { warehouseId: s.second.id });
    expect(second.map((r) => [r.warehouse, r.product])).toEqual([['Склад Подольск', 'Соковыжималка']]);
  });
});

describe('price list', () => {
  it('shows sale prices in force today and availability, and keeps only stock on hand when asked', async () => {
    const list = await priceList(test.db, parsePriceListFilters(new URLSearchParams()));
    expect(list.priceTypes.map((p) => p.name)).toEqual(['Розничная']);
    const retail = String(s.retail.id);
    expect(list.rows.map((r) => [r.product, r.prices[retail], r.available])).toEqual([
      ['Соковыжималка', '100.00', '10.000'],
      ['Товар 2', '50.50', '5.000'],
    ]);
    const atSecond = await priceList(
      test.db,
      parsePriceListFilters(
        new URLSearchParams([
          ['warehouse', String(s.second.id)],
          ['stock', '1'],
          ['pt', String(s.purchase.id)],
          ['pt', String(s.retail.id)],
        ]),
      ),
    );
    expect(atSecond.priceTypes.map((p) => p.name)).toEqual(['Закупочная', 'Розничная']);
    expect(atSecond.rows.map((r) => [r.product, r.prices, r.available])).toEqual([
      ['Соковыжималка', { [String(s.purchase.id)]: '60.00', [retail]: '100.00' }, '2.000'],
    ]);
  });
});
