import type { ReactNode } from 'react';
import { DateInput } from '@/app/_components/DateInput';
import { getDb } from '@/db/client';
import { changesEverything } from '@/lib/access/rules';
import { listInterestSources } from '@/lib/catalogs/simple';
import type { Translate } from '@/lib/i18n/translate';
import { listStaff, type SessionUser } from '@/lib/users/users';
import type { kanbanQuery, Search } from './frames';

/**
 * A filter bar: a plain GET form back to its page (a full load, so the frames below start from the new
 * query), carrying what it does not change — the workplace tab, the calendar's view and day.
 */
function FilterForm({
  path,
  keep,
  t,
  children,
}: {
  path: string;
  keep: Search;
  t: Translate;
  children: ReactNode;
}) {
  return (
    <form className="toolbar inline-form workplace-filters" action={path}>
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      {children}
      <button type="submit">{t('workplace.filter.apply')}</button>
    </form>
  );
}

/** Mine, another manager's, or (leaders and admins) everyone's. */
async function ResponsibleSelect({ user, value, t }: { user: SessionUser; value: string; t: Translate }) {
  const others = (await listStaff(getDb())).filter((s) => s.id !== user.id && s.role === 'manager');
  return (
    <label>
      {t('workplace.filter.responsible')}
      <select name="responsible" defaultValue={value}>
        <option value={user.id}>{t('workplace.filter.mine')}</option>
        {others.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
        {changesEverything(user) && <option value="all">{t('workplace.filter.all')}</option>}
      </select>
    </label>
  );
}

/** The kanban's filters: responsible, source, created between, and the closed columns. */
export async function KanbanFilters({
  path,
  keep,
  params,
  user,
  t,
}: {
  path: string;
  keep: Search;
  params: ReturnType<typeof kanbanQuery>['params'];
  user: SessionUser;
  t: Translate;
}) {
  const sources = await listInterestSources(getDb(), {});
  return (
    <FilterForm path={path} keep={keep} t={t}>
      <ResponsibleSelect user={user} value={params.responsible} t={t} />
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
        <DateInput kind="date" name="from" defaultValue={params.from} />
      </label>
      <label>
        {t('workplace.filter.to')}
        <DateInput kind="date" name="to" defaultValue={params.to} />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="closed" value="1" defaultChecked={params.closed === '1'} />
        {t('workplace.filter.closed')}
      </label>
    </FilterForm>
  );
}

/** Whose tasks: only leaders and admins choose (a manager's list is their own). */
export function TasksFilter({
  path,
  keep,
  responsible,
  user,
  t,
}: {
  path: string;
  keep: Search;
  responsible: string;
  user: SessionUser;
  t: Translate;
}) {
  if (!changesEverything(user)) return null;
  return (
    <FilterForm path={path} keep={keep} t={t}>
      <ResponsibleSelect user={user} value={responsible} t={t} />
    </FilterForm>
  );
}
