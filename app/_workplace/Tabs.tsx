import Link from 'next/link';
import { LiveFrame } from '@/app/_components/LiveFrame';
// The frames' content is styled by the page hosting them (Turbo takes only the frame from a response).
import './workplace.css';
import './open-tasks-choice.css';
import { withParams } from '@/app/_components/DataTable';
import { calendarRange } from '@/lib/crm/workplace';
import type { Translate } from '@/lib/i18n/translate';
import type { SessionUser } from '@/lib/users/users';
import { KanbanFilters, TasksFilter } from './Filters';
import { calendarQuery, frameSrc, kanbanQuery, type Search, tasksQuery } from './frames';

/**
 * The workplace tabs' bodies, each a live frame under its filters; /crm/interests, /crm/tasks and
 * /crm/calendar show the same ones. `path` and `keep` say where the filters go back to (the workplace
 * keeps its tab). `key` = src: a new filter gives a new frame element rather than React editing one
 * Turbo owns.
 */
type TabProps = { user: SessionUser; path: string; keep?: Search; search: Search; t: Translate };

export function InboxTab() {
  const src = frameSrc('inbox');
  return <LiveFrame key={src} id="inbox" src={src} topics={['inbox']} />;
}

export function KanbanTab({ user, path, keep = {}, search, t }: TabProps) {
  const { params } = kanbanQuery(search, user);
  const src = frameSrc('kanban', params);
  return (
    <>
      {/* A new interest straight from the board: the client is chosen in its form. */}
      <div className="toolbar kanban-toolbar">
        <Link className="button primary" href="/crm/interests/new">
          {t('crmCard.create')}
        </Link>
      </div>
      <KanbanFilters path={path} keep={keep} params={params} user={user} t={t} />
      <LiveFrame key={src} id="kanban" src={src} topics={['kanban']} />
    </>
  );
}

export function TasksTab({ user, path, keep = {}, search, t }: TabProps) {
  const { responsible, topic } = tasksQuery(search, user);
  const src = frameSrc('tasks', { responsible });
  return (
    <>
      <TasksFilter path={path} keep={keep} responsible={responsible} user={user} t={t} />
      <LiveFrame key={src} id="tasks" src={src} topics={[topic]} />
    </>
  );
}

/** Day/week switch and paging above the calendar frame; the URL stays shareable. */
export function CalendarTab({ user, path, keep = {}, search, t }: TabProps) {
  const { view, date } = calendarQuery(search);
  const { responsible, topic } = tasksQuery(search, user);
  const range = calendarRange(view, date);
  const to = (changes: Record<string, string | undefined>) =>
    withParams(path, { ...keep, ...search }, changes);
  const src = frameSrc('calendar', { view, date, responsible });
  return (
    <>
      <TasksFilter
        path={path}
        keep={{ ...keep, view, date: search.date }}
        responsible={responsible}
        user={user}
        t={t}
      />
      <div className="toolbar calendar-toolbar">
        <span className="segmented">
          {(['day', 'week'] as const).map((v) => (
            <Link key={v} href={to({ view: v })} aria-current={v === view ? 'page' : undefined}>
              {t(`workplace.calendar.${v}`)}
            </Link>
          ))}
        </span>
        <Link className="button" href={to({ date: range.prev })}>
          {t('workplace.calendar.prev')}
        </Link>
        <Link className="button" href={to({ date: undefined })}>
          {t('workplace.calendar.today')}
        </Link>
        <Link className="button" href={to({ date: range.next })}>
          {t('workplace.calendar.next')}
        </Link>
      </div>
      <LiveFrame key={src} id="calendar" src={src} topics={[topic]} />
    </>
  );
}
