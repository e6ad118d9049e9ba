import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { percentOf, type ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { getSetting } from '@/lib/settings/settings';
import { idParam, today } from './filters';
import { expectedAmountSql } from './interest-reports';
import { monthStart, type Period, parsePeriod, salesWithin } from './period';

export type PlanFilters = Period & { managerId?: number };

/**
 * A manager's (or, managerId 0, the whole company's) plan for the period, what was sold (revenue with
 * VAT, as the plan is set), and the forecast: the sales plus the open interests expected to close in
 * the period, each weighed by the probability of its state. Level 1 rows are the plans for one product
 * group under their manager, with quantities.
 */
export type PlanRow = {
  level: 0 | 1;
  managerId: number;
  manager: string;
  groupId?: number;
  group?: string;
  plan: string;
  fact: string;
  forecast: string | null;
  planQuantity?: string;
  factQuantity?: string;
};

export function parsePlanFilters(params: URLSearchParams, now?: string): PlanFilters {
  return { ...parsePeriod(params, now), managerId: idParam(params, 'manager') };
}

type Figures = {
  managerId: number;
  groupId: number;
  plan: string;
  planQuantity: string;
  fact: string;
  factQuantity: string;
};

/**
 * Plan, fact and forecast per manager with anything planned, sold or expected in the period, then the
 * company's row: its own plan (lines for the whole company, else the sum of the managers') against all
 * sales. A plan line for a product group is a target of its own (a row under its manager), not a part
 * of the manager's total; a manager planned only by groups has their sum as the total. The plan counts
 * the months that begin within the period; interests without an expected close date count in the
 * period that contains today.
 */
export async function planFulfilment(db: DbOrTx, f: PlanFilters, now = today()): Promise<PlanRow[]> {
  const probabilities = await getSetting(db, 'forecast_probabilities');
  const weight = sql.raw(
    `case i.state ${Object.entries(probabilities)
      .map(([state, p]) => `when '${state}' then ${Number(p) / 100}`)
      .join(' ')} else 0 end`,
  );
  const containsToday = f.from <= now && now <= f.to;
  const [figures, expected] = await Promise.all([
    db.execute(sql`
      with plan as (
        select manager_id, product_group_id as group_id, sum(amount) as amount, sum(quantity) as quantity
        from sales_plan_movements m join sales_plans p on p.id = m.plan_id and p.status = 'posted'
        where m.month between ${monthStart(f.from)}::date and ${f.to}::date
        group by 1, 2
      ), planned_groups as (
        select distinct group_id from plan where group_id <> 0
      ), by_group as (
        -- Sales per product group only where a plan asks for one: the product turnovers are deep.
        select s.manager_id, p.group_id, sum(s.revenue + s.vat) as amount, sum(s.quantity) as quantity
        from (${salesWithin(f)}) s join products p on p.id = s.product_id
        where p.group_id in (select group_id from planned_groups)
        group by 1, 2
      ), by_manager as (
        select manager_id, 0 as group_id, sum(revenue + vat) as amount, sum(quantity) as quantity
        from (${salesWithin(f, 'manager')}) s group by 1
      ), facts as (select * from by_group union all select * from by_manager)
      select coalesce(pl.manager_id, fa.manager_id) as "managerId", coalesce(pl.group_id, fa.group_id) as "groupId",
        coalesce(pl.amount, 0)::numeric(15,2)::text as plan, coalesce(pl.quantity, 0)::numeric(15,3)::text as "planQuantity",
        coalesce(fa.amount, 0)::numeric(15,2)::text as fact, coalesce(fa.quantity, 0)::numeric(15,3)::text as "factQuantity"
      from plan pl full join facts fa using (manager_id, group_id)
    `) as unknown as Promise<Figures[]>,
    db.execute(sql`
      select i.responsible_id as "managerId", sum(${expectedAmountSql('i')} * ${weight})::numeric(15,2)::text as amount
      from interests i
      where i.state in ('new', 'consultation', 'offer_sent', 'awaiting_payment', 'shipment_control')
        and (i.expected_close_date between ${f.from}::date and ${f.to}::date
          ${containsToday ? sql`or i.expected_close_date is null` : sql``})
      group by 1
    `) as unknown as Promise<{ managerId: number; amount: string }[]>,
  ]);
  const names = await namesOf(db, figures, expected);
  const expectedOf = new Map(expected.map((e) => [e.managerId, e.amount]));
  const managerIds = [...new Set([...figures.map((r) => r.managerId), ...expected.map((e) => e.managerId)])]
    .filter((id) => id !== 0 && (!f.managerId || id === f.managerId))
    .sort((a, b) => (names.users.get(a) ?? '').localeCompare(names.users.get(b) ?? '') || a - b);
  const rowsOf = (managerId: number): PlanRow[] => {
    const own = figures.filter((r) => r.managerId === managerId);
    const total = own.find((r) => r.groupId === 0);
    const groups = own.filter((r) => r.groupId !== 0 && new Decimal(r.plan).gt(0));
    const plan =
      total && new Decimal(total.plan).gt(0)
        ? total.plan
        : Decimal.sum(0, ...groups.map((g) => g.plan)).toFixed(2);
    const fact = total?.fact ?? '0.00';
    const forecast = new Decimal(fact).plus(expectedOf.get(managerId) ?? 0).toFixed(2);
    const manager = managerId === 0 ? '' : (names.users.get(managerId) ?? '');
    return [
      { level: 0, managerId, manager, plan, fact, forecast },
      ...groups.map((g) => ({
        level: 1 as const,
        managerId,
        manager,
        groupId: g.groupId,
        group: names.groups.get(g.groupId) ?? '',
        plan: g.plan,
        fact: g.fact,
        forecast: null,
        planQuantity: g.planQuantity,
        factQuantity: g.factQuantity,
      })),
    ];
  };
  const managers = managerIds.flatMap(rowsOf);
  if (f.managerId) return managers;
  const [company, ...companyGroups] = rowsOf(0);
  const heads = managers.filter((r) => r.level === 0);
  const sum = (pick: (r: PlanRow) => string) => Decimal.sum(0, ...heads.map(pick)).toFixed(2);
  return [
    ...managers,
    {
      ...company!,
      plan: new Decimal(company!.plan).gt(0) ? company!.plan : sum((r) => r.plan),
      fact: Decimal.sum(
        company!.fact,
        sum((r) => r.fact),
      ).toFixed(2),
      forecast: Decimal.sum(
        company!.forecast ?? 0,
        sum((r) => r.forecast ?? '0'),
      ).toFixed(2),
    },
    ...companyGroups,
  ];
}

async function namesOf(db: DbOrTx, figures: Figures[], expected: { managerId: number }[]) {
  const userIds = [
    ...new Set([...figures.map((r) => r.managerId), ...expected.map((e) => e.managerId)]),
  ].filter(Boolean);
  const groupIds = [...new Set(figures.map((r) => r.groupId))].filter(Boolean);
  const [users, groups] = await Promise.all([
    userIds.length
      ? (db.execute(
          sql`select id, name from users where id = any(${`{${userIds.join(',')}}`}::int[])`,
        ) as unknown as Promise<{ id: number; name: string }[]>)
      : [],
    groupIds.length
      ? (db.execute(
          sql`select id, name from product_groups where id = any(${`{${groupIds.join(',')}}`}::int[])`,
        ) as unknown as Promise<{ id: number; name: string }[]>)
      : [],
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    groups: new Map(groups.map((g) => [g.id, g.name])),
  };
}

export function planFulfilmentTable(
  rows: PlanRow[],
  f: PlanFilters,
  t: Translate,
  caption?: string,
): ReportTable<PlanRow> {
  return {
    title: t('nav.planFulfilment'),
    caption,
    rows,
    rowLevel: (r) => r.level,
    columns: [
      {
        label: t('plan.manager'),
        kind: 'text',
        value: (r) => (r.level === 1 ? r.group! : r.managerId === 0 ? t('plan.company') : r.manager),
        link: (r) =>
          `/reports/gross-profit?${new URLSearchParams({
            from: f.from,
            to: f.to,
            variant: r.level === 1 ? 'product' : r.managerId ? 'partner' : 'manager',
            ...(r.managerId ? { manager: String(r.managerId) } : {}),
            ...(r.level === 1 ? { group: String(r.groupId) } : {}),
          })}`,
      },
      { label: t('plan.plan'), kind: 'money', value: (r) => r.plan },
      { label: t('plan.fact'), kind: 'money', value: (r) => r.fact },
      {
        label: t('plan.deviation'),
        kind: 'money',
        value: (r) => new Decimal(r.fact).minus(r.plan).toFixed(2),
      },
      { label: t('plan.percent'), kind: 'percent', value: (r) => percentOf(r.fact, r.plan) },
      { label: t('plan.planQuantity'), kind: 'quantity', value: (r) => r.planQuantity ?? null },
      { label: t('plan.factQuantity'), kind: 'quantity', value: (r) => r.factQuantity ?? null },
      { label: t('plan.forecast'), kind: 'money', value: (r) => r.forecast },
      {
        label: t('plan.forecastPercent'),
        kind: 'percent',
        value: (r) => (r.forecast ? percentOf(r.forecast, r.plan) : null),
      },
    ],
  };
}
