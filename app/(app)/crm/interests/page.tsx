import { LiveUpdates } from '@/app/_components/LiveUpdates';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { kanbanQuery, type Search } from '@/app/_workplace/frames';
import { KanbanTab } from '@/app/_workplace/Tabs';
import { getDb } from '@/db/client';
import { listInterestSources } from '@/lib/catalogs/simple';
import { listStaff } from '@/lib/users/users';

/** Интересы клиентов: the kanban with its filters; the board itself is a live frame. */
export default async function InterestsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const { params } = kanbanQuery(await searchParams, user);
  const db = getDb();
  const [staff, sources] = await Promise.all([listStaff(db), listInterestSources(db, {})]);
  const others = staff.filter((s) => s.id !== user.id && s.role === 'manager');
  return (
    <>
      <LiveUpdates topics={['kanban']} />
      <header className="page-header">
        <h1>{t('workplace.interests')}</h1>
        <form className="toolbar inline-form kanban-filters" action="/crm/interests">
          <label>
            {t('workplace.filter.responsible')}
            <select name="responsible" defaultValue={params.responsible}>
              <option value={user.id}>{t('workplace.filter.mine')}</option>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
              {user.role !== 'manager' && <option value="all">{t('workplace.filter.all')}</option>}
            </select>
          </label>
          <label>
            {t('workplace.filter.source')}
            <select name="source" defaultValue={params.source ?? ''}>
              <option value="">{t('workplace.filter.anySource')}</option>
              {sources.rows.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('workplace.filter.from')}
            <input type="date" name="from" defaultValue={params.from} />
          </label>
          <label>
            {t('workplace.filter.to')}
            <input type="date" name="to" defaultValue={params.to} />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="closed" value="1" defaultChecked={params.closed === '1'} />
            {t('workplace.filter.closed')}
          </label>
          <button type="submit">{t('workplace.filter.apply')}</button>
        </form>
      </header>
      <KanbanTab params={params} />
    </>
  );
}
