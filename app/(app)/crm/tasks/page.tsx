import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { TasksTab } from '@/app/_workplace/Tabs';
import { TurboFrames } from '@/app/_workplace/TurboFrames';

export default async function TasksPage() {
  const user = await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <TurboFrames />
      <header className="page-header">
        <h1>{t('workplace.tab.tasks')}</h1>
      </header>
      <TasksTab user={user} />
    </>
  );
}
