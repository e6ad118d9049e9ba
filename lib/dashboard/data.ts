import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/access/rules';
import { percentOf } from '@/lib/export/table-export';
import { addMonths, monthStart, movementsWithin, type Period } from '@/lib/reports/period';
import { settingDefaults } from '@/lib/settings/settings';
import { assertMayView, type DashboardQuery, twelveMonths } from './query';
import { type WidgetKey, widgetKeys } from './widgets';

/**
 * «Монитор руководителя»: every widget's figures in one call (`dashboardData`), the queries run side by
 * side. Each reads balances, turnovers or indexed rows only, never all the movements (db/schema.ts,
 * migration 0014_dashboard):
 * - plan: the posted plans' months, the sales per month and manager (sales_monthly_manager_turnovers),
 *   the open interests expected in the period;
 * - funnel, discipline and the forecast: one pass over the open interests (a partial index that holds
 *   what they read), their lines, the open tasks (a partial index by interest and due date);
 * - outcomes and losses: the interests closed in the window (a partial index by state and date);
 * - sources: the interests created in the period (an index on created_at);
 * - debts: the positive client settlement balances (a partial index) and, per debt, its first increase
 *   (a partial index on the movements by partner and order);
 * - profit: the 12 months of sales per month and manager, shared with the plan's fact.
 * Tested against hand-computed figures and against the reports they lead to (dashboard.test.ts).
 */
export type DashboardData = {
  plan?: PlanFigures[];
  funnel?: FunnelFigures[];
  outcomes?: { months: OutcomeFigures[]; total: OutcomeFigures };
  discipline?: DisciplineFigures[];
  sources?: SourceFigures[];
  losses?: LossFigures[];
  debts?: DebtFigures;
  profit?: ProfitFigures[];
};

/** Per manager, then (company scope) the company as managerId 0; percents with one decimal, or null. */
export type PlanFigures = {
  managerId: number;
  manager: string;
  plan: string;
  fact: string;
  forecast: string;
  percent: string | null;
  forecastPercent: string | null;
};
export type FunnelFigures = { state: OpenState; count: number; amount: string };
export type OutcomeFigures = { month: string; won: number; lost: number; conversion: string | null };
export type DisciplineFigures = {
  managerId: number;
  manager: string;
  overdueTasks: number;
  noNextTask: number;
};
export type SourceFigures = { sourceId: number; source: string; count: number };
export type LossFigures = { reasonId: number; reason: string; count: number; amount: string };
export type DebtAge = 'fresh' | 'month' | 'old';
export type DebtFigures = {
  /** The 10 largest debtors by their positive balances. */
  top: { partnerId: number; partner: string; amount: string }[];
  /** Debt by days since it arose: 0–7, 8–30, 31 and more. */
  ages: { age: DebtAge; count: number; amount: string }[];
  total: string;
};
export type ProfitFigures = { month: string; revenue: string; cost: string; profit: string };

export const openStates = [
  'new',
  'consultation',
  'offer_sent',
  'awaiting_payment',
  'shipment_control',
] as const;
export type OpenState = (typeof openStates)[number];
const OPEN = sql.raw(`(${openStates.map((s) => `'${s}'`).join(', ')})`);

export type DashboardOptions = DashboardQuery & {
  /** Who looks: a manager may ask only for their own figures; null is the system (the benchmark). */
  viewer: Actor | null;
  /** Only these widgets' figures (the ones the user shows); all by default. */
  widgets?: readonly WidgetKey[];
};

/**
 * The figures of the widgets asked for. Widgets that read the same rows share one pass over them: the
 * open interests once for the funnel, the discipline and the forecast; the monthly sales turnovers once
 * for the plan's fact and the 12 months of profit.
 */
export async function dashboardData(
  db: DbOrTx,
  options: DashboardOptions,
  now: Date = new Date(),
): Promise<DashboardData> {
  assertMayView(options.viewer, options);
  const { period, managerId } = options;
  const wanted = new Set(options.widgets ?? widgetKeys);
  const needs = (...keys: WidgetKey[]) => keys.some((k) => wanted.has(k));
  const today = now.toISOString().slice(0, 10);
  const window = twelveMonths(period);
  const when = <T>(needed: boolean, load: () => Promise<T>): Promise<T | undefined> =>
    needed ? load() : Promise.resolve(undefined);
  const [names, open, sales, plans, overdue, outcomes, sources, losses, debts] = await Promise.all([
    when(needs('plan', 'discipline'), () => userNames(db)),
    when(needs('plan', 'funnel', 'discipline'), () =>
      openInterests(db, { period, managerId, today, now, withTasks: wanted.has('discipline') }),
    ),
    when(needs('plan', 'profit'), () => salesByMonth(db, wanted.has('profit') ? window : period, managerId)),
    when(needs('plan'), () => plannedAmounts(db, period, managerId)),
    when(needs('discipline'), () => overdueTasks(db, managerId, now)),
    when(needs('outcomes'), () => outcomeFigures(db, window, managerId)),
    when(needs('sources'), () => sourceFigures(db, period, managerId)),
    when(needs('losses'), () => lossFigures(db, period, managerId)),
    when(needs('debts'), () => debtFigures(db, managerId, now)),
  ]);
  const nameOf = (id: number) => names?.get(id) ?? '';
  return {
    plan: wanted.has('plan') ? planFigures(plans!, sales!, open!, period, managerId, nameOf) : undefined,
    funnel: wanted.has('funnel') ? funnelFigures(open!) : undefined,
    outcomes,
    discipline: wanted.has('discipline') ? disciplineFigures(open!, overdue!, nameOf) : undefined,
    sources,
    losses,
    debts,
    profit: wanted.has('profit') ? profitFigures(sales!, window) : undefined,
  };
}

const rows = <T>(db: DbOrTx, query: SQL) => db.execute(query) as unknown as Promise<T[]>;
const byManager = (column: SQL, managerId: number | undefined) =>
  managerId ? sql`and ${column} = ${managerId}` : sql``;
const sumOf = <T>(items: T[], pick: (item: T) => Decimal.Value) => Decimal.sum(0, ...items.map(pick));

async function userNames(db: DbOrTx): Promise<Map<number, string>> {
  const found = await rows<{ id: number; name: string }>(db, sql`select id, name from users`);
  return new Map(found.map((u) => [u.id, u.name]));
}

/** The open interests per manager and state, in one pass. */
type OpenGroup = {
  managerId: number;
  state: OpenState;
  count: number;
  amount: string;
  /** Those expected to close in the period (or, the period containing today, without a date). */
  inPeriod: number;
  /** Their expected amounts weighed by the state's probability (unrounded). */
  weighted: string;
  /** Those without a next task: no open task due from now on. */
  noNextTask: number;
};

async function openInterests(
  db: DbOrTx,
  q: { period: Period; managerId?: number; today: string; now: Date; withTasks: boolean },
): Promise<OpenGroup[]> {
  const { from, to } = q.period;
  const inPeriod = sql`(i.expected_close_date between ${from}::date and ${to}::date
    ${from <= q.today && q.today <= to ? sql`or i.expected_close_date is null` : sql``})`;
  // Those with a next task: an open task due from now on (the leader's control report's rule).
  // For the company, one pass over the open tasks beats a look-up per open interest.
  const withNext = q.withTasks
    ? sql`select distinct t.interest_id from tasks t
        where t.done_at is null and t.due_at >= ${q.now.toISOString()}::timestamptz and t.interest_id is not null
          ${q.managerId ? sql`and t.interest_id in (select id from open)` : sql``}`
    : sql`select null::int as interest_id where false`;
  // The forecast probabilities as the plan fulfilment report reads them: the setting, else its defaults.
  const probabilities = sql`coalesce((select value from settings where key = 'forecast_probabilities'),
    ${JSON.stringify(settingDefaults.forecast_probabilities)}::jsonb)`;
  // The expected amount (expectedAmountSql: the amount entered, else the sum of the lines) summed per
  // manager and state in two parts — the amounts entered, the lines of the others — with no subquery
  // per interest: that would make the planner's estimate large enough to compile the query (JIT) for
  // longer than it runs. The forecast weighs a state's sum by its probability (exactly as weighing each).
  return rows<OpenGroup>(
    db,
    sql`
    with open as materialized (
      select i.id, i.responsible_id, i.state, i.expected_amount, ${inPeriod} as in_period from interests i
      where i.state in ${OPEN} ${byManager(sql`i.responsible_id`, q.managerId)}
    ), with_next as (${withNext}), counted as (
      select o.responsible_id, o.state, count(*) as count, count(*) filter (where o.in_period) as in_period,
        count(*) filter (where n.interest_id is null) as no_next,
        coalesce(sum(o.expected_amount), 0) as amount, coalesce(sum(o.expected_amount) filter (where o.in_period), 0) as in_amount
      from open o left join with_next n on n.interest_id = o.id
      group by 1, 2
    ), lined as (
      select o.responsible_id, o.state, sum(l.amount) as amount, coalesce(sum(l.amount) filter (where o.in_period), 0) as in_amount
      from open o join interest_lines l on l.interest_id = o.id
      where o.expected_amount is null
      group by 1, 2
    )
    select c.responsible_id as "managerId", c.state::text as state, c.count::int as count,
      (c.amount + coalesce(l.amount, 0))::numeric(15,2)::text as amount,
      c.in_period::int as "inPeriod",
      ((c.in_amount + coalesce(l.in_amount, 0)) * coalesce((${probabilities} ->> c.state::text)::numeric, 0) / 100)::text as weighted,
      ${q.withTasks ? sql`c.no_next` : sql`0`}::int as "noNextTask"
    from counted c left join lined l using (responsible_id, state)`,
  );
}

type SalesGroup = { month: string; managerId: number; revenue: string; vat: string; cost: string };

/** Revenue without VAT, VAT and cost per month and manager of whole months, from their turnovers. */
function salesByMonth(db: DbOrTx, window: Period, managerId: number | undefined): Promise<SalesGroup[]> {
  return rows<SalesGroup>(
    db,
    sql`
    select to_char(t.month, 'YYYY-MM-DD') as month, t.manager_id as "managerId", t.revenue::text as revenue,
      t.vat::text as vat, t.cost::text as cost
    from sales_monthly_manager_turnovers t
    where t.month between ${monthStart(window.from)}::date and ${window.to}::date
      ${byManager(sql`t.manager_id`, managerId)}`,
  );
}

type PlanGroup = { managerId: number; groupId: number; amount: string };

/** The posted plans' amounts for the months of the period per manager (0: the company) and product group. */
function plannedAmounts(db: DbOrTx, period: Period, managerId: number | undefined): Promise<PlanGroup[]> {
  return rows<PlanGroup>(
    db,
    sql`
    select m.manager_id as "managerId", m.product_group_id as "groupId", sum(m.amount)::text as amount
    from sales_plan_movements m join sales_plans p on p.id = m.plan_id and p.status = 'posted'
    where m.month between ${monthStart(period.from)}::date and ${period.to}::date
      ${byManager(sql`m.manager_id`, managerId)}
    group by 1, 2`,
  );
}

/**
 * The plan fulfilment report's rows of managers and the company (lib/reports/plan-fulfilment.ts, the
 * same rules; a test holds them equal): a manager's plan is their total line, else the sum of their
 * product group lines; the company's its own, else the sum of the managers'. Fact is revenue with VAT;
 * the forecast adds the open interests expected in the period, weighed by their state.
 */
function planFigures(
  plans: PlanGroup[],
  sales: SalesGroup[],
  open: OpenGroup[],
  period: Period,
  managerId: number | undefined,
  nameOf: (id: number) => string,
): PlanFigures[] {
  const inPeriod = sales.filter((s) => s.month >= period.from && s.month <= period.to);
  const planOf = (id: number) => {
    const own = plans.filter((p) => p.managerId === id);
    const total = own.find((p) => p.groupId === 0);
    if (total && new Decimal(total.amount).gt(0)) return new Decimal(total.amount);
    return sumOf(
      own.filter((p) => p.groupId !== 0 && new Decimal(p.amount).gt(0)),
      (p) => p.amount,
    );
  };
  const factOf = (id: number) =>
    sumOf(
      inPeriod.filter((s) => s.managerId === id),
      (s) => new Decimal(s.revenue).plus(s.vat),
    );
  const expectedOf = (id: number) =>
    sumOf(
      open.filter((o) => o.managerId === id),
      (o) => o.weighted,
    ).toDecimalPlaces(2);
  const figures = (id: number, plan: Decimal, fact: Decimal, forecast: Decimal): PlanFigures => ({
    managerId: id,
    manager: id ? nameOf(id) : '',
    plan: plan.toFixed(2),
    fact: fact.toFixed(2),
    forecast: forecast.toFixed(2),
    percent: percentOf(fact, plan),
    forecastPercent: percentOf(forecast, plan),
  });
  const ids = [
    ...new Set([
      ...plans.map((p) => p.managerId),
      ...inPeriod.map((s) => s.managerId),
      ...open.filter((o) => o.inPeriod > 0).map((o) => o.managerId),
    ]),
  ]
    .filter((id) => id !== 0 && (!managerId || id === managerId))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a - b);
  const managers = ids.map((id) => {
    const fact = factOf(id);
    return figures(id, planOf(id), fact, fact.plus(expectedOf(id)));
  });
  if (managerId) return managers;
  const own = planOf(0);
  const fact = sumOf(inPeriod, (s) => new Decimal(s.revenue).plus(s.vat));
  const forecast = factOf(0)
    .plus(expectedOf(0))
    .plus(sumOf(managers, (m) => m.forecast));
  return [...managers, figures(0, own.gt(0) ? own : sumOf(managers, (m) => m.plan), fact, forecast)];
}

/** Open interests by state, every open state listed (zero when none), with their expected amounts. */
function funnelFigures(open: OpenGroup[]): FunnelFigures[] {
  return openStates.map((state) => {
    const of = open.filter((o) => o.state === state);
    return {
      state,
      count: of.reduce((n, o) => n + o.count, 0),
      amount: sumOf(of, (o) => o.amount).toFixed(2),
    };
  });
}

/** Overdue tasks (not done, due before now) per responsible manager. */
function overdueTasks(
  db: DbOrTx,
  managerId: number | undefined,
  now: Date,
): Promise<{ managerId: number; count: number }[]> {
  return rows(
    db,
    sql`
    select t.responsible_id as "managerId", count(*)::int as count from tasks t
    where t.done_at is null and t.due_at < ${now.toISOString()}::timestamptz ${byManager(sql`t.responsible_id`, managerId)}
    group by 1`,
  );
}

/**
 * Per manager with either: their overdue tasks and their open interests without a next task (no open
 * task due from now on) — the rules of the leader's control report.
 */
function disciplineFigures(
  open: OpenGroup[],
  overdue: { managerId: number; count: number }[],
  nameOf: (id: number) => string,
): DisciplineFigures[] {
  const ids = [...new Set([...overdue.map((o) => o.managerId), ...open.map((o) => o.managerId)])];
  return ids
    .map((id) => ({
      managerId: id,
      manager: nameOf(id),
      overdueTasks: overdue.find((o) => o.managerId === id)?.count ?? 0,
      noNextTask: open.filter((o) => o.managerId === id).reduce((n, o) => n + o.noNextTask, 0),
    }))
    .filter((d) => d.overdueTasks > 0 || d.noNextTask > 0)
    .sort((a, b) => a.manager.localeCompare(b.manager) || a.managerId - b.managerId);
}

const conversion = (won: number, lost: number) => percentOf(won, won + lost);

/** Interests won and lost per month of the window (by when they were closed), and the conversion. */
async function outcomeFigures(
  db: DbOrTx,
  window: Period,
  managerId: number | undefined,
): Promise<{ months: OutcomeFigures[]; total: OutcomeFigures }> {
  const found = await rows<{ month: string; won: number; lost: number }>(
    db,
    sql`
    select to_char(m.month, 'YYYY-MM-DD') as month, m.won, m.lost from (
      select date_trunc('month', i.state_changed_at at time zone 'UTC') as month,
        count(*) filter (where i.state = 'won')::int as won, count(*) filter (where i.state = 'lost')::int as lost
      from interests i
      where i.state in ('won', 'lost') and ${movementsWithin(window, sql`i.state_changed_at`)}
        ${byManager(sql`i.responsible_id`, managerId)}
      group by 1
    ) m`,
  );
  const months = monthsBetween(window).map((month) => {
    const r = found.find((f) => f.month === month);
    const [won, lost] = [r?.won ?? 0, r?.lost ?? 0];
    return { month, won, lost, conversion: conversion(won, lost) };
  });
  const won = months.reduce((n, m) => n + m.won, 0);
  const lost = months.reduce((n, m) => n + m.lost, 0);
  return { months, total: { month: window.from, won, lost, conversion: conversion(won, lost) } };
}

/** `YYYY-MM-01` of every month from the window's first to its last. */
function monthsBetween(window: Period): string[] {
  const months: string[] = [];
  for (let m = monthStart(window.from); m <= window.to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** New interests of the period by their primary source, the most first. */
function sourceFigures(db: DbOrTx, period: Period, managerId: number | undefined): Promise<SourceFigures[]> {
  return rows<SourceFigures>(
    db,
    sql`
    select coalesce(i.source_id, 0) as "sourceId", coalesce(min(s.name), '') as source, count(*)::int as count
    from interests i left join interest_sources s on s.id = i.source_id
    where ${movementsWithin(period, sql`i.created_at`)} ${byManager(sql`i.responsible_id`, managerId)}
    group by 1
    order by 3 desc, 2`,
  );
}

/**
 * Interests lost in the period by reason: how many and what they were expected to bring, the most
 * first (the loss reasons report's reason rows).
 */
function lossFigures(db: DbOrTx, period: Period, managerId: number | undefined): Promise<LossFigures[]> {
  // The expected amounts as in openInterests: those entered, and the lines of the others, per reason.
  return rows<LossFigures>(
    db,
    sql`
    with lost as materialized (
      select i.id, coalesce(i.loss_reason_id, 0) as reason_id, i.expected_amount from interests i
      where i.state = 'lost' and ${movementsWithin(period, sql`i.state_changed_at`)}
        ${byManager(sql`i.responsible_id`, managerId)}
    ), amounts as (
      select reason_id, count(*) as count, coalesce(sum(expected_amount), 0) as amount from lost group by 1
      union all
      select i.reason_id, 0, sum(l.amount) from lost i join interest_lines l on l.interest_id = i.id
      where i.expected_amount is null group by 1
    )
    select a.reason_id as "reasonId", coalesce(min(r.name), '') as reason, sum(a.count)::int as count,
      sum(a.amount)::numeric(15,2)::text as amount
    from amounts a left join loss_reasons r on r.id = a.reason_id
    group by 1
    order by 3 desc, 2`,
  );
}

/**
 * The clients' debt now, from the positive client settlement balances (per partner and order). Orders
 * have no payment due date yet, so a debt's age is the days since it arose: since the earliest
 * increase (a shipment) of that partner and order — the first positive movement. A debt that was paid
 * off and arose again on the same order counts from its first shipment. A manager's debts are those of
 * the orders they are responsible for (without an order: the client's responsible manager).
 */
async function debtFigures(db: DbOrTx, managerId: number | undefined, now: Date): Promise<DebtFigures> {
  const day = now.toISOString().slice(0, 10);
  const debts = managerId
    ? // The order's manager looked up per debt (there are few; a join would read every order).
      sql`select b.partner_id, b.order_id, b.amount from client_settlement_balances b
        cross join lateral (select 1 from documents o where o.id = b.order_id and o.responsible_id = ${managerId} offset 0) o
        where b.amount > 0 and b.order_id <> 0
        union all
        select b.partner_id, b.order_id, b.amount from client_settlement_balances b
        join partners p on p.id = b.partner_id and p.responsible_id = ${managerId}
        where b.amount > 0 and b.order_id = 0`
    : sql`select b.partner_id, b.order_id, b.amount from client_settlement_balances b where b.amount > 0`;
  const [top, ages] = await Promise.all([
    rows<{ partnerId: number; partner: string; amount: string }>(
      db,
      sql`
      select d.partner_id as "partnerId", min(p.name) as partner, sum(d.amount)::numeric(15,2)::text as amount
      from (${debts}) d join partners p on p.id = d.partner_id
      group by 1 order by sum(d.amount) desc, 2 limit 10`,
    ),
    rows<{ age: DebtAge; count: number; amount: string }>(
      db,
      sql`
      with aged as materialized (
        select d.amount, ${day}::date - (
          select (min(m.period) at time zone 'UTC')::date from client_settlement_movements m
          where m.partner_id = d.partner_id and m.order_id = d.order_id and m.amount > 0
        ) as days
        from (${debts}) d
      )
      select case when days is null or days <= 7 then 'fresh' when days <= 30 then 'month' else 'old' end as age,
        count(*)::int as count, sum(amount)::numeric(15,2)::text as amount
      from aged group by 1`,
    ),
  ]);
  const order: DebtAge[] = ['fresh', 'month', 'old'];
  const byAge = order.map((age) => ages.find((a) => a.age === age) ?? { age, count: 0, amount: '0.00' });
  return { top, ages: byAge, total: Decimal.sum(0, ...byAge.map((a) => a.amount)).toFixed(2) };
}

/** Revenue without VAT, cost and gross profit per month of the window, every month listed. */
function profitFigures(sales: SalesGroup[], window: Period): ProfitFigures[] {
  return monthsBetween(window).map((month) => {
    const of = sales.filter((s) => s.month === month);
    const revenue = sumOf(of, (s) => s.revenue);
    const cost = sumOf(of, (s) => s.cost);
    return {
      month,
      revenue: revenue.toFixed(2),
      cost: cost.toFixed(2),
      profit: revenue.minus(cost).toFixed(2),
    };
  });
}

/**
 * The managers a leader can choose for the dashboard: active managers by name, and whoever is chosen
 * now (a leader or a deactivated manager by their address) so the choice still shows.
 */
export function dashboardManagers(db: DbOrTx, chosen?: number): Promise<{ id: number; name: string }[]> {
  return rows(
    db,
    sql`select id, name from users where (active and role = 'manager') or id = ${chosen ?? 0} order by name, id`,
  );
}
