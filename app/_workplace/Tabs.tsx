import Link from 'next/link';
import { LiveFrame } from '@/app/_components/LiveFrame';
import './workplace.css';
import { withParams } from '@/app/_components/DataTable';
import { calendarRange } from '@/lib/crm/workplace';
import type { Translate } from '@/lib/i18n/translate';
import type { SessionUser } from '@/lib/users/users';
import { calendarQuery, frameSrc, type Search } from './frames';

/**
 * The workplace tabs' bodies, each a live frame; /crm/tasks and /crm/calendar show the same ones.
 * `key` = src: a new filter gives a new frame element rather than React editing one Turbo owns.
 */
export function InboxTab() {
  const src = frameSrc('inbox');
  return <LiveFrame key={src} id="inbox" src={src} topics={['inbox']} />;
}

export function KanbanTab({ params }: { params: Record<string, string | undefined> }) {
  const src = frameSrc('kanban', params);
  return <LiveFrame key={src} id="kanban" src={src} topics={['kanban']} />;
}

export function TasksTab({ user }: { user: SessionUser }) {
  const src = frameSrc('tasks');
  return <LiveFrame key={src} id="tasks" src={src} topics={[`tasks:${user.id}`]} />;
}

/** Day/week switch and paging above the calendar frame; the URL stays shareable. */
export function CalendarTab({
  user,
  path,
  search,
  t,
}: {
  user: SessionUser;
  path: string;
  search: Search;
  t: Translate;
}) {
  const { view, date } = calendarQuery(search);
  const range = calendarRange(view, date);
  const to = (changes: Record<string, string | undefined>) => withParams(path, search, changes);
  const src = frameSrc('calendar', { view, date });
  return (
    <>
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
      <LiveFrame key={src} id="calendar" src={src} topics={[`tasks:${user.id}`]} />
    </>
  );
}
