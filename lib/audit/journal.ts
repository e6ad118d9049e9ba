import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { dateParam, idParam, today } from '@/lib/reports/filters';

/** Rows on one page of the journal; «Ранее» pages on by the last id shown. */
export const JOURNAL_PAGE = 100;
/** At most this long a period: a year of changes is searched through the (at, user) indexes. */
const MAX_DAYS = 366;

export type JournalQuery = {
  from: string;
  to: string;
  userId?: number;
  entity?: string;
  entityId?: number;
  /** Rows older than this row (the next page). */
  before?: number;
};

/** The filters of Administration → «Журнал изменений» from its address; anything unreadable is dropped. */
export function parseJournalQuery(params: URLSearchParams, now = today()): JournalQuery {
  const to = dateParam(params, 'to') ?? now;
  const weekBefore = new Date(`${to}T00:00:00Z`);
  weekBefore.setUTCDate(weekBefore.getUTCDate() - 7);
  let from = dateParam(params, 'from') ?? weekBefore.toISOString().slice(0, 10);
  const earliest = new Date(`${to}T00:00:00Z`);
  earliest.setUTCDate(earliest.getUTCDate() - MAX_DAYS);
  if (from > to || new Date(`${from}T00:00:00Z`) < earliest) from = earliest.toISOString().slice(0, 10);
  const entity = params.get('entity');
  return {
    from,
    to,
    userId: idParam(params, 'user'),
    entity: entity && /^[a-z_]{1,40}$/.test(entity) ? entity : undefined,
    entityId: idParam(params, 'id'),
    before: idParam(params, 'before'),
  };
}

/** The audit rows of the period (days inclusive, in UTC), newest first, with who made each change. */
export async function auditJournal(db: DbOrTx, q: JournalQuery) {
  const end = new Date(`${q.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userName: users.name,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      data: sql<string | null>`left(${auditLog.data}::text, 500)`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        gte(auditLog.at, new Date(`${q.from}T00:00:00Z`)),
        lt(auditLog.at, end),
        q.userId ? eq(auditLog.userId, q.userId) : undefined,
        q.entity ? eq(auditLog.entity, q.entity) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.before
          ? sql`(${auditLog.at}, ${auditLog.id}) < (select at, id from audit_log where id = ${q.before})`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(JOURNAL_PAGE + 1);
  return { rows: rows.slice(0, JOURNAL_PAGE), more: rows.length > JOURNAL_PAGE };
}

/** The kinds of object the journal has rows of, for the filter. */
export async function auditEntities(db: DbOrTx): Promise<string[]> {
  // A loose index scan over audit_log_entity_idx: one probe per kind, not a read of every row.
  const rows = await db.execute<{ entity: string }>(sql`
    with recursive kinds as (
      (select entity from audit_log order by entity limit 1)
      union all
      select (select a.entity from audit_log a where a.entity > k.entity order by a.entity limit 1)
      from kinds k where k.entity is not null)
    select entity from kinds where entity is not null`);
  return rows.map((r) => r.entity);
}
