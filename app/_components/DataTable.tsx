import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Page } from '@/lib/catalogs/catalog';
import type { Translate } from '@/lib/i18n/translate';

export type TableColumn<R> = { label: string; cell: (row: R) => ReactNode; numeric?: boolean };

/** A list page's table with its pager; `href(page)` keeps the other query parameters. */
export function DataTable<R extends { id: number | string; archivedAt?: Date | null }>({
  page,
  columns,
  t,
  href,
}: {
  page: Page<R>;
  columns: TableColumn<R>[];
  t: Translate;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <>
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {t('common.empty')}
              </td>
            </tr>
          )}
          {page.rows.map((row) => (
            <tr key={row.id} className={row.archivedAt ? 'archived' : undefined}>
              {columns.map((c) => (
                <td key={c.label} className={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="pages">
        <span>{t('common.total', { total: page.total })}</span>
        {pages > 1 && (
          <>
            {page.page > 1 ? (
              <Link href={href(page.page - 1)}>{t('common.prev')}</Link>
            ) : (
              <span className="muted">{t('common.prev')}</span>
            )}
            <span>{t('common.page', { page: page.page, pages })}</span>
            {page.page < pages ? (
              <Link href={href(page.page + 1)}>{t('common.next')}</Link>
            ) : (
              <span className="muted">{t('common.next')}</span>
            )}
          </>
        )}
      </nav>
    </>
  );
}

/** Query string helper: the current parameters with some replaced (empty values dropped). */
export function withParams(
  path: string,
  current: Record<string, string | undefined>,
  changes: Record<string, string | undefined>,
) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
