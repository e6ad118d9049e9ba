import Link from 'next/link';
import { DataTable, type TableColumn, withParams } from '@/app/_components/DataTable';
import { requireDocumentUser } from '@/app/_documents/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type DeliveryStatus, deliveryStatuses } from '@/lib/delivery/deliveries';
import { type DeliveryListRow, listDeliveries } from '@/lib/delivery/queries';
import { formatDate, formatQuantity } from '@/lib/i18n/translate';
import '@/app/_delivery/delivery.css';

/** Задания на доставку: latest day first, narrowed by status. */
export default async function DeliveryListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const status = deliveryStatuses.find((s) => s === search.status) as DeliveryStatus | undefined;
  const page = await listDeliveries(getDb(), { page: Number(search.page) || 1, status });
  const columns: TableColumn<DeliveryListRow>[] = [
    { label: '№', cell: (r) => <Link href={`/delivery/${r.id}`}>{r.number}</Link> },
    { label: t('delivery.date'), cell: (r) => formatDate(locale, r.date) },
    {
      label: t('delivery.status'),
      cell: (r) => <span className={`badge delivery-${r.status}`}>{t(`delivery.status.${r.status}`)}</span>,
    },
    { label: t('delivery.driver'), cell: (r) => r.driver },
    { label: t('delivery.vehicle'), cell: (r) => r.vehicle },
    { label: t('delivery.stopsCount'), cell: (r) => r.stops, numeric: true },
    { label: t('delivery.deliveredCount'), cell: (r) => r.delivered, numeric: true },
    { label: t('delivery.weight'), cell: (r) => formatQuantity(locale, r.weight), numeric: true },
    { label: t('delivery.volume'), cell: (r) => formatQuantity(locale, r.volume), numeric: true },
  ];
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.deliveries')}</h1>
        <div className="toolbar">
          <Link className="button primary" href="/delivery/new">
            {t('common.create')}
          </Link>
        </div>
      </header>
      <nav className="delivery-filter" aria-label={t('delivery.status')}>
        {[undefined, ...deliveryStatuses].map((s) => (
          <Link
            key={s ?? 'all'}
            href={withParams('/delivery', search, { status: s ?? '', page: '' })}
            aria-current={s === status ? 'page' : undefined}
          >
            {s ? t(`delivery.status.${s}`) : t('delivery.allStatuses')}
          </Link>
        ))}
      </nav>
      <DataTable
        page={page}
        columns={columns}
        t={t}
        href={(p) => withParams('/delivery', search, { page: String(p) })}
      />
    </>
  );
}
