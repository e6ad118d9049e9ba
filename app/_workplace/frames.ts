import { z } from 'zod';
import type { KanbanFilters } from '@/lib/crm/kanban';
import { type CalendarView, companyClock, kanbanResponsible, tasksResponsible } from '@/lib/crm/workplace';
import type { MessageKey } from '@/lib/i18n/messages';
import { errorText, type Translate } from '@/lib/i18n/translate';
import type { SessionUser } from '@/lib/users/users';
import { idFrom, isoDate } from '@/lib/validation/fields';
import { localPath } from '@/lib/validation/local-path';

/**
 * The workplace's Turbo Frames: pages under app/(frames)/workplace/frames/<name> that render
 * `<turbo-frame id="<name>">`, and the query parameters they and their host pages share.
 */
export type Search = Record<string, string | undefined>;
export const tabs = ['inbox', 'interests', 'tasks', 'calendar'] as const;
export type Tab = (typeof tabs)[number];

const FRAMES = '/workplace/frames/';
/** Where the commands route posts to and the frames' forms come back to. */
export const COMMANDS = '/workplace/commands';

export function frameSrc(name: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return `${FRAMES}${name}${query ? `?${query}` : ''}`;
}

/** A form's way back is always one of our frames (never an address from outside). */
export function frameBack(value: unknown): string {
  const path = localPath(value);
  return path?.startsWith(FRAMES) ? path : '/workplace';
}

const text = z.string().max(200).optional().catch(undefined);
const id = z
  .unknown()
  .transform((v) => idFrom(v) ?? undefined)
  .optional();
const day = isoDate.optional().catch(undefined);

const kanbanSchema = z.object({ responsible: text, source: id, from: day, to: day, closed: text });

/** Kanban filters from the query (anything malformed is simply ignored). */
export function kanbanQuery(search: Search, user: SessionUser) {
  const q = kanbanSchema.parse(search);
  const responsibleId = kanbanResponsible(user, id.parse(q.responsible));
  const filters: KanbanFilters = {
    responsibleId,
    sourceId: q.source,
    from: q.from,
    to: q.to,
    includeClosed: q.closed === '1',
  };
  const params = {
    responsible: responsibleId ? String(responsibleId) : 'all',
    source: q.source ? String(q.source) : undefined,
    from: q.from,
    to: q.to,
    closed: filters.includeClosed ? '1' : undefined,
  };
  return { filters, params };
}

/**
 * Whose tasks the task list and calendar show, from the query (see tasksResponsible), as the frames'
 * `responsible` parameter, and the live topic that follows them.
 */
export function tasksQuery(search: Search, user: SessionUser) {
  const responsibleId = tasksResponsible(user, id.parse(text.parse(search.responsible)));
  return {
    responsibleId,
    responsible: responsibleId ? String(responsibleId) : 'all',
    topic: responsibleId ? (`tasks:${responsibleId}` as const) : ('tasks' as const),
  };
}

const calendarSchema = z.object({ view: z.enum(['day', 'week']).catch('week'), date: day });

export function calendarQuery(search: Search): { view: CalendarView; date: string } {
  const q = calendarSchema.parse({ view: search.view ?? 'week', date: search.date });
  return { view: q.view, date: q.date ?? companyClock(new Date()).day };
}

export const errorParam = z.object({ error: text, for: id });

/** A refused command's code as a sentence: workplace messages first, then the shared field errors. */
export function errorMessage(t: Translate, code: string): string {
  const key = `workplace.error.${code}` as MessageKey;
  return t(key) === key ? errorText(t, code) : t(key);
}
