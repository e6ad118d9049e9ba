import { beforeAll, describe, expect, it } from 'vitest';
import { cashDesks } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { translator } from '@/lib/i18n/translate';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { cashBalances } from './cash-balances';
import { calendarWarning, paymentCalendar } from './payment-calendar';
import { reportTable } from './report-tables';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let desk: number;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const [row] = await test.db.insert(cashDesks).values({ name: 'Основная касса' }).returning();
  desk = row!.id;
});

const post = async (
  kind: 'cash_receipt' | 'cash_payment' | 'bank_receipt',
  input: Record<string, unknown>,
) => {
  const saved = await saveDocument(test.db, kind, null, input, null, { post: true });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return saved.id;
};

describe('«Остатки денежных средств»', () => {
  it('gives each bank account and cash desk its opening, receipts, expenses and closing for a period', async () => {
    await post('bank_receipt', {
      date: '2026-10-15T10:00:00Z',
      partnerId: f.client.id,
      bankAccountId: f.account.id,
      amount: '1000',
    });
    await post('cash_receipt', {
      date: '2026-10-20T10:00:00Z',
      partnerId: f.client.id,
      cashDeskId: desk,
      amount: '800',
    });
    await post('cash_receipt', {
      date: '2026-11-05T10:00:00Z',
      partnerId: f.client.id,
      cashDeskId: desk,
      amount: '200',
    });
    await post('cash_payment', {
      date: '2026-11-10T10:00:00Z',
      cashDeskId: desk,
      paymentKind: 'supplier',
      partnerId: f.supplier.id,
      amount: '300',
    });
    // After the period: not in its turnovers, and taken back out of its closing balance.
    await post('cash_receipt', {
      date: '2026-12-02T10:00:00Z',
      partnerId: f.client.id,
      cashDeskId: desk,
      amount: '50',
    });
    const rows = await cashBalances(test.db, { from: '2026-11-01', to: '2026-11-30' });
    expect(
      rows.map(({ place, opening, receipt, expense, closing }) => [
        place,
        opening,
        receipt,
        expense,
        closing,
      ]),
    ).toEqual([
      ['40702810938000012345 · ПАО Сбербанк', '1000.00', '0.00', '0.00', '1000.00'],
      ['Основная касса', '800.00', '200.00', '300.00', '700.00'],
    ]);
    const { t, locale } = { t: translator('ru'), locale: 'ru' as const };
    const table = await reportTable(
      'cash-balances',
      test.db,
      new URLSearchParams({ from: '2026-11-01', to: '2026-11-30' }),
      t,
      locale,
    );
    expect(table.rows).toHaveLength(2);
    expect(table.columns.map((c) => c.label)).toContain('Конечный остаток');
  });
});

describe('«Платежный календарь»', () => {
  it('expects the prepayment at once, the rest on the due date, the supplier debt now, and finds the first negative day', async () => {
    const order = await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-20T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        prepaymentPercent: '30',
        paymentDueDate: '2026-12-10',
        lines: [{ productId: f.products[1]!.id, quantity: '5', price: '2000', action: 'none' }],
      },
      { id: f.manager.id, role: 'leader' },
      { post: true },
    );
    if (!order.ok) throw new Error(JSON.stringify(order));
    const calendar = await paymentCalendar(test.db, { from: '2026-12-01', days: 30 });
    expect(calendar.days).toHaveLength(30);
    const first = calendar.days[0]!;
    // Money now: 1 000 on the account, 750 in the desk; the supplier is owed 48 800 for the opening stock
    // less the 300 paid; the order's 30 % prepayment (3 000) is overdue since its date.
    expect(first.opening).toBe('1750.00');
    expect(first.items.map((i) => [i.kind, i.amount, i.overdueSince ?? null])).toEqual([
      ['prepayment', '3000.00', '2026-11-20'],
      ['supplierDebt', '48500.00', null],
    ]);
    expect(first.closing).toBe('-43750.00');
    expect(calendar.firstNegative?.day).toBe('2026-12-01');
    const tenth = calendar.days.find((d) => d.day === '2026-12-10')!;
    expect([tenth.receipts, tenth.closing]).toEqual(['7000.00', '-36750.00']);
    expect(calendarWarning(calendar, translator('ru'), 'ru')).toMatch(
      /^Денег не хватит 01\.12\.2026: прогноз остатка -43\s750,00\s₽\.$/,
    );
  });

  it('counts what was paid in cash against the order, and warns no more once the money is there', async () => {
    await post('cash_receipt', {
      date: '2026-11-25T10:00:00Z',
      partnerId: f.client.id,
      cashDeskId: desk,
      amount: '60000',
    });
    const calendar = await paymentCalendar(test.db, { from: '2026-12-01', days: 10 });
    expect(calendar.firstNegative).toBeNull();
    expect(calendarWarning(calendar, translator('en'), 'en')).toBe(
      'The projected balance never goes negative.',
    );
  });

  it('expects what is left to pay of a supplier order on its payment due date', async () => {
    const order = await saveDocument(
      test.db,
      'supplier_order',
      null,
      {
        date: '2026-11-28T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        supplierOrderStatus: 'to_receive',
        expectedDate: '2026-12-05',
        paymentDueDate: '2026-12-08',
        lines: [{ productId: f.products[0]!.id, quantity: '2', price: '1000', vatRate: '22' }],
      },
      null,
      { post: true },
    );
    if (!order.ok) throw new Error(JSON.stringify(order));
    const paid = await saveDocument(
      test.db,
      'bank_payment',
      null,
      {
        date: '2026-11-29T10:00:00Z',
        paymentKind: 'supplier',
        partnerId: f.supplier.id,
        bankAccountId: f.account.id,
        amount: '500',
        allocations: [{ orderId: order.id, amount: '500' }],
      },
      null,
      { post: true },
    );
    if (!paid.ok) throw new Error(JSON.stringify(paid));
    const calendar = await paymentCalendar(test.db, { from: '2026-12-01', days: 10 });
    const eighth = calendar.days.find((d) => d.day === '2026-12-08')!;
    expect(eighth.items.map((i) => [i.kind, i.direction, i.amount])).toEqual([
      ['supplierOrder', 'out', '1500.00'],
    ]);
    expect(eighth.payments).toBe('1500.00');
  });
});
