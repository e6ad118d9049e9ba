import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documentsAmountOf } from './interest-amount';
import { type InterestState, interestStates, openStates } from './interest-state';
import { type TaskColour, taskColour } from './task-colour';

export type KanbanFilters = {
  responsibleId?: number;
  sourceId?: number;
  /** Created on or after / before (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Won and lost are behind a filter. */
  includeClosed?: boolean;
};

export type KanbanCard = {
  id: number;
  title: string;
  partner: string;
  responsible: string;
  responsibleId: number;
  /** What its documents say (ordered, else offered), else its product lines, else the expected amount. */
  amount: string;
  daysInState: number;
  nextDueAt: Date | null;
  /** How many tasks are open: marking it lost asks what becomes of them. */
  openTasks: number;
  colour: TaskColour;
  version: number;
};
export type KanbanColumn = { state: InterestState; count: number; sum: string; cards: KanbanCard[] };

/** Interests by state with count and sum per column; each card carries the colour of its next open task. */
export async function kanban(db: DbOrTx, filters: KanbanFilters, now: Date): Promise<KanbanColumn[]> {
  const states = filters.includeClosed ? interestStates : openStates;
  const where = sql.join(
    [
      sql`i.state = any(${`{${states.join(',')}}`}::interest_state[])`,
      filters.responsibleId ? sql`i.responsible_id = ${filters.responsibleId}` : sql`true`,
      filters.sourceId ? sql`i.source_id = ${filters.sourceId}` : sql`true`,
      filters.from ? sql`i.created_at >= ${filters.from}::date` : sql`true`,
      filters.to ? sql`i.created_at < ${filters.to}::date + 1` : sql`true`,
    ],
    sql` and `,
  );
  const rows = (await db.execute(sql`
    select i.id, i.title, i.state, p.name as partner, u.name as responsible, i.responsible_id as "responsibleId",
      coalesce(${documentsAmountOf(sql`i.id`)}, l.amount, i.expected_amount, 0)::text as amount, i.state_changed_at as "stateChangedAt",
      t.next_due as "nextDueAt", t.open as "openTasks", i.version
    from interests i
    join partners p on p.id = i.partner_id
    join users u on u.id = i.responsible_id
    left join lateral (select sum(amount) as amount from interest_lines where interest_id = i.id) l on true
    left join lateral (
      select min(due_at) as next_due, count(*)::int as open from tasks where interest_id = i.id and done_at is null
    ) t on true
    where ${where}
    order by i.state_changed_at desc, i.id desc
  `)) as unknown as (Omit<KanbanCard, 'daysInState' | 'colour'> & {
    state: InterestState;
    stateChangedAt: Date;
    nextDueAt: Date | null;
  })[];
  return states.map((state) => {
    const cards = rows
      .filter((r) => r.state === state)
      .map(({ state: _state, stateChangedAt, ...r }) => ({
        ...r,
        nextDueAt: r.nextDueAt ? new Date(r.nextDueAt) : null,
        daysInState: Math.floor((now.getTime() - new Date(stateChangedAt).getTime()) / 86_400_000),
        colour: taskColour(r.nextDueAt ? new Date(r.nextDueAt) : null, now),
      }));
    return {
      state,
      count: cards.length,
      sum: Decimal.sum(0, ...cards.map((c) => c.amount)).toFixed(2),
      cards,
    };
  });
}
