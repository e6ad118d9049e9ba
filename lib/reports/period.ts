import { type SQL, sql } from 'drizzle-orm';
import { addDays } from '@/lib/crm/workplace';
import { dateParam, today } from './filters';

/** A report period: whole days, both ends included (YYYY-MM-DD). */
export type Period = { from: string; to: string };

export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
/** The last day of the month a day falls in. */
export const monthEnd = (day: string) =>
  new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);
/** The first day of the month `months` after the one `day` falls in (negative: before). */
export function addMonths(day: string, months: number): string {
  const m = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/** The period of the query (`from`, `to`), by default the current month; reversed ends are swapped. */
export function parsePeriod(params: URLSearchParams, now = today()): Period {
  const from = dateParam(params, 'from') ?? monthStart(now);
  const to = dateParam(params, 'to') ?? monthEnd(now);
  return from <= to ? { from, to } : { from: to, to: from };
}

/**
 * A period as the months wholly inside it and the days at its edges: reports read whole months from
 * monthly turnovers and only the edge days finer, so a year costs twelve rows per key, not 365.
 */
export function splitPeriod({ from, to }: Period): { months: Period | null; edges: Period[] } {
  const firstMonth = from === monthStart(from) ? from : addMonths(from, 1);
  const lastMonth = to === monthEnd(to) ? monthStart(to) : addMonths(to, -1);
  if (firstMonth > lastMonth) return { months: null, edges: [{ from, to }] };
  const edges: Period[] = [];
  if (from < firstMonth) edges.push({ from, to: addDays(firstMonth, -1) });
  if (to > monthEnd(lastMonth)) edges.push({ from: addDays(monthEnd(lastMonth), 1), to });
  return { months: { from: firstMonth, to: lastMonth }, edges };
}

/** Movements of a period, by their moment on the reports' (UTC) calendar. */
export const movementsWithin = ({ from, to }: Period, column: SQL = sql`period`): SQL =>
  sql`${column} >= (${from}::date)::timestamp at time zone 'UTC' and ${column} < (${to}::date + 1)::timestamp at time zone 'UTC'`;

/** How deep a sales report looks: the narrowest monthly turnovers that have these dimensions. */
export type SalesDepth = 'manager' | 'partner' | 'product' | 'full';
const salesTables: Record<SalesDepth, { table: string; columns: string }> = {
  manager: {
    table: 'sales_monthly_manager_turnovers',
    columns: 'manager_id, null::int as partner_id, null::int as product_id',
  },
  partner: {
    table: 'sales_monthly_partner_turnovers',
    columns: 'manager_id, partner_id, null::int as product_id',
  },
  product: {
    table: 'sales_monthly_product_turnovers',
    columns: 'null::int as manager_id, null::int as partner_id, product_id',
  },
  full: { table: 'sales_monthly_turnovers', columns: 'manager_id, partner_id, product_id' },
};

/**
 * The sales register over a period, as rows of (manager, partner, product, quantity, revenue, vat,
 * cost, month): the monthly turnovers of `depth` for whole months (the dimensions it lacks are null),
 * the movements of the edge days.
 */
export function salesWithin(period: Period, depth: SalesDepth = 'full'): SQL {
  const { months, edges } = splitPeriod(period);
  const { table, columns } = salesTables[depth];
  const parts: SQL[] = [];
  if (months)
    parts.push(sql`select ${sql.raw(columns)}, quantity, revenue, vat, cost, month
      from ${sql.raw(table)} where month between ${months.from}::date and ${months.to}::date`);
  for (const edge of edges)
    parts.push(sql`select manager_id, partner_id, product_id, quantity, revenue, vat, cost,
        date_trunc('month', period at time zone 'UTC')::date as month
      from sales_movements where ${movementsWithin(edge)}`);
  return sql.join(parts, sql` union all `);
}

/** The clients' (suppliers') debt increases and decreases per partner over a period, from the settlement turnovers. */
export function settlementTurnoversWithin(period: Period, side: 'client' | 'supplier' = 'client'): SQL {
  const { months, edges } = splitPeriod(period);
  const parts: SQL[] = [];
  if (months)
    parts.push(sql`select partner_id, increase, decrease from ${sql.raw(`${side}_settlement_monthly_turnovers`)}
      where month between ${months.from}::date and ${months.to}::date`);
  for (const edge of edges)
    parts.push(sql`select partner_id, increase, decrease from ${sql.raw(`${side}_settlement_daily_turnovers`)}
      where day between ${edge.from}::date and ${edge.to}::date`);
  return sql.join(parts, sql` union all `);
}

/**
 * Stock receipts and issues per warehouse and product over a period, from the monthly turnovers for
 * whole months and the daily ones for the edge days; `where` filters on `t` (the turnovers) and `p`
 * (the product).
 */
export function stockTurnoversWithin(period: Period, where: SQL): SQL {
  const { months, edges } = splitPeriod(period);
  const parts: SQL[] = [];
  if (months)
    parts.push(sql`select t.warehouse_id, t.product_id, t.receipt, t.issue from stock_monthly_turnovers t
      join products p on p.id = t.product_id where t.month between ${months.from}::date and ${months.to}::date and ${where}`);
  for (const edge of edges)
    parts.push(sql`select t.warehouse_id, t.product_id, t.receipt, t.issue from stock_daily_turnovers t
      join products p on p.id = t.product_id where t.day between ${edge.from}::date and ${edge.to}::date and ${where}`);
  return sql.join(parts, sql` union all `);
}

/** The day after a day. */
export const nextDay = (day: string) => addDays(day, 1);
/** Everything from a day on, future-dated documents included. */
export const onwards = (day: string): Period => ({ from: day, to: '9999-12-31' });
