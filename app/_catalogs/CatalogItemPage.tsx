import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable, withParams } from '@/app/_components/DataTable';
import { EntityForm } from '@/app/_components/EntityForm';
import type { FormValues } from '@/app/_components/types';
import { canEdit, requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { saveCatalogItem, setCatalogItemArchived } from '@/app/(app)/catalogs/actions';
import { getDb } from '@/db/client';
import { NotFoundError } from '@/lib/catalogs/catalog';
import { lookups } from '@/lib/catalogs/lookup';
import type { MessageKey } from '@/lib/i18n/messages';
import { idFrom } from '@/lib/validation/fields';
import { catalogUi } from './registry';

/** Create (id = null) or view/edit one catalog item, with the lists that belong to it below. */
export async function CatalogItemPage({
  slug,
  id,
  search,
}: {
  slug: string;
  id: number | null;
  search: Record<string, string | undefined>;
}) {
  const ui = catalogUi(slug) ?? notFound();
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const db = getDb();
  const editable = canEdit(user, ui.catalog.spec.editRoles);
  if (id === null && !editable) notFound();

  const row = id === null ? null : await loadRow(ui.catalog.get, id);
  const values: FormValues = row
    ? ui.catalog.toForm(row as never)
    : {
        ...ui.defaults?.(user),
        ...(ui.parent && search[ui.parent.param] ? { [ui.parent.field]: search[ui.parent.param] } : {}),
      };
  const fields = await ui.fields({ db, t, locale });
  // A new item takes defaults from query parameters named like its fields, e.g. a partner created
  // from an unknown caller gets ?phone=…; the save validates them like anything typed.
  if (id === null) {
    for (const field of fields) if (search[field.name]) values[field.name] = search[field.name];
  }
  for (const field of fields) {
    const value = values[field.name];
    const valueId = idFrom(value);
    if (field.lookup && valueId) {
      field.lookupLabel = (await lookups[field.lookup].label(db, valueId)) ?? '';
    }
  }
  const title = row ? (row.name ?? row.accountNumber ?? `#${id}`) : t('common.new');
  const children = id === null ? [] : (ui.children ?? []).map((childSlug) => catalogUi(childSlug)!);
  return (
    <>
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href={`/catalogs/${slug}`}>{t(`catalog.${slug}` as MessageKey)}</Link>
          </p>
          <h1>
            {t(`catalog.${slug}.one` as MessageKey)}: {title}
            {row?.archivedAt && <span className="badge">{t('common.archived')}</span>}
          </h1>
        </div>
        <div className="toolbar">
          {row && ui.cardHref && (
            <Link className="button" href={ui.cardHref(id!)}>
              {t('card.open')}
            </Link>
          )}
          {row &&
            ui.itemLinks?.(id!).map((link) => (
              <Link key={link.href} className="button" href={link.href}>
                {t(link.label)}
              </Link>
            ))}
          {row && editable && (
            <form action={setCatalogItemArchived.bind(null, slug, id!, !row.archivedAt)}>
              <button type="submit">{row.archivedAt ? t('common.restore') : t('common.archive')}</button>
            </form>
          )}
        </div>
      </header>
      {search.saved && (
        <p className="notice" role="status">
          {t('common.saved')}
        </p>
      )}
      <EntityForm
        action={saveCatalogItem.bind(null, slug, id)}
        fields={fields}
        values={values}
        submitLabel={t('common.save')}
        chooseLabel={t('common.choose')}
        lookupHint={t('common.lookupHint')}
        readOnly={!editable}
      />
      {children.map(async (child) => {
        const param = child.parent!.param;
        const page = await child.list(db, { parentId: id! });
        return (
          <section key={child.slug} className="related">
            <header className="page-header">
              <h2>{t(`catalog.${child.slug}` as MessageKey)}</h2>
              {canEdit(user, child.catalog.spec.editRoles) && (
                <Link
                  className="button"
                  href={withParams(`/catalogs/${child.slug}/new`, {}, { [param]: String(id) })}
                >
                  {t('common.create')}
                </Link>
              )}
            </header>
            <DataTable
              page={page}
              columns={child.columns({ t, locale })}
              t={t}
              href={(p) =>
                withParams(`/catalogs/${child.slug}`, { [param]: String(id) }, { page: String(p) })
              }
            />
          </section>
        );
      })}
      {id !== null && ui.sections?.(id, { db, t, locale })}
    </>
  );
}

type ItemRow = { archivedAt: Date | null; name?: string; accountNumber?: string };

async function loadRow(get: (db: ReturnType<typeof getDb>, id: number) => Promise<unknown>, id: number) {
  try {
    return (await get(getDb(), id)) as ItemRow;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
