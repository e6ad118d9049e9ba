import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  interestLines,
  interests,
  partners,
  productGroups,
  products,
  lossReasons as reasonsTable,
  interestSources as sourcesTable,
  tasks,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import type { Actor } from '@/lib/access/rules';
import { saveDocument } from '@/lib/documents/save-document';
import { percentOf } from '@/lib/export/table-export';
import { savePlan } from '@/lib/planning/sales-plans';
import { grossProfit } from '@/lib/reports/gross-profit';
import { lossReasons } from '@/lib/reports/interest-reports';
import { planFulfilment } from '@/lib/reports/plan-fulfilment';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { saveForecastProbabilities } from '@/lib/settings/forecast';
import { getSetting } from '@/lib/settings/settings';
import { type DashboardData, dashboardData } from './data';
import { reportLink } from './links';
import { DashboardForbiddenError, dashboardPeriod, parseDashboardQuery } from './query';
import {
  savedWidgets,
  saveWidgetSettings,
  shownWidgets,
  widgetKeys,
  widgetSettings,
  widgetSettingsFields,
} from './widgets';

/**
 * The dashboard against figures worked out by hand. Now is 28.11.2026 12:00 UTC; every sale is of the
 * conditioner at a cost of 1 000,00 a unit, prices with VAT 22 % (revenue = amount − amount × 22 / 122).
 * Анна Иванова (A):
 * - interest «A» (source «Сайт», created 05.11) won on 12.11: an order of 2 × 2 000,00, paid 4 000,00
 *   on 10.11 and shipped on 12.11 — no debt;
 * - interest «B» (source «Сайт», created 05.11) lost on 15.11 for «Дорого», expected 5 000,00;
 * - interest «C» (source «Выставка», created 05.11) with an offer sent, expected 3 000,00 by 25.11,
 *   its only task due 20.11: overdue, and no next task;
 * - an order of 1 × 2 000,00 shipped on 25.11 and unpaid: a debt of 3 days;
 * - a plan of 10 000,00 for November.
 * Сергей Петров (B):
 * - interest «D» (no source, created 20.10) in consultation, no expected amount but a line of
 *   2 500,00, no close date, a task due 01.12 (its next task);
 * - interest «E» (created 01.09) lost on 10.10, no reason;
 * - a task without an interest due 27.11: overdue;
 * - an order of 1 × 3 000,00 to «Вектор» shipped on 15.11, unpaid (13 days), and one of 1 × 2 000,00
 *   shipped on 01.10, unpaid (58 days);
 * - a plan of 5 000,00 for November.
 */
const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let petrov: Actor & { name: string };
let leader: Actor;
let vector: number;
const now = new Date('2026-11-28T12:00:00Z');
const november = dashboardPeriod('month', '2026-11-15');
const at = (iso: string) => new Date(iso);

async function sell(
  actor: Actor,
  partnerId: number,
  day: string,
  price: string,
  quantity: string,
  paid?: string,
) {
  const order = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: `${day}T09:00:00Z`,
      partnerId,
      warehouseId: f.main.id,
      lines: [{ productId: f.products[1]!.id, quantity, price, action: 'reserve' }],
    },
    actor,
    { post: true },
  );
  if (!order.ok) throw new Error(JSON.stringify(order));
  if (paid) {
    const receipt = await saveDocument(
      test.db,
      'bank_receipt',
      null,
      {
        date: `${day}T09:30:00Z`,
        partnerId,
        bankAccountId: f.account.id,
        amount: paid,
        allocations: [{ orderId: order.id, amount: paid }],
      },
      actor,
      { post: true },
    );
    if (!receipt.ok) throw new Error(JSON.stringify(receipt));
  }
  return order.id;
}

async function ship(actor: Actor, partnerId: number, orderId: number, day: string, quantity: string) {
  const sales = await saveDocument(
    test.db,
    'sales',
    null,
    {
      date: `${day}T10:00:00Z`,
      partnerId,
      warehouseId: f.main.id,
      basedOnId: orderId,
      lines: [{ productId: f.products[1]!.id, quantity }],
    },
    actor,
    { post: true },
  );
  if (!sales.ok) throw new Error(JSON.stringify(sales));
}

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const [b, boss] = await test.db
    .insert(users)
    .values([
      { email: 'petrov@test', name: 'Сергей Петров', role: 'manager', passwordHash: '-' },
      { email: 'leader@test', name: 'Ольга Смирнова', role: 'leader', passwordHash: '-' },
    ])
    .returning();
  petrov = { id: b!.id, role: 'manager', name: b!.name };
  leader = { id: boss!.id, role: 'leader' };
  const [v] = await test.db
    .insert(partners)
    .values({ name: 'Вектор', inn: '7707083893', responsibleId: petrov.id })
    .returning();
  vector = v!.id;
  const [site, fair] = await test.db
    .insert(sourcesTable)
    .values([{ name: 'Сайт' }, { name: 'Выставка' }])
    .returning();
  const [expensive] = await test.db.insert(reasonsTable).values({ name: 'Дорого' }).returning();
  const created = at('2026-11-05T09:00:00Z');
  const anna = f.manager.id;
  const [, , c, d] = await test.db
    .insert(interests)
    .values([
      {
        title: 'A',
        partnerId: f.client.id,
        responsibleId: anna,
        sourceId: site!.id,
        state: 'won',
        stateChangedAt: at('2026-11-12T10:00:00Z'),
        createdAt: created,
      },
      {
        title: 'B',
        partnerId: f.client.id,
        responsibleId: anna,
        sourceId: site!.id,
        state: 'lost',
        lossReasonId: expensive!.id,
        expectedAmount: '5000',
        stateChangedAt: at('2026-11-15T10:00:00Z'),
        createdAt: created,
      },
      {
        title: 'C',
        partnerId: f.client.id,
        responsibleId: anna,
        sourceId: fair!.id,
        state: 'offer_sent',
        expectedAmount: '3000',
        expectedCloseDate: '2026-11-25',
        stateChangedAt: at('2026-11-08T10:00:00Z'),
        createdAt: created,
      },
      {
        title: 'D',
        partnerId: vector,
        responsibleId: petrov.id,
        state: 'consultation',
        stateChangedAt: at('2026-10-21T10:00:00Z'),
        createdAt: at('2026-10-20T10:00:00Z'),
      },
      {
        title: 'E',
        partnerId: vector,
        responsibleId: petrov.id,
        state: 'lost',
        stateChangedAt: at('2026-10-10T10:00:00Z'),
        createdAt: at('2026-09-01T10:00:00Z'),
      },
    ])
    .returning();
  await test.db.insert(interestLines).values({
    interestId: d!.id,
    lineNo: 1,
    productId: f.products[1]!.id,
    quantity: '1',
    price: '2500',
    amount: '2500',
  });
  await test.db.insert(tasks).values([
    { title: 'Позвонить', dueAt: at('2026-11-20T10:00:00Z'), responsibleId: anna, interestId: c!.id },
    { title: 'Встреча', dueAt: at('2026-12-01T10:00:00Z'), responsibleId: petrov.id, interestId: d!.id },
    { title: 'Отчёт', dueAt: at('2026-11-27T10:00:00Z'), responsibleId: petrov.id },
    // Done tasks count for nothing.
    {
      title: 'Готово',
      dueAt: at('2026-11-01T10:00:00Z'),
      responsibleId: anna,
      doneAt: at('2026-11-01T11:00:00Z'),
    },
  ]);

  // September stock at the same cost, so October can ship.
  const receipt = await saveDocument(
    test.db,
    'goods_receipt',
    null,
    {
      date: '2026-09-01T10:00:00Z',
      partnerId: f.supplier.id,
      warehouseId: f.main.id,
      lines: [{ productId: f.products[1]!.id, quantity: '10', price: '1220', vatRate: '22' }],
    },
    null,
    { post: true },
  );
  if (!receipt.ok) throw new Error(JSON.stringify(receipt));

  const won = await sell(f.manager, f.client.id, '2026-11-09', '2000', '2', '4000');
  await ship(f.manager, f.client.id, won, '2026-11-12', '2');
  await ship(
    f.manager,
    f.client.id,
    await sell(f.manager, f.client.id, '2026-11-24', '2000', '1'),
    '2026-11-25',
    '1',
  );
  await ship(petrov, vector, await sell(petrov, vector, '2026-11-14', '3000', '1'), '2026-11-15', '1');
  await ship(petrov, vector, await sell(petrov, vector, '2026-09-30', '2000', '1'), '2026-10-01', '1');

  const saved = await savePlan(
    test.db,
    null,
    {
      periodKind: 'month',
      period: '2026-11',
      lines: [
        { managerId: String(anna), amount: '10000' },
        { managerId: String(petrov.id), amount: '5000' },
      ],
    },
    leader,
    { post: true },
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
});

const company = () => dashboardData(test.db, { viewer: leader, period: november }, now);

describe('the dashboard', () => {
  it('plan: plan, fact with VAT, forecast weighed by state and the percents, per manager and the company', async () => {
    const { plan } = await company();
    // A: sold 4 000 + 2 000; forecast + 3 000 × 30 % (offer sent). B: sold 3 000; forecast + 2 500 × 10 %
    // (consultation, no close date: counts in the period that contains today).
    expect(plan).toEqual([
      {
        managerId: f.manager.id,
        manager: 'Анна Иванова',
        plan: '10000.00',
        fact: '6000.00',
        forecast: '6900.00',
        percent: '60.0',
        forecastPercent: '69.0',
      },
      {
        managerId: petrov.id,
        manager: 'Сергей Петров',
        plan: '5000.00',
        fact: '3000.00',
        forecast: '3250.00',
        percent: '60.0',
        forecastPercent: '65.0',
      },
      // 10 150 / 15 000 = 67.67 %.
      {
        managerId: 0,
        manager: '',
        plan: '15000.00',
        fact: '9000.00',
        forecast: '10150.00',
        percent: '60.0',
        forecastPercent: '67.7',
      },
    ]);
  });

  it('funnel: every open state with its count and expected amount (the lines when none is entered)', async () => {
    const { funnel } = await company();
    expect(funnel).toEqual([
      { state: 'new', count: 0, amount: '0.00' },
      { state: 'consultation', count: 1, amount: '2500.00' },
      { state: 'offer_sent', count: 1, amount: '3000.00' },
      { state: 'awaiting_payment', count: 0, amount: '0.00' },
      { state: 'shipment_control', count: 0, amount: '0.00' },
    ]);
  });

  it('outcomes: won and lost by month over the 12 months that end with the period, and the conversion', async () => {
    const { outcomes } = await company();
    expect(outcomes!.months).toHaveLength(12);
    expect(outcomes!.months[0]!.month).toBe('2025-12-01');
    expect(outcomes!.months.filter((m) => m.won || m.lost)).toEqual([
      { month: '2026-10-01', won: 0, lost: 1, conversion: '0.0' },
      { month: '2026-11-01', won: 1, lost: 1, conversion: '50.0' },
    ]);
    expect(outcomes!.months[0]!.conversion).toBeNull();
    // 1 won of 3 closed.
    expect(outcomes!.total).toMatchObject({ won: 1, lost: 2, conversion: '33.3' });
  });

  it('discipline: overdue tasks and open interests without a next task, per manager', async () => {
    const { discipline } = await company();
    expect(discipline).toEqual([
      { managerId: f.manager.id, manager: 'Анна Иванова', overdueTasks: 1, noNextTask: 1 },
      { managerId: petrov.id, manager: 'Сергей Петров', overdueTasks: 1, noNextTask: 0 },
    ]);
  });

  it('sources and losses: new interests of the period by source, lost ones by reason', async () => {
    const { sources, losses } = await company();
    expect(sources!.map((s) => [s.source, s.count])).toEqual([
      ['Сайт', 2],
      ['Выставка', 1],
    ]);
    expect(losses!.map((l) => [l.reason, l.count, l.amount])).toEqual([['Дорого', 1, '5000.00']]);
  });

  it('debts: the largest debtors and the debt by days since it arose', async () => {
    const { debts } = await company();
    expect(debts).toEqual({
      top: [
        { partnerId: vector, partner: 'Вектор', amount: '5000.00' },
        { partnerId: f.client.id, partner: 'Климат-Сервис', amount: '2000.00' },
      ],
      ages: [
        { age: 'fresh', count: 1, amount: '2000.00' },
        { age: 'month', count: 1, amount: '3000.00' },
        { age: 'old', count: 1, amount: '2000.00' },
      ],
      total: '7000.00',
    });
  });

  it('profit: revenue without VAT, cost and gross profit for each of 12 months', async () => {
    const { profit } = await company();
    expect(profit).toHaveLength(12);
    // October: 2 000 − 360,66 VAT; November: 3 278,69 + 1 639,34 + 2 459,02, cost 4 × 1 000.
    expect(profit!.filter((p) => p.revenue !== '0.00')).toEqual([
      { month: '2026-10-01', revenue: '1639.34', cost: '1000.00', profit: '639.34' },
      { month: '2026-11-01', revenue: '7377.05', cost: '4000.00', profit: '3377.05' },
    ]);
  });

  it("one manager's scope: only their figures in every widget", async () => {
    const data = await dashboardData(
      test.db,
      { viewer: leader, period: november, managerId: petrov.id },
      now,
    );
    expect(data.plan!.map((p) => [p.manager, p.fact, p.forecast])).toEqual([
      ['Сергей Петров', '3000.00', '3250.00'],
    ]);
    expect(data.funnel!.filter((s) => s.count).map((s) => s.state)).toEqual(['consultation']);
    expect(data.outcomes!.total).toMatchObject({ won: 0, lost: 1, conversion: '0.0' });
    expect(data.discipline!.map((d) => d.manager)).toEqual(['Сергей Петров']);
    expect(data.sources).toEqual([]);
    expect(data.losses).toEqual([]);
    expect(data.debts!.top.map((t) => t.partner)).toEqual(['Вектор']);
    expect(data.debts!.ages.map((a) => a.amount)).toEqual(['0.00', '3000.00', '2000.00']);
    expect(data.profit!.find((p) => p.month === '2026-11-01')!.revenue).toBe('2459.02');
    // The debts of Анна's order, without one.
    const anna = await dashboardData(
      test.db,
      { viewer: leader, period: november, managerId: f.manager.id },
      now,
    );
    expect(anna.debts!.top.map((t) => [t.partner, t.amount])).toEqual([['Климат-Сервис', '2000.00']]);
  });

  it("a manager cannot see another manager's dashboard, nor the company's; the query keeps them to their own", async () => {
    const anna: Actor = { id: f.manager.id, role: 'manager' };
    await expect(
      dashboardData(test.db, { viewer: anna, period: november, managerId: petrov.id }, now),
    ).rejects.toBeInstanceOf(DashboardForbiddenError);
    await expect(dashboardData(test.db, { viewer: anna, period: november }, now)).rejects.toBeInstanceOf(
      DashboardForbiddenError,
    );
    const asked = parseDashboardQuery(
      new URLSearchParams({ manager: String(petrov.id) }),
      anna,
      '2026-11-28',
    );
    expect(asked.managerId).toBe(anna.id);
    const own = await dashboardData(test.db, { viewer: anna, ...asked }, now);
    expect(own.plan!.map((p) => p.manager)).toEqual(['Анна Иванова']);
    // A leader chooses any manager, or the company.
    expect(
      parseDashboardQuery(new URLSearchParams({ manager: String(petrov.id) }), leader, '2026-11-28')
        .managerId,
    ).toBe(petrov.id);
    expect(parseDashboardQuery(new URLSearchParams(), leader, '2026-11-28').managerId).toBeUndefined();
  });

  it('only the widgets asked for are computed', async () => {
    const data = await dashboardData(test.db, { viewer: leader, period: november, widgets: ['debts'] }, now);
    expect(
      Object.entries(data)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k),
    ).toEqual(['debts']);
  });
});

describe('the period and the report links', () => {
  it('parses month, quarter and year from any day or month, defaulting to the current month', () => {
    const q = (params: Record<string, string>) =>
      parseDashboardQuery(new URLSearchParams(params), leader, '2026-11-28').period;
    expect(q({})).toEqual({ kind: 'month', start: '2026-11-01', from: '2026-11-01', to: '2026-11-30' });
    expect(q({ period: 'quarter', start: '2026-08' })).toMatchObject({
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(q({ period: 'year', start: '2025-02-14' })).toMatchObject({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(q({ period: 'month', start: '2024-02' })).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    for (const start of ['2026-02-31', 'x', '0001-01', '9999-12', '2026-13'])
      expect(q({ period: 'week', start })).toMatchObject({ kind: 'month', from: '2026-11-01' });
  });

  it("links each widget to its report with the widget's filters", () => {
    const company = { period: november };
    const one = { period: november, managerId: 7 };
    expect(reportLink('plan', company)).toBe('/reports/plan-fulfilment?from=2026-11-01&to=2026-11-30');
    expect(reportLink('plan', one)).toBe('/reports/plan-fulfilment?from=2026-11-01&to=2026-11-30&manager=7');
    expect(reportLink('funnel', company)).toBe('/reports/manager-control');
    expect(reportLink('discipline', one)).toBe('/reports/manager-control?manager=7');
    expect(reportLink('outcomes', company)).toBe('/reports/interest-sources?from=2025-12-01&to=2026-11-30');
    expect(reportLink('sources', one)).toBe(
      '/reports/interest-sources?from=2026-11-01&to=2026-11-30&manager=7',
    );
    expect(reportLink('losses', company)).toBe('/reports/loss-reasons?from=2026-11-01&to=2026-11-30');
    expect(reportLink('debts', one)).toBe('/reports/client-settlements?from=2026-11-01&to=2026-11-30');
    expect(reportLink('profit', company)).toBe(
      '/reports/gross-profit?variant=month&from=2025-12-01&to=2026-11-30',
    );
  });
});

describe('widget settings', () => {
  const form = (fields: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of fields) data.append(k, v);
    return widgetSettingsFields(data);
  };

  it('shows all by default; saves the ticked ones in the order given, with an Up or Down applied', async () => {
    const id = leader.id;
    expect(await savedWidgets(test.db, id)).toBeNull();
    expect(shownWidgets(null)).toEqual([...widgetKeys]);
    const order = widgetKeys.map((k): [string, string] => ['order', k]);
    const show = widgetKeys.filter((k) => k !== 'funnel').map((k): [string, string] => ['show', k]);
    const saved = await saveWidgetSettings(test.db, id, form([...order, ...show, ['move', 'up:debts']]));
    expect(saved).toEqual({
      ok: true,
      widgets: ['plan', 'outcomes', 'discipline', 'sources', 'debts', 'losses', 'profit'],
    });
    expect(shownWidgets(await savedWidgets(test.db, id))).toEqual(saved.ok && saved.widgets);
    // The panel lists the hidden one last.
    expect(widgetSettings(await savedWidgets(test.db, id)).at(-1)).toEqual({ key: 'funnel', shown: false });
    // Moving the first one up changes nothing; a key retired since is dropped when read.
    expect(
      await saveWidgetSettings(
        test.db,
        id,
        form([
          ['order', 'plan'],
          ['show', 'plan'],
          ['move', 'up:plan'],
        ]),
      ),
    ).toEqual({ ok: true, widgets: ['plan'] });
    expect(shownWidgets(['profit', 'gone', 'profit', 'plan'])).toEqual(['profit', 'plan']);
  });

  it('refuses unknown, repeated or too many keys and a broken move, writing nothing', async () => {
    const id = leader.id;
    const before = await savedWidgets(test.db, id);
    for (const fields of [
      [['show', 'plan; drop table users']],
      [
        ['show', 'plan'],
        ['show', 'plan'],
      ],
      [...Array.from({ length: 9 }, (): [string, string] => ['order', 'plan'])],
      [['move', 'sideways:plan']],
      [['move', 'up:nothing']],
    ] as [string, string][][]) {
      expect(await saveWidgetSettings(test.db, id, form(fields))).toEqual({
        ok: false,
        errors: { _form: 'invalid' },
      });
    }
    expect(await saveWidgetSettings(test.db, id, { show: [new File([], 'x')] })).toMatchObject({ ok: false });
    expect(await savedWidgets(test.db, id)).toEqual(before);
  });
});

describe('forecast probabilities', () => {
  it('refuses a percent outside 0–100 or not a number, at its field; a saved one weighs the forecast', async () => {
    const refused = await saveForecastProbabilities(test.db, {
      new: '5',
      consultation: '101',
      offer_sent: 'abc',
      awaiting_payment: '-1',
    });
    expect(refused).toEqual({
      ok: false,
      errors: {
        consultation: 'percent_invalid',
        offer_sent: 'percent_invalid',
        awaiting_payment: 'percent_invalid',
        shipment_control: 'required',
      },
    });
    expect((await getSetting(test.db, 'forecast_probabilities')).offer_sent).toBe(30);
    const saved = await saveForecastProbabilities(test.db, {
      new: '0',
      consultation: '12,5',
      offer_sent: '50',
      awaiting_payment: '70',
      shipment_control: '100',
    });
    expect(saved).toEqual({
      ok: true,
      value: { new: 0, consultation: 12.5, offer_sent: 50, awaiting_payment: 70, shipment_control: 100 },
    });
    // A: 6 000 + 3 000 × 50 %; B: 3 000 + 2 500 × 12,5 %.
    const { plan } = await dashboardData(
      test.db,
      { viewer: leader, period: november, widgets: ['plan'] },
      now,
    );
    expect(plan!.map((p) => p.forecast)).toEqual(['7500.00', '3312.50', '10812.50']);
  });
});

describe('the same figures as the reports', () => {
  it('plan, profit and losses equal the plan fulfilment, gross profit and loss reasons reports, with group and company plans', async () => {
    const [group] = await test.db.insert(productGroups).values({ name: 'Кондиционеры' }).returning();
    await test.db.update(products).set({ groupId: group!.id }).where(eq(products.id, f.products[1]!.id));
    const december = await savePlan(
      test.db,
      null,
      {
        periodKind: 'month',
        period: '2026-12',
        lines: [
          { managerId: '', amount: '30000' },
          { managerId: String(f.manager.id), productGroupId: String(group!.id), amount: '4000' },
          { managerId: String(petrov.id), amount: '5000' },
          { managerId: String(petrov.id), productGroupId: String(group!.id), amount: '1000' },
        ],
      },
      leader,
      { post: true },
    );
    if (!december.ok) throw new Error(JSON.stringify(december));
    const periods = [
      november,
      dashboardPeriod('month', '2026-12-01'),
      dashboardPeriod('quarter', '2026-11-01'),
      dashboardPeriod('year', '2026-01-01'),
      dashboardPeriod('month', '2026-10-01'),
    ];
    for (const period of periods)
      for (const managerId of [undefined, f.manager.id, petrov.id]) {
        const data: DashboardData = await dashboardData(test.db, { viewer: leader, period, managerId }, now);
        const report = await planFulfilment(test.db, { ...period, managerId }, '2026-11-28');
        const where = `${period.from} ${managerId ?? 'company'}`;
        expect(data.plan, where).toEqual(
          report
            .filter((r) => r.level === 0)
            .map((r) => ({
              managerId: r.managerId,
              manager: r.manager,
              plan: r.plan,
              fact: r.fact,
              forecast: r.forecast,
              percent: percentOf(r.fact, r.plan),
              forecastPercent: percentOf(r.forecast!, r.plan),
            })),
        );
        const profit = await grossProfit(test.db, {
          from: data.profit![0]!.month,
          to: period.to,
          variant: 'month',
          managerId,
        });
        expect(
          data.profit!.filter((p) => p.revenue !== '0.00' || p.cost !== '0.00'),
          where,
        ).toEqual(profit.map((r) => ({ month: r.key, revenue: r.revenue, cost: r.cost, profit: r.profit })));
        const losses = await lossReasons(test.db, { ...period, managerId });
        expect(data.losses, where).toEqual(
          losses
            .filter((r) => r.level === 0)
            .map((r) => ({ reasonId: r.reasonId, reason: r.reason, count: r.count, amount: r.expected })),
        );
      }
    // December: the company's own plan; Анна by her group line alone; Петров by his total line.
    const { plan } = await dashboardData(
      test.db,
      { viewer: leader, period: dashboardPeriod('month', '2026-12-01'), widgets: ['plan'] },
      now,
    );
    expect(plan!.map((p) => [p.manager, p.plan])).toEqual([
      ['Анна Иванова', '4000.00'],
      ['Сергей Петров', '5000.00'],
      ['', '30000.00'],
    ]);
  });
});
