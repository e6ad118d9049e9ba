import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import type { Search } from '@/app/_workplace/frames';
import { KanbanTab } from '@/app/_workplace/Tabs';

/** Интересы клиентов: the kanban with its filters; the board itself is a live frame. */
export default async function InterestsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <LiveUpdates topics={['kanban']} />
      <header className="page-header">
        <h1>{t('workplace.interests')}</h1>
      </header>
      <KanbanTab user={user} path="/crm/interests" search={await searchParams} t={t} />
    </>
  );
}
