import Link from 'next/link';
import { LiveFrame } from '@/app/_components/LiveFrame';
import type { Translate } from '@/lib/i18n/translate';
import type { SessionUser } from '@/lib/users/users';
import { frameSrc, tasksQuery } from './frames';
import './workplace.css';

/**
 * The top of a manager's home page: their tasks for today (overdue first, each marked done here) and
 * the new inbox items, the workplace's own live frames; the dashboard's widgets (their plan, their open
 * interests by state) follow below.
 */
export function MyDay({ user, t }: { user: SessionUser; t: Translate }) {
  const { responsible, topic } = tasksQuery({}, user);
  const tasks = frameSrc('tasks', { responsible, within: 'today' });
  const inbox = frameSrc('inbox');
  return (
    <div className="my-day">
      <section className="card" aria-labelledby="my-day-tasks">
        <h2 id="my-day-tasks">
          <Link href="/workplace?tab=tasks">{t('day.tasks')}</Link>
        </h2>
        <LiveFrame key={tasks} id="tasks" src={tasks} topics={[topic]} />
      </section>
      <section className="card" aria-labelledby="my-day-inbox">
        <h2 id="my-day-inbox">
          <Link href="/workplace?tab=inbox">{t('day.inbox')}</Link>{' '}
          <LiveFrame id="inbox-count" src="/workplace/frames/inbox-count" topics={['inbox']} />
        </h2>
        <LiveFrame key={inbox} id="inbox" src={inbox} topics={['inbox']} />
      </section>
    </div>
  );
}
