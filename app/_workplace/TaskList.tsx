import { DateInput } from '@/app/_components/DateInput';
import type { openTasks } from '@/lib/crm/tasks';
import { groupTasks } from '@/lib/crm/workplace';
import { formatDateTime } from '@/lib/i18n/formats';
import type { Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { Command } from './Command';

type Task = Awaited<ReturnType<typeof openTasks>>[number];

/**
 * The tasks frame: overdue, today and upcoming open tasks, each marked done here; a new one (the
 * viewer's own) added on top. Showing others' tasks too (a leader's list), each row says whose it is.
 */
export function TaskList({
  tasks,
  interests,
  viewerId,
  back,
  error,
  now,
  t,
  locale,
  within = 'upcoming',
}: {
  tasks: Task[];
  interests: { id: number; title: string }[];
  viewerId: number;
  back: string;
  error?: string;
  now: Date;
  t: Translate;
  locale: Locale;
  /** How far the list reaches: the manager's day on the home page stops at today, with no form. */
  within?: 'today' | 'upcoming';
}) {
  const groups = groupTasks(tasks, now);
  const shown =
    within === 'today' ? (['overdue', 'today'] as const) : (['overdue', 'today', 'upcoming'] as const);
  const whose = tasks.some((task) => task.responsibleId !== viewerId);
  return (
    <div className="task-list">
      {within === 'upcoming' && (
        <Command intent="task" back={back} fields={{}} className="inline-form panel">
          <strong className="inline-form-title">{t('workplace.tasks.new')}</strong>
          <label className="grow">
            {t('workplace.tasks.title')}
            {/* As long as the command takes: a longer paste is cut here, not refused as a whole. */}
            <input name="title" maxLength={500} />
          </label>
          <label>
            {t('workplace.tasks.due')}
            <DateInput kind="datetime" name="dueAt" />
          </label>
          <label>
            {t('workplace.tasks.interest')}
            <select name="interestId" defaultValue="">
              <option value="">{t('workplace.tasks.noInterest')}</option>
              {interests.map((interest) => (
                <option key={interest.id} value={interest.id}>
                  {interest.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t('workplace.tasks.add')}
          </button>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </Command>
      )}
      {shown.map((group) => (
        <section key={group} className={`task-group task-${group}`}>
          <h3>
            {t(`workplace.tasks.${group}`)} <span className="badge">{groups[group].length}</span>
          </h3>
          {groups[group].length === 0 ? (
            <p className="muted">{t('workplace.tasks.empty')}</p>
          ) : (
            <table className="data-table">
              <tbody>
                {groups[group].map((task) => (
                  <tr key={task.id} data-task={task.id}>
                    <td className="nowrap task-due">{formatDateTime(locale, task.dueAt)}</td>
                    <td>
                      {task.title}
                      {task.remindedAt && group !== 'overdue' && (
                        <span className="badge task-reminder"> {t('workplace.tasks.dueSoon')}</span>
                      )}
                    </td>
                    <td>
                      {task.interestId && (
                        <a href={`/crm/interests/${task.interestId}`} data-turbo="false">
                          {task.interest}
                        </a>
                      )}
                      {task.partner && <span className="muted"> · {task.partner}</span>}
                    </td>
                    {whose && <td className="nowrap task-responsible">{task.responsible}</td>}
                    <td className="actions">
                      <Command intent="done" back={back} fields={{ taskId: task.id }}>
                        <button type="submit">{t('workplace.tasks.done')}</button>
                      </Command>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
