import type { ReactNode } from 'react';
import type { Translate } from '@/lib/i18n/translate';

type Option = { id: number; name: string };

/**
 * The filter bar of a stock report: a GET form, so a filtered report is a link that can be shared
 * and the download uses the same query. `leading` (a period) goes before the common fields, `children`
 * (price types, "in stock") after them.
 */
export function ReportFilters({
  action,
  values,
  warehouses,
  groups,
  t,
  leading,
  children,
}: {
  action: string;
  values: URLSearchParams;
  warehouses: Option[];
  groups: Option[];
  t: Translate;
  leading?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <form className="report-filters" action={action}>
      {leading}
      <label>
        <span>{t('stock.warehouse')}</span>
        <select name="warehouse" defaultValue={values.get('warehouse') ?? ''}>
          <option value="">{t('report.allWarehouses')}</option>
          {warehouses.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('field.group')}</span>
        <select name="group" defaultValue={values.get('group') ?? ''}>
          <option value="">{t('report.allGroups')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('common.search')}</span>
        <input
          type="search"
          name="q"
          defaultValue={values.get('q') ?? ''}
          placeholder={t('common.searchPlaceholder')}
        />
      </label>
      {children}
      <button type="submit" className="primary">
        {t('report.apply')}
      </button>
    </form>
  );
}
