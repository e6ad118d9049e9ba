import Link from 'next/link';
import type { Translate } from '@/lib/i18n/translate';
import { withParams } from './DataTable';

/**
 * The toolbar of every list page: "Создать", a search box that keeps the list's other parameters,
 * and (when given) the switch between the active list and its archive.
 */
export function ListToolbar({
  path,
  search,
  t,
  createHref,
  keep = {},
  archiveLabel,
}: {
  path: string;
  search: Record<string, string | undefined>;
  t: Translate;
  createHref?: string;
  /** Parameters the search must keep (e.g. the partner whose contacts are listed). */
  keep?: Record<string, string | undefined>;
  /** The archive link's text; no link when absent. */
  archiveLabel?: string;
}) {
  const archived = search.archived === '1';
  const hidden = { ...keep, archived: archived ? '1' : undefined };
  return (
    <div className="toolbar">
      {createHref && (
        <Link className="button primary" href={createHref}>
          {t('common.create')}
        </Link>
      )}
      <form className="search" action={path}>
        {Object.entries(hidden).map(([name, value]) =>
          value ? <input key={name} type="hidden" name={name} value={value} /> : null,
        )}
        <input
          type="search"
          name="q"
          defaultValue={search.q}
          placeholder={t('common.searchPlaceholder')}
          aria-label={t('common.search')}
        />
        <button type="submit">{t('common.search')}</button>
      </form>
      {archiveLabel && (
        <Link href={withParams(path, search, { archived: archived ? undefined : '1', page: undefined })}>
          {archived ? t('common.showActive') : archiveLabel}
        </Link>
      )}
    </div>
  );
}
