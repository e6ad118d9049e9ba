import Link from 'next/link';
import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { type Search, type Tab, tabs } from '@/app/_workplace/frames';
import { CalendarTab, InboxTab, KanbanTab, TasksTab } from '@/app/_workplace/Tabs';

/** Рабочее место менеджера: inbox, own interests, own tasks and calendar on one screen, one tab each. */
export default async function WorkplacePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const search = await searchParams;
  const tab: Tab = tabs.find((name) => name === search.tab) ?? 'inbox';
  return (
    <>
      <LiveUpdates topics={['inbox', 'kanban', `tasks:${user.id}`]} />
      <header className="page-header">
        <h1>{t('workplace.title')}</h1>
      </header>
      <nav className="tabs" aria-label={t('workplace.title')}>
        {tabs.map((name) => (
          <Link key={name} href={`/workplace?tab=${name}`} aria-current={name === tab ? 'page' : undefined}>
            {t(`workplace.tab.${name}`)}
          </Link>
        ))}
      </nav>
      <div className="tab-body">
        {tab === 'inbox' && <InboxTab />}
        {tab === 'interests' && <KanbanTab params={{ responsible: String(user.id) }} />}
        {tab === 'tasks' && <TasksTab user={user} />}
        {tab === 'calendar' && (
          <CalendarTab user={user} path="/workplace" search={{ ...search, tab }} t={t} />
        )}
      </div>
    </>
  );
}
