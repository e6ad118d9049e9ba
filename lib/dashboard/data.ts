import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/access/rules';
import { percentOf } from '@/lib/export/table-export';
import { grossProfit } from '@/lib/reports/gross-profit';
import { expectedAmountSql, lossReasons } from '@/lib/reports/interest-reports';
import { addMonths, movementsWithin, type Period } from '@/lib/reports/period';
import { planFulfilment } from '@/lib/reports/plan-fulfilment';
import { assertMayView, type DashboardQuery, twelveMonths } from './query';
import { type WidgetKey, widgetKeys } from './widgets';

/**
 * «Монитор руководителя»: every widget's figures in one call, each widget's queries run side by side.
 * Every query reads balances, turnovers or indexed columns only (never all the movements):
 * - plan: the plan fulfilment report (sales plan movements, monthly sales turnovers, open interests);
 * - funnel and discipline: the open interests (a partial index), their tasks (open tasks by interest);
 * - outcomes and losses: interests closed in the window (a partial index on state_changed_at);
 * - sources: interests created in the period (an index on created_at);
 * - debts: the positive client settlement balances (a partial index) and, per debt, its first
 *   increase (a partial index on the movements by partner and order);
 * - profit: the monthly sales turnovers of 12 months.
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

export async function dashboardData(
  db: DbOrTx,
  options: DashboardOptions,
  now: Date = new Date(),
): Promise<DashboardData> {
  assertMayView(options.viewer, options);
  const { period, managerId } = options;
  const wanted = new Set(options.widgets ?? widgetKeys);
  const today = now.toISOString().slice(0, 10);
  const of = <T>(key: WidgetKey, load: () => Promise<T>): Promise<T | undefined> =>
    wanted.has(key) ? load() : Promise.resolve(undefined);
  const [plan, funnel, outcomes, discipline, sources, losses, debts, profit] = await Promise.all([
    of('plan', () => planFigures(db, period, managerId, today)),
    of('funnel', () => funnelFigures(db, managerId)),
    of('outcomes', () => outcomeFigures(db, twelveMonths(period), managerId)),
    of('discipline', () => disciplineFigures(db, managerId, now)),
    of('sources', () => sourceFigures(db, period, managerId)),
    of('losses', () => lossFigures(db, period, managerId)),
    of('debts', () => debtFigures(db, managerId, now)),
    of('profit', () => profitFigures(db, twelveMonths(period), managerId)),
  ]);
  return { plan, funnel, outcomes, discipline, sources, losses, debts, profit };
}

const rows = <T>(db: DbOrTx, query: SQL) => db.execute(query) as unknown as Promise<T[]>;
const byManager = (column: SQL, managerId: number | undefined) =>
  managerId ? sql`and ${column} = ${managerId}` : sql``;

/** The plan fulfilment report's managers and company: plan, fact with VAT, the weighed forecast. */
async function planFigures(
  db: DbOrTx,
  period: Period,
  managerId: number | undefined,
  today: string,
): Promise<PlanFigures[]> {
  const report = await planFulfilment(db, { from: period.from, to: period.to, managerId }, today);
  return report
    .filter((r) => r.level === 0)
    .map((r) => ({
      managerId: r.managerId,
      manager: r.manager,
      plan: r.plan,
      fact: r.fact,
      forecast: r.forecast ?? r.fact,
      percent: percentOf(r.fact, r.plan),
      forecastPercent: percentOf(r.forecast ?? r.fact, r.plan),
    }));
}

/** Open interests by state, every open state listed (zero when none), with their expected amounts. */
async function funnelFigures(db: DbOrTx, managerId: number | undefined): Promise<FunnelFigures[]> {
  const found = await rows<{ state: OpenState; count: number; amount: string }>(
    db,
    sql`
    select i.state::text as state, count(*)::int as count, sum(${expectedAmountSql('i')})::numeric(15,2)::text as amount
    from interests i
    where i.state in ${OPEN} ${byManager(sql`i.responsible_id`, managerId)}
    group by 1`,
  );
  return openStates.map(
    (state) => found.find((r) => r.state === state) ?? { state, count: 0, amount: '0.00' },
  );
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
    select to_char(date_trunc('month', i.state_changed_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
      count(*) filter (where i.state = 'won')::int as won, count(*) filter (where i.state = 'lost')::int as lost
    from interests i
    where i.state in ('won', 'lost') and ${movementsWithin(window, sql`i.state_changed_at`)}
      ${byManager(sql`i.responsible_id`, managerId)}
    group by 1`,
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
  for (let m = window.from; m <= window.to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/**
 * Per manager: their overdue tasks (not done, due before now) and their open interests without a next
 * task (no open task due from now on) — the same rule as the leader's control report.
 */
async function disciplineFigures(
  db: DbOrTx,
  managerId: number | undefined,
  now: Date,
): Promise<DisciplineFigures[]> {
  const at = now.toISOString();
  return rows<DisciplineFigures>(
    db,
    sql`
    with overdue as (
      select t.responsible_id, count(*)::int as n from tasks t
      where t.done_at is null and t.due_at < ${at}::timestamptz ${byManager(sql`t.responsible_id`, managerId)}
      group by 1
    ), no_next as (
      select i.responsible_id, count(*)::int as n from interests i
      where i.state in ${OPEN} ${byManager(sql`i.responsible_id`, managerId)}
        and not exists (select 1 from tasks t where t.interest_id = i.id and t.done_at is null and t.due_at >= ${at}::timestamptz)
      group by 1
    )
    select u.id as "managerId", u.name as manager, coalesce(o.n, 0) as "overdueTasks", coalesce(x.n, 0) as "noNextTask"
    from overdue o full join no_next x using (responsible_id)
    join users u on u.id = responsible_id
    order by u.name, u.id`,
  );
}

/** New interests of the period by their primary source, the most first. */
async function sourceFigures(
  db: DbOrTx,
  period: Period,
  managerId: number | undefined,
): Promise<SourceFigures[]> {
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

/** Interests lost in the period by reason: how many and what they were expected to bring. */
async function lossFigures(
  db: DbOrTx,
  period: Period,
  managerId: number | undefined,
): Promise<LossFigures[]> {
  const report = await lossReasons(db, { from: period.from, to: period.to, managerId });
  return report
    .filter((r) => r.level === 0)
    .map((r) => ({ reasonId: r.reasonId, reason: r.reason, count: r.count, amount: r.expected }));
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
  const scope = managerId
    ? sql`and ${managerId} = case when b.order_id <> 0
        then (select d.responsible_id from documents d where d.id = b.order_id)
        else (select p.responsible_id from partners p where p.id = b.partner_id) end`
    : sql``;
  const debts = sql`select b.partner_id, b.order_id, b.amount from client_settlement_balances b where b.amount > 0 ${scope}`;
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
      with aged as (
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
async function profitFigures(
  db: DbOrTx,
  window: Period,
  managerId: number | undefined,
): Promise<ProfitFigures[]> {
  const report = await grossProfit(db, { ...window, variant: 'month', managerId });
  return monthsBetween(window).map((month) => {
    const r = report.find((f) => f.key === month);
    return { month, revenue: r?.revenue ?? '0.00', cost: r?.cost ?? '0.00', profit: r?.profit ?? '0.00' };
  });
}
