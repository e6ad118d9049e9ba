import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { type Search, tasksQuery } from '@/app/_workplace/frames';
import { TasksTab } from '@/app/_workplace/Tabs';
import { changesEverything } from '@/lib/access/rules';

/** A manager's own tasks («Мои задачи»); everyone's for leaders and admins («Задачи»), by manager. */
export default async function TasksPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const search = await searchParams;
  return (
    <>
      <LiveUpdates topics={[tasksQuery(search, user).topic]} />
      <header className="page-header">
        <h1>{t(changesEverything(user) ? 'workplace.tasks' : 'workplace.tab.tasks')}</h1>
      </header>
      <TasksTab user={user} path="/crm/tasks" search={search} t={t} />
    </>
  );
}
