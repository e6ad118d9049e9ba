import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslator } from '@/app/_server/locale';
import { getReadDb } from '@/db/client';
import type { ReportTable as Table } from '@/lib/export/table-export';
import { exportPath, type ReportName, reportHeading, reportTable } from '@/lib/reports/report-tables';
import { ReportHeader, ReportTable } from './ReportTable';

/** Rows on one screen: a whole warehouse's 20 000 would take long to render; print and files keep all. */
export const SCREEN_ROWS = 500;

/**
 * A report page: its heading, the filter form (`filters`, a GET form so a filtered report is a link),
 * and its table a screen at a time; `?all=1` shows every row, for printing.
 */
export async function ReportView({
  name,
  params,
  path,
  filters,
}: {
  name: ReportName;
  params: URLSearchParams;
  path: string;
  filters: ReactNode;
}) {
  const { t, locale } = await getTranslator();
  const db = await getReadDb();
  const [table, heading] = await Promise.all([
    reportTable(name, db, params, t, locale) as Promise<Table<unknown>>,
    reportHeading(db, t, locale),
  ]);
  const all = params.get('all') === '1' || table.rows.length <= SCREEN_ROWS;
  const pages = Math.ceil(table.rows.length / SCREEN_ROWS);
  const page = all ? 1 : Math.min(pages, Math.max(1, Math.floor(Number(params.get('page')) || 1)));
  const rows = all ? table.rows : table.rows.slice((page - 1) * SCREEN_ROWS, page * SCREEN_ROWS);
  const link = (changes: Record<string, string>) => {
    const query = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) query.set(k, v);
    return `${path}?${query}`;
  };
  return (
    <>
      <ReportHeader
        table={table}
        heading={heading}
        exportHref={(format) => exportPath(name, params, format)}
        printAll={all ? undefined : link({ all: '1' })}
        t={t}
      />
      {table.notice && (
        <p
          className={table.notice.alert ? 'report-notice negative' : 'report-notice'}
          role={table.notice.alert ? 'alert' : 'status'}
        >
          {table.notice.text}
        </p>
      )}
      {filters}
      <ReportTable table={table} rows={rows} t={t} locale={locale} />
      {!all && (
        <nav className="pager no-print" aria-label={t('report.page', { from: '', to: '', total: '' })}>
          <span>
            {t('report.page', {
              from: (page - 1) * SCREEN_ROWS + 1,
              to: (page - 1) * SCREEN_ROWS + rows.length,
              total: table.rows.length,
            })}
          </span>
          {page > 1 && <Link href={link({ page: String(page - 1) })}>{t('report.previous')}</Link>}
          {page < pages && <Link href={link({ page: String(page + 1) })}>{t('report.next')}</Link>}
        </nav>
      )}
    </>
  );
}
