import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable, type TableColumn, withParams } from '@/app/_components/DataTable';
import { ListToolbar } from '@/app/_components/ListToolbar';
import { StatusBadge } from '@/app/_documents/DocumentHeading';
import { requireDocumentUser } from '@/app/_documents/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { kindBySlug, kindSection } from '@/lib/documents/kinds';
import { kindModule } from '@/lib/documents/kinds/registry';
import { listDocuments } from '@/lib/documents/queries';
import { formatDateTime } from '@/lib/i18n/formats';
import { formatMoney } from '@/lib/i18n/translate';

type Search = Record<string, string | undefined>;
type Row = Awaited<ReturnType<typeof listDocuments>>['rows'][number] & { archivedAt: Date | null };

/** The journal of one document kind: newest first, search, paging, and those marked for deletion apart. */
export default async function DocumentListPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string }>;
  searchParams: Promise<Search>;
}) {
  const { kind: slug } = await params;
  const kind = kindBySlug(slug) ?? notFound();
  await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const archived = search.archived === '1';
  const page = await listDocuments(getDb(), kind, { q: search.q, page: Number(search.page) || 1, archived });
  // DataTable greys out archived rows: for documents that is the deletion mark.
  const rows: Row[] = page.rows.map((r) => ({ ...r, archivedAt: r.status === 'deleted' ? r.date : null }));
  const { rules, fields } = kindModule(kind);
  const path = `/documents/${slug}`;
  const columns: TableColumn<Row>[] = [
    { label: t('documents.field.number'), cell: (r) => <Link href={`${path}/${r.id}`}>{r.number}</Link> },
    { label: t('documents.field.date'), cell: (r) => formatDateTime(locale, r.date) },
    // An offer is never posted: where it stands with the client is its status.
    rules.posts
      ? { label: t('documents.field.status'), cell: (r) => <StatusBadge status={r.status} t={t} /> }
      : {
          label: t('sales.field.offerStatus'),
          cell: (r) =>
            r.status === 'deleted' ? (
              <StatusBadge status={r.status} t={t} />
            ) : (
              t(`sales.offerStatus.${r.offerStatus ?? 'draft'}`)
            ),
        },
    ...(fields.includes('orderStatus')
      ? [
          {
            label: t('sales.field.orderStatus'),
            cell: (r: Row) => r.orderStatus && t(`sales.orderStatus.${r.orderStatus}`),
          },
        ]
      : []),
    ...(rules.partner
      ? [
          {
            label: t(
              rules.partner === 'client'
                ? 'sales.field.client'
                : rules.partner === 'any'
                  ? 'treasury.field.counterparty'
                  : 'documents.field.supplier',
            ),
            cell: (r: Row) => r.partner,
          },
        ]
      : []),
    ...(rules.warehouse
      ? [
          {
            label: t(rules.warehouseTo ? 'documents.field.warehouseFrom' : 'documents.field.warehouse'),
            cell: (r: Row) => r.warehouse,
          },
        ]
      : []),
    ...(rules.warehouseTo
      ? [{ label: t('documents.field.warehouseTo'), cell: (r: Row) => r.warehouseTo }]
      : []),
    ...(rules.price || !rules.lines
      ? [
          {
            label: t('documents.field.amount'),
            cell: (r: Row) => formatMoney(locale, r.amount),
            numeric: true,
          },
        ]
      : []),
    { label: t('field.comment'), cell: (r) => r.comment },
    { label: t('documents.field.author'), cell: (r) => r.author },
  ];
  return (
    <>
      <header className="page-header">
        <h1>
          {kindSection(kind, locale)}
          {archived && <span className="badge">{t('documents.showDeleted')}</span>}
        </h1>
        <ListToolbar
          path={path}
          search={search}
          t={t}
          createHref={`${path}/new`}
          archiveLabel={t('documents.showDeleted')}
        />
      </header>
      <DataTable
        page={{ ...page, rows }}
        columns={columns}
        t={t}
        href={(p) => withParams(path, search, { page: String(p) })}
      />
    </>
  );
}
