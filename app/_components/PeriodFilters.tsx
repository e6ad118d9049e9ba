import type { ReactNode } from 'react';
import { DateInput } from '@/app/_components/DateInput';
import type { Translate } from '@/lib/i18n/translate';

type Option = { id: number; name: string };

/**
 * The filter bar of the CRM, sales and finance reports: a GET form (a filtered report is a link, its
 * download the same query). A period when the report has one, a manager when it can be narrowed to
 * one, `children` for what else it takes; `keep` carries drill-down filters along (a client, a group).
 */
export function PeriodFilters({
  action,
  values,
  t,
  period,
  managers,
  keep = [],
  children,
}: {
  action: string;
  values: URLSearchParams;
  t: Translate;
  period?: { from: string; to: string };
  managers?: Option[];
  keep?: string[];
  children?: ReactNode;
}) {
  return (
    <form className="report-filters" action={action}>
      {period && (
        <>
          <label>
            <span>{t('report.from')}</span>
            <DateInput kind="date" name="from" defaultValue={period.from} required />
          </label>
          <label>
            <span>{t('report.to')}</span>
            <DateInput kind="date" name="to" defaultValue={period.to} required />
          </label>
        </>
      )}
      {managers && (
        <label>
          <span>{t('report.manager')}</span>
          <select name="manager" defaultValue={values.get('manager') ?? ''}>
            <option value="">{t('report.allManagers')}</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {children}
      {keep.map((name) => {
        const value = values.get(name);
        return value ? <input key={name} type="hidden" name={name} value={value} /> : null;
      })}
      <button type="submit" className="primary">
        {t('report.apply')}
      </button>
    </form>
  );
}
