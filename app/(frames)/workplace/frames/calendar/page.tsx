import { requireUser } from '@/app/_server/guard';
import { getLocale } from '@/app/_server/locale';
import { CalendarGrid } from '@/app/_workplace/CalendarGrid';
import { calendarQuery, type Search, tasksQuery } from '@/app/_workplace/frames';
import { getDb } from '@/db/client';
import { openTasks } from '@/lib/crm/tasks';
import { calendarRange } from '@/lib/crm/workplace';

export default async function CalendarFrame({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const locale = await getLocale();
  const search = await searchParams;
  const { view, date } = calendarQuery(search);
  const { responsibleId } = tasksQuery(search, user);
  const range = calendarRange(view, date);
  const tasks = await openTasks(getDb(), { responsibleId, from: range.from, until: range.until });
  return (
    <turbo-frame id="calendar">
      <CalendarGrid days={range.days} tasks={tasks} viewerId={user.id} now={new Date()} locale={locale} />
    </turbo-frame>
  );
}
