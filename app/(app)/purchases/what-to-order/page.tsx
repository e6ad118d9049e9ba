import { ReportFilters } from '@/app/_components/ReportFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireDocumentUser } from '@/app/_documents/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { errorText } from '@/lib/i18n/translate';
import { filterOptions, type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { draftOrdersAction } from './actions';

/** Что заказать: products below their minimum stock, and the button that drafts the supplier orders. */
export default async function WhatToOrderPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireDocumentUser();
  const { t, locale } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const created = params.get('created');
  const refused = params.get('refused');
  return (
    <>
      {created !== null && (
        <p className="notice" role="status">
          {t('whatToOrder.created', { count: Number(created) || 0 })}{' '}
          <a href="/documents/supplier-orders">{t('nav.supplierOrders')}</a>
        </p>
      )}
      {refused && (
        <p className="form-error" role="alert">
          {/* The code only: a detail typed into the address is not shown. */}
          {errorText(t, refused.replace(/:.*/s, '').slice(0, 100), locale)}
        </p>
      )}
      <ReportView
        name="what-to-order"
        params={params}
        path="/purchases/what-to-order"
        filters={
          <>
            <p className="muted no-print">{t('whatToOrder.hint')}</p>
            <ReportFilters
              action="/purchases/what-to-order"
              values={params}
              {...(await filterOptions(getDb()))}
              t={t}
            />
            <form action={draftOrdersAction} className="no-print">
              {['warehouse', 'group', 'q'].map((name) => (
                <input key={name} type="hidden" name={name} value={params.get(name) ?? ''} />
              ))}
              <button type="submit">{t('whatToOrder.create')}</button>{' '}
              <span className="muted">{t('whatToOrder.noSupplierNote')}</span>
            </form>
          </>
        }
      />
    </>
  );
}
