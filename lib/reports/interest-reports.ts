import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { percentOf, type ReportTable } from '@/lib/export/table-export';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Translate } from '@/lib/i18n/translate';
import { idParam } from './filters';
import { movementsWithin, type Period, parsePeriod } from './period';

/**
 * The CRM's reports over client interests: the leader's control of open interests, the analysis of
 * primary interest sources and of loss reasons.
 */

/** What an interest is expected to bring: the amount the manager entered, else its product lines. */
export const expectedAmountSql = (alias: string): SQL =>
  sql.raw(`case when ${alias}.expected_amount is not null then ${alias}.expected_amount
    else coalesce((select sum(l.amount) from interest_lines l where l.interest_id = ${alias}.id), 0) end`);

const OPEN = `('new', 'consultation', 'offer_sent', 'awaiting_payment', 'shipment_control')`;

// ── Контроль руководителя — интересы клиентов ───────────────────────────────────────────────────

export type ControlFilters = { managerId?: number; stalledDays: number };

export type ControlRow = {
  level: 0 | 1;
  managerId: number;
  manager: string;
  /** Level 1: the interest. */
  interestId?: number;
  title?: string;
  state?: string;
  open: number;
  overdue: number;
  noNextTask: number;
  stalled: number;
  expected: string;
};

export function parseControlFilters(params: URLSearchParams): ControlFilters {
  const days = Number(params.get('stalled'));
  return {
    managerId: idParam(params, 'manager'),
    stalledDays: Number.isInteger(days) && days > 0 && days <= 3650 ? days : 14,
  };
}

/** Interests listed under each manager when the report is not narrowed to one: the worst first. */
export const CONTROL_ROWS_PER_MANAGER = 100;

/**
 * Per manager: the open interests, those with an overdue task, those without a planned next task and
 * those stalled in their state for longer than N days, with their expected amounts; under each manager
 * the interests that are overdue, without a next task or stalled (overdue first, then the longest
 * stalled; at most CONTROL_ROWS_PER_MANAGER unless the report is for one manager). Tasks are read once,
 * through the index of open tasks, not per interest.
 */
export async function managerControl(db: DbOrTx, f: ControlFilters, now = new Date()): Promise<ControlRow[]> {
  const at = now.toISOString();
  const limit = f.managerId ? null : CONTROL_ROWS_PER_MANAGER;
  const rows = (await db.execute(sql`
    with open as (
      select i.id, i.title, i.state, i.responsible_id, i.state_changed_at, ${expectedAmountSql('i')} as expected
      from interests i
      where i.state in ${sql.raw(OPEN)} ${f.managerId ? sql`and i.responsible_id = ${f.managerId}` : sql``}
    ), due as (
      select t.interest_id, bool_or(t.due_at < ${at}) as overdue, bool_or(t.due_at >= ${at}) as planned
      from tasks t
      where t.done_at is null and t.interest_id is not null
        ${f.managerId ? sql`and t.responsible_id = ${f.managerId}` : sql``}
      group by 1
    ), flagged as (
      select o.*, coalesce(d.overdue, false) as overdue, not coalesce(d.planned, false) as no_next,
        o.state_changed_at < ${at}::timestamptz - make_interval(days => ${f.stalledDays}) as stalled
      from open o left join due d on d.interest_id = o.id
    ), summary as (
      select responsible_id, count(*)::int as open, count(*) filter (where overdue)::int as overdue,
        count(*) filter (where no_next)::int as no_next, count(*) filter (where stalled)::int as stalled,
        sum(expected)::numeric(15,2)::text as expected
      from flagged group by 1
    ), listed as (
      select *, row_number() over (partition by responsible_id order by overdue desc, state_changed_at, id) as n
      from flagged where overdue or no_next or stalled
    )
    select s.responsible_id as "managerId", u.name as manager, null::int as "interestId", null as title, null as state,
      s.open, s.overdue, s.no_next as "noNext", s.stalled, s.expected, 0 as n
    from summary s join users u on u.id = s.responsible_id
    union all
    select l.responsible_id, u.name, l.id, l.title, l.state::text, 1, l.overdue::int, l.no_next::int, l.stalled::int,
      l.expected::numeric(15,2)::text, l.n
    from listed l join users u on u.id = l.responsible_id
    ${limit ? sql`where l.n <= ${limit}` : sql``}
    order by 2, 1, 11
  `)) as unknown as {
    managerId: number;
    manager: string;
    interestId: number | null;
    title: string | null;
    state: string | null;
    open: number;
    overdue: number;
    noNext: number;
    stalled: number;
    expected: string;
  }[];
  return rows.map((r) =>
    r.interestId === null
      ? {
          level: 0,
          managerId: r.managerId,
          manager: r.manager,
          open: r.open,
          overdue: r.overdue,
          noNextTask: r.noNext,
          stalled: r.stalled,
          expected: r.expected,
        }
      : {
          level: 1,
          managerId: r.managerId,
          manager: r.manager,
          interestId: r.interestId,
          title: r.title!,
          state: r.state!,
          open: 1,
          overdue: r.overdue,
          noNextTask: r.noNext,
          stalled: r.stalled,
          expected: r.expected,
        },
  );
}

const count = (n: number) => String(n);

export function managerControlTable(
  rows: ControlRow[],
  f: ControlFilters,
  t: Translate,
  caption?: string,
): ReportTable<ControlRow> {
  return {
    title: t('nav.managerControl'),
    caption,
    rows,
    totalsLabel: t('report.total'),
    rowLevel: (r) => r.level,
    columns: [
      {
        label: t('control.managerOrInterest'),
        kind: 'text',
        value: (r) =>
          r.level === 0 ? r.manager : `${r.title} · ${t(`crmCard.state.${r.state}` as MessageKey)}`,
        link: (r) =>
          r.level === 1 ? `/crm/interests/${r.interestId}` : `/crm/interests?responsible=${r.managerId}`,
      },
      {
        label: t('control.open'),
        kind: 'quantity',
        value: (r) => (r.level === 0 ? count(r.open) : null),
        total: true,
      },
      { label: t('control.overdue'), kind: 'quantity', value: (r) => mark(r, r.overdue), total: true },
      { label: t('control.noNextTask'), kind: 'quantity', value: (r) => mark(r, r.noNextTask), total: true },
      {
        label: t('control.stalled', { days: f.stalledDays }),
        kind: 'quantity',
        value: (r) => mark(r, r.stalled),
        total: true,
      },
      { label: t('control.expected'), kind: 'money', value: (r) => r.expected, total: true },
    ],
  };
}

/** A manager's count, or on an interest's row a 1 where it is the reason it is listed. */
const mark = (r: ControlRow, n: number) => (r.level === 0 || n > 0 ? count(n) : null);

// ── Анализ источников первичного интереса ──────────────────────────────────────────────────────

export type SourceFilters = Period & { managerId?: number };

export type SourceRow = {
  sourceId: number;
  source: string;
  created: number;
  won: number;
  lost: number;
  open: number;
  revenue: string;
};

export function parseSourceFilters(params: URLSearchParams, now?: string): SourceFilters {
  return { ...parsePeriod(params, now), managerId: idParam(params, 'manager') };
}

/**
 * Per primary interest source, the interests created in the period: how many, won, lost and still
 * open, and the revenue (without VAT) of the won ones' orders from the sales register.
 */
export async function interestSources(db: DbOrTx, f: SourceFilters): Promise<SourceRow[]> {
  const createdWithin = sql`${movementsWithin(f, sql`i.created_at`)} ${f.managerId ? sql`and i.responsible_id = ${f.managerId}` : sql``}`;
  // Counted and summed apart, each straight from the interests: the planner then knows how many were
  // won and joins their documents in one merge rather than one lookup per interest.
  return (await db.execute(sql`
    with created as (
      select coalesce(i.source_id, 0) as source_id, count(*)::int as created,
        count(*) filter (where i.state = 'won')::int as won, count(*) filter (where i.state = 'lost')::int as lost,
        count(*) filter (where i.state in ${sql.raw(OPEN)})::int as open
      from interests i where ${createdWithin}
      group by 1
    ), won_revenue as (
      -- A sales document's header keeps its lines' totals: its revenue is the amount less the VAT.
      select coalesce(i.source_id, 0) as source_id, sum(d.amount - d.vat_amount) as revenue
      from interests i
      join documents d on d.interest_id = i.id and d.kind = 'sales' and d.status = 'posted'
      where i.state = 'won' and ${createdWithin}
      group by 1
    )
    select c.source_id as "sourceId", coalesce(s.name, '') as source, c.created, c.won, c.lost, c.open,
      coalesce(r.revenue, 0)::numeric(15,2)::text as revenue
    from created c
    left join interest_sources s on s.id = c.source_id
    left join won_revenue r on r.source_id = c.source_id
    order by c.created desc, 2
  `)) as unknown as SourceRow[];
}

export function interestSourcesTable(
  rows: SourceRow[],
  f: SourceFilters,
  t: Translate,
  caption?: string,
): ReportTable<SourceRow> {
  const sumOf = (all: SourceRow[], pick: (r: SourceRow) => number) => all.reduce((n, r) => n + pick(r), 0);
  return {
    title: t('nav.interestSources'),
    caption,
    rows,
    totalsLabel: t('report.total'),
    columns: [
      {
        label: t('crmCard.field.source'),
        kind: 'text',
        value: (r) => r.source || t('report.none'),
        link: (r) =>
          `/crm/interests?${new URLSearchParams({ source: String(r.sourceId), from: f.from, to: f.to, closed: '1', responsible: f.managerId ? String(f.managerId) : 'all' })}`,
      },
      { label: t('sources.created'), kind: 'quantity', value: (r) => count(r.created), total: true },
      { label: t('sources.won'), kind: 'quantity', value: (r) => count(r.won), total: true },
      { label: t('sources.lost'), kind: 'quantity', value: (r) => count(r.lost), total: true },
      { label: t('sources.open'), kind: 'quantity', value: (r) => count(r.open), total: true },
      {
        label: t('sources.conversion'),
        kind: 'percent',
        value: (r) => percentOf(r.won, r.created),
        totalOf: (all) =>
          percentOf(
            sumOf(all, (r) => r.won),
            sumOf(all, (r) => r.created),
          ),
      },
      { label: t('sources.revenue'), kind: 'money', value: (r) => r.revenue, total: true },
    ],
  };
}

// ── Причины потери интересов ──────────────────────────────────────────────────────────────────

export type LossFilters = Period & { managerId?: number };

export type LossRow = {
  level: 0 | 1;
  reasonId: number;
  reason: string;
  /** Level 1: a manager's part of the reason. */
  managerId?: number;
  manager?: string;
  count: number;
  expected: string;
  /** Of all interests lost in the period (level 0), or of the reason's (level 1). */
  share: string | null;
};

export function parseLossFilters(params: URLSearchParams, now?: string): LossFilters {
  return { ...parsePeriod(params, now), managerId: idParam(params, 'manager') };
}

/** Per loss reason, the interests lost in the period: how many, the amount they were expected to bring, the share, by manager. */
export async function lossReasons(db: DbOrTx, f: LossFilters): Promise<LossRow[]> {
  const rows = (await db.execute(sql`
    select coalesce(i.loss_reason_id, 0) as "reasonId", coalesce(r.name, '') as reason, i.responsible_id as "managerId",
      u.name as manager, count(*)::int as count, sum(${expectedAmountSql('i')})::numeric(15,2)::text as expected
    from interests i
    left join loss_reasons r on r.id = i.loss_reason_id
    join users u on u.id = i.responsible_id
    where i.state = 'lost' and ${movementsWithin(f, sql`i.state_changed_at`)}
      ${f.managerId ? sql`and i.responsible_id = ${f.managerId}` : sql``}
    group by 1, 2, 3, 4
    order by 2, 4
  `)) as unknown as {
    reasonId: number;
    reason: string;
    managerId: number;
    manager: string;
    count: number;
    expected: string;
  }[];
  const total = rows.reduce((n, r) => n + r.count, 0);
  const reasons = new Map<number, LossRow>();
  const managers: LossRow[] = [];
  for (const r of rows) {
    const group = reasons.get(r.reasonId) ?? {
      level: 0,
      reasonId: r.reasonId,
      reason: r.reason,
      count: 0,
      expected: '0.00',
      share: null,
    };
    group.count += r.count;
    group.expected = new Decimal(group.expected).plus(r.expected).toFixed(2);
    reasons.set(r.reasonId, group);
    managers.push({ level: 1, ...r, share: null });
  }
  const groups = [...reasons.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return groups.flatMap((g) => [
    { ...g, share: percentOf(g.count, total) },
    ...managers
      .filter((m) => m.reasonId === g.reasonId)
      .map((m) => ({ ...m, share: percentOf(m.count, g.count) })),
  ]);
}

export function lossReasonsTable(
  rows: LossRow[],
  f: LossFilters,
  t: Translate,
  caption?: string,
): ReportTable<LossRow> {
  return {
    title: t('nav.lossReasons'),
    caption,
    rows,
    totalsLabel: t('report.total'),
    rowLevel: (r) => r.level,
    columns: [
      {
        label: t('loss.reasonOrManager'),
        kind: 'text',
        value: (r) => (r.level === 0 ? r.reason || t('report.none') : r.manager!),
        link: (r) =>
          `/crm/interests?${new URLSearchParams({ closed: '1', from: f.from, to: f.to, responsible: r.level === 1 ? String(r.managerId) : 'all' })}`,
      },
      { label: t('loss.count'), kind: 'quantity', value: (r) => count(r.count), total: true },
      { label: t('loss.expected'), kind: 'money', value: (r) => r.expected, total: true },
      {
        label: t('loss.share'),
        kind: 'percent',
        value: (r) => r.share,
        totalOf: (all) => (all.length ? '100.0' : null),
      },
    ],
  };
}
