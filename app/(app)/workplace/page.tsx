import Link from 'next/link';
import { LiveFrame } from '@/app/_components/LiveFrame';
import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { type Search, type Tab, tabs, tasksQuery } from '@/app/_workplace/frames';
import { CalendarTab, InboxTab, KanbanTab, TasksTab } from '@/app/_workplace/Tabs';
import { changesEverything } from '@/lib/access/rules';

/**
 * Рабочее место менеджера: inbox, interests, tasks and calendar on one screen, one tab each. A
 * manager's tabs show their own («Мои интересы», «Мои задачи»); a leader's and an admin's everyone's.
 */
export default async function WorkplacePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const search = await searchParams;
  const tab: Tab = tabs.find((name) => name === search.tab) ?? 'inbox';
  const everyone = changesEverything(user);
  const labels = {
    inbox: 'workplace.tab.inbox',
    interests: everyone ? 'workplace.interests' : 'workplace.tab.interests',
    tasks: everyone ? 'workplace.tasks' : 'workplace.tab.tasks',
    calendar: 'workplace.tab.calendar',
  } as const;
  const props = { user, path: '/workplace', keep: { tab }, search, t };
  return (
    <>
      <LiveUpdates topics={['inbox', 'kanban', tasksQuery(search, user).topic]} />
      <header className="page-header">
        <h1>{t('workplace.title')}</h1>
      </header>
      <nav className="tabs" aria-label={t('workplace.title')}>
        {tabs.map((name) => (
          <Link key={name} href={`/workplace?tab=${name}`} aria-current={name === tab ? 'page' : undefined}>
            {t(labels[name])}
            {name === 'inbox' && (
              <>
                {' '}
                <LiveFrame id="inbox-count" src="/workplace/frames/inbox-count" topics={['inbox']} />
              </>
            )}
          </Link>
        ))}
      </nav>
      <div className="tab-body">
        {tab === 'inbox' && <InboxTab />}
        {tab === 'interests' && <KanbanTab {...props} />}
        {tab === 'tasks' && <TasksTab {...props} />}
        {tab === 'calendar' && <CalendarTab {...props} />}
      </div>
    </>
  );
}
