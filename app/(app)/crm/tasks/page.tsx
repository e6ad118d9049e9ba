import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { TasksTab } from '@/app/_workplace/Tabs';

export default async function TasksPage() {
  const user = await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <LiveUpdates topics={[`tasks:${user.id}`]} />
      <header className="page-header">
        <h1>{t('workplace.tab.tasks')}</h1>
      </header>
      <TasksTab user={user} />
    </>
  );
}
