import Link from 'next/link';
import { notFound } from 'next/navigation';
import { catalogUi } from '@/app/_catalogs/registry';
import { DataTable, withParams } from '@/app/_components/DataTable';
import { ListToolbar } from '@/app/_components/ListToolbar';
import { canEdit, requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import type { MessageKey } from '@/lib/i18n/messages';
import { idFrom } from '@/lib/validation/fields';

type Search = Record<string, string | undefined>;

export default async function CatalogListPage({
  params,
  searchParams,
}: {
  params: Promise<{ catalog: string }>;
  searchParams: Promise<Search>;
}) {
  const { catalog } = await params;
  const ui = catalogUi(catalog) ?? notFound();
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const archived = search.archived === '1';
  const parentId = (ui.parent && idFrom(search[ui.parent.param])) || undefined;
  const page = await ui.list(getDb(), { q: search.q, page: Number(search.page) || 1, archived, parentId });
  const path = `/catalogs/${catalog}`;
  const title = t(`catalog.${catalog}` as MessageKey);
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        <ListToolbar
          path={path}
          search={search}
          t={t}
          createHref={
            canEdit(user, ui.catalog.spec.editRoles)
              ? withParams(`${path}/new`, {}, ui.parent ? { [ui.parent.param]: search[ui.parent.param] } : {})
              : undefined
          }
          keep={ui.parent ? { [ui.parent.param]: search[ui.parent.param] } : {}}
          archiveLabel={t('common.showArchived')}
        />
      </header>
      <DataTable
        page={page}
        columns={[
          ...ui.columns({ t, locale }),
          ...(ui.cardHref
            ? [
                {
                  label: t('card.column'),
                  cell: (r: { id: number }) => <Link href={ui.cardHref!(r.id)}>{t('card.open')}</Link>,
                },
              ]
            : []),
        ]}
        t={t}
        href={(p) => withParams(path, search, { page: String(p) })}
      />
    </>
  );
}
