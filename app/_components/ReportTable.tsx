import Link from 'next/link';
import type { ReactNode } from 'react';
import { type ExportFormat, type ReportTable as Table, totalsOf } from '@/lib/export/table-export';
import type { ReportHeading } from '@/lib/export/table-pdf';
import { formatMoney, formatPercent, formatQuantity, type Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { PrintButton } from './PrintButton';
import './report.css';

/**
 * Title, filters in words, and the actions: print and download in the formats of lib/export. With a
 * heading, the organization and the moment of printing show above the title (on paper too).
 */
export function ReportHeader({
  table,
  exportHref,
  t,
  breadcrumb,
  heading,
  printAll,
}: {
  table: Pick<Table<unknown>, 'title' | 'caption'>;
  /** The same query as the page, for the file; null when the page has nothing to download. */
  exportHref: ((format: ExportFormat) => string) | null;
  t: Translate;
  breadcrumb?: ReactNode;
  heading?: ReportHeading;
  /** A paged report prints from the page with all its rows. */
  printAll?: string;
}) {
  return (
    <header className="page-header report-header">
      <div>
        {breadcrumb && <p className="breadcrumb">{breadcrumb}</p>}
        {heading?.organization && <p className="report-organization">{heading.organization}</p>}
        <h1>{table.title}</h1>
        {table.caption && <p className="report-caption">{table.caption}</p>}
        {heading && <p className="report-printed print-only">{heading.printed}</p>}
      </div>
      <div className="toolbar">
        {exportHref && (
          <>
            <span className="muted">{t('report.download')}:</span>
            <a className="button" href={exportHref('pdf')} download>
              {t('report.pdf')}
            </a>
            <a className="button" href={exportHref('xlsx')} download>
              {t('report.xlsx')}
            </a>
            <a className="button" href={exportHref('csv')} download>
              {t('report.csv')}
            </a>
          </>
        )}
        {printAll ? (
          <a className="button" href={printAll}>
            {t('common.print')}
          </a>
        ) : (
          <PrintButton label={t('common.print')} />
        )}
      </div>
    </header>
  );
}

/**
 * A report table as on screen and on paper: numbers formatted for the locale, group rows bold with
 * their rows indented under them, totals at the foot. `rows` shows a page of the table's rows (the
 * totals stay those of all of them).
 */
export function ReportTable<R>({
  table,
  t,
  locale,
  rows = table.rows,
}: {
  table: Table<R>;
  t: Translate;
  locale: Locale;
  rows?: R[];
}) {
  const show = (value: string | null, kind: Table<R>['columns'][number]['kind']) =>
    kind === 'money'
      ? formatMoney(locale, value)
      : kind === 'quantity'
        ? formatQuantity(locale, value)
        : kind === 'percent'
          ? formatPercent(locale, value)
          : value;
  const totals = totalsOf(table);
  return (
    // A wide report scrolls inside its own box on a narrow screen, not the page.
    <div className="report-scroll">
      <table className={`data-table report-table${table.columns.length > 6 ? ' wide' : ''}`}>
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
          {rows.map((row, i) => (
            // Rows are a read-only snapshot in a fixed order: the position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={i} className={table.rowLevel ? `level-${table.rowLevel(row)}` : undefined}>
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
    </div>
  );
}
