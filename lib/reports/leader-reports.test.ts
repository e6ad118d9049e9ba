import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  interests,
  productGroups,
  products,
  lossReasons as reasonsTable,
  interestSources as sourcesTable,
  tasks,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { totalsOf } from '@/lib/export/table-export';
import { checkLedger } from '@/lib/ledger/check';
import { savePlan } from '@/lib/planning/sales-plans';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { grossProfit, grossProfitTable } from './gross-profit';
import { interestSources, lossReasons, managerControl } from './interest-reports';
import { planFulfilment } from './plan-fulfilment';
import { settlementStatement } from './settlements';

/**
 * Every leader report against figures worked out by hand on a small November:
 * - interest A (source «Сайт») won: an order of 2 × the conditioner at 2 000,00 with VAT 22 %, paid
 *   4 000,00 on 10.11 and shipped on 12.11 (cost 1 000,00 each, from the fixtures' receipt);
 * - interest B (source «Сайт») lost on 15.11 for «Дорого», expected 5 000,00;
 * - interest C (source «Выставка») with an offer sent, expected 3 000,00 by 25.11, an overdue task and
 *   no change for 20 days;
 * - a plan of 10 000,00 for the manager for November, and one of 30 000,00 for the quarter for the
 *   company (so 10 000,00 a month).
 * Revenue without VAT of 4 000,00: 4 000,00 − 4 000,00 × 22 / 122 = 4 000,00 − 721,31 = 3 278,69.
 */
const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let conditioner: number;
const november = { from: '2026-11-01', to: '2026-11-30' };
const now = new Date('2026-11-28T12:00:00Z');

beforeAll(async () => {
  f = await salesFixtures(test.db);
  conditioner = f.products[1]!.id;
  const [group] = await test.db.insert(productGroups).values({ name: 'Кондиционеры' }).returning();
  await test.db.update(products).set({ groupId: group!.id }).where(eq(products.id, conditioner));
  const [site, fair] = await test.db
    .insert(sourcesTable)
    .values([{ name: 'Сайт' }, { name: 'Выставка' }])
    .returning();
  const [expensive] = await test.db.insert(reasonsTable).values({ name: 'Дорого' }).returning();
  const created = new Date('2026-11-05T09:00:00Z');
  const [a, , c] = await test.db
    .insert(interests)
    .values([
      {
        title: 'A',
        partnerId: f.client.id,
        responsibleId: f.manager.id,
        sourceId: site!.id,
        state: 'won',
        createdAt: created,
      },
      {
        title: 'B',
        partnerId: f.client.id,
        responsibleId: f.manager.id,
        sourceId: site!.id,
        state: 'lost',
        lossReasonId: expensive!.id,
        expectedAmount: '5000',
        stateChangedAt: new Date('2026-11-15T10:00:00Z'),
        createdAt: created,
      },
      {
        title: 'C',
        partnerId: f.client.id,
        responsibleId: f.manager.id,
        sourceId: fair!.id,
        state: 'offer_sent',
        expectedAmount: '3000',
        expectedCloseDate: '2026-11-25',
        stateChangedAt: new Date('2026-11-08T10:00:00Z'),
        createdAt: created,
      },
    ])
    .returning();
  await test.db.insert(tasks).values({
    title: 'Позвонить',
    dueAt: new Date('2026-11-20T10:00:00Z'),
    responsibleId: f.manager.id,
    interestId: c!.id,
  });

  const order = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-09T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      interestId: a!.id,
      lines: [{ productId: conditioner, quantity: '2', price: '2000', action: 'reserve' }],
    },
    f.manager,
    { post: true },
  );
  if (!order.ok) throw new Error(JSON.stringify(order));
  const receipt = await saveDocument(
    test.db,
    'bank_receipt',
    null,
    {
      date: '2026-11-10T10:00:00Z',
      partnerId: f.client.id,
      bankAccountId: f.account.id,
      amount: '4000',
      allocations: [{ orderId: order.id, amount: '4000' }],
    },
    f.manager,
    { post: true },
  );
  const sales = await saveDocument(
    test.db,
    'sales',
    null,
    {
      date: '2026-11-12T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      basedOnId: order.id,
      lines: [{ productId: conditioner, quantity: '2' }],
    },
    f.manager,
    { post: true },
  );
  if (!receipt.ok || !sales.ok) throw new Error(JSON.stringify({ receipt, sales }));
  const leader = { id: f.manager.id, role: 'leader' as const };
  for (const [plan, input] of [
    [
      'month',
      {
        periodKind: 'month',
        period: '2026-11',
        lines: [{ managerId: String(f.manager.id), amount: '10 000,00' }],
      },
    ],
    ['quarter', { periodKind: 'quarter', period: '2026-10-15', lines: [{ managerId: '', amount: '30000' }] }],
  ] as const) {
    const saved = await savePlan(test.db, null, input, leader, { post: true });
    if (!saved.ok) throw new Error(`${plan}: ${JSON.stringify(saved)}`);
  }
});

describe('leader reports', () => {
  it('gross profit: revenue without VAT, cost, profit, profitability and markup, in every variant', async () => {
    for (const variant of ['manager', 'partner', 'product', 'group', 'month'] as const) {
      const rows = await grossProfit(test.db, { ...november, variant });
      expect(rows.map((r) => [r.quantity, r.revenue, r.vat, r.cost, r.profit])).toEqual([
        ['2.000', '3278.69', '721.31', '2000.00', '1278.69'],
      ]);
    }
    const table = grossProfitTable(
      await grossProfit(test.db, { ...november, variant: 'month' }),
      { ...november, variant: 'month' },
      (k) => k,
    );
    // 1 278,69 / 3 278,69 and 1 278,69 / 2 000,00.
    expect(totalsOf(table)).toEqual(['report.total', '2', '3278.69', '2000', '1278.69', '39.0', '63.9']);
    // A period that takes only the edge days around the shipment still finds it.
    expect(
      (await grossProfit(test.db, { from: '2026-11-12', to: '2026-11-12', variant: 'manager' }))[0]?.revenue,
    ).toBe('3278.69');
    expect(await grossProfit(test.db, { from: '2026-10-01', to: '2026-10-31', variant: 'manager' })).toEqual(
      [],
    );
  });

  it('client settlements: paid in advance then shipped, so the month nets to zero; the order row shows the same', async () => {
    const rows = await settlementStatement(test.db, november);
    expect(rows.map((r) => [r.partner, r.opening, r.increase, r.decrease, r.closing])).toEqual([
      ['Климат-Сервис', '0.00', '4000.00', '4000.00', '0.00'],
    ]);
    // Up to the 11th the payment was an advance: the client's closing balance is −4 000,00.
    const early = await settlementStatement(test.db, { from: '2026-11-01', to: '2026-11-11' });
    expect(early.map((r) => [r.opening, r.increase, r.decrease, r.closing])).toEqual([
      ['0.00', '0.00', '4000.00', '-4000.00'],
    ]);
    const byOrder = await settlementStatement(test.db, { ...november, partnerId: f.client.id });
    expect(byOrder.map((r) => [r.opening, r.increase, r.decrease, r.closing])).toEqual([
      ['0.00', '4000.00', '4000.00', '0.00'],
    ]);
  });

  it('sources: created, won, lost, open and the revenue of the won', async () => {
    const rows = await interestSources(test.db, november);
    expect(rows.map((r) => [r.source, r.created, r.won, r.lost, r.open, r.revenue])).toEqual([
      ['Сайт', 2, 1, 1, 0, '3278.69'],
      ['Выставка', 1, 0, 0, 1, '0.00'],
    ]);
  });

  it('loss reasons: count, expected amount and share, with the manager under the reason', async () => {
    const rows = await lossReasons(test.db, november);
    expect(
      rows.map((r) => [r.level, r.level === 0 ? r.reason : r.manager, r.count, r.expected, r.share]),
    ).toEqual([
      [0, 'Дорого', 1, '5000.00', '100.0'],
      [1, 'Анна Иванова', 1, '5000.00', '100.0'],
    ]);
  });

  it('manager control: open, overdue, without a next task and stalled, with the interest listed', async () => {
    const rows = await managerControl(test.db, { stalledDays: 14 }, now);
    expect(
      rows.map((r) => [
        r.level,
        r.title ?? r.manager,
        r.open,
        r.overdue,
        r.noNextTask,
        r.stalled,
        r.expected,
      ]),
    ).toEqual([
      [0, 'Анна Иванова', 1, 1, 1, 1, '3000.00'],
      [1, 'C', 1, 1, 1, 1, '3000.00'],
    ]);
  });

  it('plan fulfilment: plan, fact with VAT, forecast weighed by the state, and the company', async () => {
    const rows = await planFulfilment(test.db, november, '2026-11-28');
    // Fact 4 000,00; forecast 4 000,00 + 3 000,00 × 30 % (offer sent).
    expect(rows.map((r) => [r.managerId === 0 ? 'company' : r.manager, r.plan, r.fact, r.forecast])).toEqual([
      ['Анна Иванова', '10000.00', '4000.00', '4900.00'],
      ['company', '10000.00', '4000.00', '4900.00'],
    ]);
    // The quarter plan is spread over its months: October counts a third of it.
    const october = await planFulfilment(test.db, { from: '2026-10-01', to: '2026-10-31' }, '2026-11-28');
    expect(october.at(-1)).toMatchObject({ plan: '10000.00', fact: '0.00' });
  });

  it('the turnovers the reports read equal the movements', async () => {
    expect(await checkLedger(test.db)).toEqual([]);
    const [months] = (await test.db.execute(
      sql`select count(*)::int as n from sales_monthly_turnovers`,
    )) as unknown as {
      n: number;
    }[];
    expect(months!.n).toBe(1);
    const [manager] = await test.db.select().from(users).where(eq(users.id, f.manager.id));
    expect(manager!.name).toBe('Анна Иванова');
  });
});
