import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { errorMessage, errorParam, frameSrc, type Search, tasksQuery } from '@/app/_workplace/frames';
import { TaskList } from '@/app/_workplace/TaskList';
import { getDb } from '@/db/client';
import { openTasks } from '@/lib/crm/tasks';
import { addDays, companyClock, dayStart, openInterests } from '@/lib/crm/workplace';

/** Upcoming means the next two weeks: enough to plan, short enough to read. */
const UPCOMING_DAYS = 14;

export default async function TasksFrame({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const { responsibleId, responsible } = tasksQuery(search, user);
  const within = search.within === 'today' ? 'today' : 'upcoming';
  const db = getDb();
  const now = new Date();
  const until = dayStart(addDays(companyClock(now).day, within === 'today' ? 1 : UPCOMING_DAYS + 1));
  const [tasks, interests] = await Promise.all([
    openTasks(db, { responsibleId, until }),
    openInterests(db, { responsibleId: user.id }),
  ]);
  const { error } = errorParam.parse(search);
  return (
    <turbo-frame id="tasks">
      <TaskList
        tasks={tasks}
        interests={interests}
        viewerId={user.id}
        back={frameSrc('tasks', { responsible, within: within === 'today' ? within : undefined })}
        error={error ? errorMessage(t, error) : undefined}
        now={now}
        t={t}
        locale={locale}
        within={within}
      />
    </turbo-frame>
  );
}
