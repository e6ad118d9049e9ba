import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { type Search, tasksQuery } from '@/app/_workplace/frames';
import { CalendarTab } from '@/app/_workplace/Tabs';

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const search = await searchParams;
  return (
    <>
      <LiveUpdates topics={[tasksQuery(search, user).topic]} />
      <header className="page-header">
        <h1>{t('workplace.calendar')}</h1>
      </header>
      <CalendarTab user={user} path="/crm/calendar" search={search} t={t} />
    </>
  );
}
