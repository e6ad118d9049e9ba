import type { openTasks } from '@/lib/crm/tasks';
import { byDayAndHour, companyClock } from '@/lib/crm/workplace';
import { formatDate, intlLocale, timeZone } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';

type Task = Awaited<ReturnType<typeof openTasks>>[number];

/** Working hours are always shown; earlier or later hours only when something is due then. */
const WORK_HOURS = [8, 19];

/**
 * The calendar frame: the days of the view as columns, hours as rows, tasks in their hour; another
 * manager's (a leader's calendar) with whose it is.
 */
export function CalendarGrid({
  days,
  tasks,
  viewerId,
  now,
  locale,
}: {
  days: string[];
  tasks: Task[];
  viewerId: number;
  now: Date;
  locale: Locale;
}) {
  const cells = byDayAndHour(tasks);
  const hoursUsed = tasks.map((task) => companyClock(task.dueAt).hour);
  const first = Math.min(WORK_HOURS[0]!, ...hoursUsed);
  const last = Math.max(WORK_HOURS[1]!, ...hoursUsed);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const today = companyClock(now).day;
  const time = new Intl.DateTimeFormat(intlLocale[locale], { timeStyle: 'short', timeZone });
  const weekday = new Intl.DateTimeFormat(intlLocale[locale], { weekday: 'short', timeZone: 'UTC' });
  return (
    <table className={`calendar calendar-${days.length === 1 ? 'day' : 'week'}`}>
      <thead>
        <tr>
          <th className="calendar-hour" />
          {days.map((day) => (
            <th key={day} className={day === today ? 'calendar-today' : undefined}>
              {weekday.format(new Date(`${day}T00:00:00Z`))} {formatDate(locale, day)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {hours.map((hour) => (
          <tr key={hour}>
            <th className="calendar-hour">{`${String(hour).padStart(2, '0')}:00`}</th>
            {days.map((day) => (
              <td key={day} className={day === today ? 'calendar-today' : undefined}>
                {cells.get(`${day} ${hour}`)?.map((task) => {
                  const whose = task.responsibleId === viewerId ? null : task.responsible;
                  return (
                    <a
                      key={task.id}
                      className={`calendar-task${task.dueAt < now ? ' overdue' : ''}`}
                      href={task.interestId ? `/crm/interests/${task.interestId}` : undefined}
                      data-turbo="false"
                      title={[task.title, task.interest, task.partner, whose].filter(Boolean).join(' · ')}
                    >
                      {/* Whose before what: a narrow cell cuts the end of the line. */}
                      <time>{time.format(task.dueAt)}</time>{' '}
                      {whose && <span className="calendar-whose">{whose} · </span>}
                      {task.title}
                    </a>
                  );
                })}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
