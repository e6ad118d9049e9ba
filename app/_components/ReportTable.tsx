import Link from 'next/link';
import type { ReactNode } from 'react';
import { type ReportTable as Table, totalsOf } from '@/lib/export/table-export';
import { formatMoney, formatQuantity, type Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { PrintButton } from './PrintButton';
import './report.css';

/** Title, filters in words, and the actions: print and download in the formats of lib/export. */
export function ReportHeader({
  table,
  exportHref,
  t,
  breadcrumb,
}: {
  table: Pick<Table<unknown>, 'title' | 'caption'>;
  /** The same query as the page, for the file; null when the page has nothing to download. */
  exportHref: ((format: 'xlsx' | 'csv') => string) | null;
  t: Translate;
  breadcrumb?: ReactNode;
}) {
  return (
    <header className="page-header report-header">
      <div>
        {breadcrumb && <p className="breadcrumb">{breadcrumb}</p>}
        <h1>{table.title}</h1>
        {table.caption && <p className="report-caption">{table.caption}</p>}
      </div>
      <div className="toolbar">
        {exportHref && (
          <>
            <span className="muted">{t('report.download')}:</span>
            <a className="button" href={exportHref('xlsx')} download>
              {t('report.xlsx')}
            </a>
            <a className="button" href={exportHref('csv')} download>
              {t('report.csv')}
            </a>
          </>
        )}
        <PrintButton label={t('common.print')} />
      </div>
    </header>
  );
}

/** A report table as on screen and on paper: numbers formatted for the locale, totals at the foot. */
export function ReportTable<R>({ table, t, locale }: { table: Table<R>; t: Translate; locale: Locale }) {
  const show = (value: string | null, kind: Table<R>['columns'][number]['kind']) =>
    kind === 'money'
      ? formatMoney(locale, value)
      : kind === 'quantity'
        ? formatQuantity(locale, value)
        : value;
  const totals = totalsOf(table);
  return (
    <table className="data-table report-table">
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c.label} className={c.kind === 'text' ? undefined : 'num'}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 && (
          <tr>
            <td colSpan={table.columns.length} className="empty">
              {t('common.empty')}
            </td>
          </tr>
        )}
        {table.rows.map((row, i) => (
          // Rows are a read-only snapshot in a fixed order: the position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={i}>
            {table.columns.map((c) => {
              const text = show(c.value(row), c.kind);
              const href = c.link?.(row);
              return (
                <td key={c.label} className={c.kind === 'text' ? undefined : 'num'}>
                  {href ? <Link href={href}>{text}</Link> : text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {totals && table.rows.length > 0 && (
        <tfoot>
          <tr>
            {table.columns.map((c, i) => (
              <td key={c.label} className={c.kind === 'text' ? undefined : 'num'}>
                {show(totals[i] ?? null, i === 0 ? 'text' : c.kind)}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
