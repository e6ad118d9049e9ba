import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { interests, partners } from '@/db/schema';
import { type Actor, changesEverything } from '@/lib/access/rules';
import { fromDateTimeLocal } from '@/lib/i18n/formats';
import { timeZone as companyTimeZone } from '@/lib/i18n/translate';
import { openStates } from './interest-state';

/** The manager's day is the company's calendar day (TORG_TIMEZONE), wherever the server runs. */
const dayAndHour = new Intl.DateTimeFormat('en-CA', {
  timeZone: companyTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** A moment on the company's clock: its day (YYYY-MM-DD) and hour (0–23). */
export function companyClock(moment: Date): { day: string; hour: number } {
  const p = Object.fromEntries(dayAndHour.formatToParts(moment).map((part) => [part.type, part.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}

/** The moment a company day starts. */
export const dayStart = (day: string) => new Date(fromDateTimeLocal(`${day}T00:00`));

/** Calendar arithmetic on YYYY-MM-DD, free of time zones. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "My tasks": overdue (due before now), due later today, and upcoming — by the company's day. */
export function groupTasks<T extends { dueAt: Date }>(tasks: T[], now: Date) {
  const today = companyClock(now).day;
  const groups = { overdue: [] as T[], today: [] as T[], upcoming: [] as T[] };
  for (const task of tasks) {
    if (task.dueAt.getTime() < now.getTime()) groups.overdue.push(task);
    else if (companyClock(task.dueAt).day === today) groups.today.push(task);
    else groups.upcoming.push(task);
  }
  return groups;
}

export type CalendarView = 'day' | 'week';

/** The days a calendar view shows (weeks start on Monday), the moments that bound them, and the neighbours. */
export function calendarRange(view: CalendarView, date: string) {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const first = view === 'week' ? addDays(date, -weekday) : date;
  const length = view === 'week' ? 7 : 1;
  const days = Array.from({ length }, (_, i) => addDays(first, i));
  return {
    days,
    from: dayStart(first),
    until: dayStart(addDays(first, length)),
    prev: addDays(first, -length),
    next: addDays(first, length),
  };
}

/** Tasks laid out by day and hour of the company's clock: `${day} ${hour}` → tasks. */
export function byDayAndHour<T extends { dueAt: Date }>(tasks: T[]): Map<string, T[]> {
  const cells = new Map<string, T[]>();
  for (const task of tasks) {
    const { day, hour } = companyClock(task.dueAt);
    const key = `${day} ${hour}`;
    cells.set(key, [...(cells.get(key) ?? []), task]);
  }
  return cells;
}

/**
 * Whose interests the kanban shows: the picked manager's (another's read-only); otherwise a manager's
 * own, and everyone's (undefined) for leaders and admins.
 */
export function kanbanResponsible(actor: Actor, picked: number | undefined) {
  return picked ?? (changesEverything(actor) ? undefined : actor.id);
}

/**
 * Whose tasks the task list and calendar show: a manager's own (as their live topic is theirs alone);
 * for leaders and admins everyone's (undefined), or the picked manager's.
 */
export function tasksResponsible(actor: Actor, picked: number | undefined) {
  return changesEverything(actor) ? picked : actor.id;
}

/**
 * Open interests of some partners (to link an incoming message), of a manager (to attach a task or
 * link a message from someone unknown), or everyone's (`{}`, the first `limit`).
 */
export async function openInterests(
  db: DbOrTx,
  of: { partnerIds?: number[]; responsibleId?: number; limit?: number },
) {
  if (of.partnerIds?.length === 0) return [];
  return db
    .select({
      id: interests.id,
      title: interests.title,
      partnerId: interests.partnerId,
      partner: partners.name,
    })
    .from(interests)
    .innerJoin(partners, eq(partners.id, interests.partnerId))
    .where(
      and(
        inArray(interests.state, openStates),
        of.partnerIds ? inArray(interests.partnerId, of.partnerIds) : undefined,
        of.responsibleId ? eq(interests.responsibleId, of.responsibleId) : undefined,
      ),
    )
    .orderBy(asc(interests.title), asc(interests.id))
    .limit(of.limit ?? 1000);
}

/** The partner's open interest when there is exactly one: an incoming message goes into its feed. */
export async function openInterestOf(db: DbOrTx, partnerId: number): Promise<number | null> {
  const open = await db
    .select({ id: interests.id })
    .from(interests)
    .where(and(eq(interests.partnerId, partnerId), inArray(interests.state, openStates)))
    .limit(2);
  return open.length === 1 ? open[0]!.id : null;
}
