import { type Actor, changesEverything } from '@/lib/access/rules';
import { monthsOf, periodStartOf } from '@/lib/planning/sales-plans';
import { idParam } from '@/lib/reports/filters';
import { addMonths, monthEnd, type Period } from '@/lib/reports/period';
import { isCalendarDay } from '@/lib/validation/fields';

export const dashboardPeriodKinds = ['month', 'quarter', 'year'] as const;
export type DashboardPeriodKind = (typeof dashboardPeriodKinds)[number];

/** A month, quarter or year (`start` is its first day) as whole days, both ends included. */
export type DashboardPeriod = Period & { kind: DashboardPeriodKind; start: string };

/** What the dashboard shows: a period, and one manager's figures or (no managerId) the company's. */
export type DashboardQuery = { period: DashboardPeriod; managerId?: number };

/** Thrown when a manager asks for another manager's figures: they see only their own. */
export class DashboardForbiddenError extends Error {
  constructor() {
    super("a manager sees only their own dashboard, not another manager's");
  }
}

/** The period `kind` that contains `day`. */
export function dashboardPeriod(kind: DashboardPeriodKind, day: string): DashboardPeriod {
  const start = periodStartOf(kind, day);
  const months = monthsOf(kind, start);
  return { kind, start, from: start, to: monthEnd(months.at(-1)!) };
}

/**
 * `?period=month|quarter|year&start=YYYY-MM(-DD)&manager=ID` → the query, by default the current month
 * and the whole company. Years outside 1000–9998 fall back to today: the 12-month widgets reach a year
 * back and the report links need four-digit years.
 */
export function parseDashboardQuery(params: URLSearchParams, viewer: Actor, today: string): DashboardQuery {
  const kind = dashboardPeriodKinds.find((k) => k === params.get('period')) ?? 'month';
  const raw = (params.get('start') ?? '').trim();
  const day = /^\d{4}-\d{2}$/.test(raw) ? `${raw}-01` : raw;
  const year = Number(day.slice(0, 4));
  const valid = isCalendarDay(day) && year >= 1000 && year <= 9998;
  return scopeFor(viewer, {
    period: dashboardPeriod(kind, valid ? day : today),
    managerId: idParam(params, 'manager'),
  });
}

/**
 * The scope a viewer may see: leaders and admins any (the company or one manager), a manager only
 * their own, whatever they asked for — the page of a manager never shows the company or a colleague.
 */
export function scopeFor(viewer: Actor, query: DashboardQuery): DashboardQuery {
  return changesEverything(viewer) ? query : { ...query, managerId: viewer.id };
}

/** Refuses a query a viewer may not see (null: the system itself, e.g. the benchmark). */
export function assertMayView(viewer: Actor | null, query: DashboardQuery): void {
  if (viewer && !changesEverything(viewer) && query.managerId !== viewer.id)
    throw new DashboardForbiddenError();
}

/** The 12 months that end with the period's last month: the profit and won/lost widgets' window. */
export function twelveMonths(period: Period): Period {
  return { from: addMonths(period.to, -11), to: monthEnd(period.to) };
}

/** The query as `?period&start[&manager]`, for links that keep it. */
export function queryString(q: DashboardQuery, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    period: q.period.kind,
    start: q.period.start.slice(0, 7),
    ...(q.managerId ? { manager: String(q.managerId) } : {}),
    ...extra,
  }).toString();
}
