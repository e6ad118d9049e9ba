import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable } from '@/app/_components/DataTable';
import { FactList } from '@/app/_components/FactList';
import { ReportHeader, ReportTable } from '@/app/_components/ReportTable';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { kindSection, kindSlugs } from '@/lib/documents/kinds';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatDate, formatQuantity } from '@/lib/i18n/translate';
import { today } from '@/lib/reports/filters';
import { stockAvailabilityTable } from '@/lib/reports/stock-availability';
import { productCard, productMovements } from '@/lib/stock/product-card';
import { idFrom } from '@/lib/validation/fields';

export default async function ProductCardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  await requireUser();
  const { t, locale } = await getTranslator();
  const id = idFrom((await params).id) ?? notFound();
  const page = Number((await searchParams).page) || 1;
  const db = getDb();
  const onDate = today();
  const [card, movements] = await Promise.all([productCard(db, id, onDate), productMovements(db, id, page)]);
  if (!card) notFound();
  const { product } = card;
  const facts: [string, string | null][] = [
    [t('field.sku'), product.sku],
    [t('field.group'), product.group],
    [t('field.unit'), product.unit],
    [t('field.kind'), t(`kind.${product.kind}`)],
    [t('field.vatRate'), t(`vat.${product.vatRate}`)],
    ...Object.entries(product.properties).map(([key, value]): [string, string] => [
      t(`field.property_${key}` as MessageKey),
      t(`property.${key}.${value}` as MessageKey),
    ]),
    [t('field.description'), product.description],
  ];
  return (
    <>
      <ReportHeader
        table={{ title: `${t('productCard.title')}: ${product.name}` }}
        exportHref={null}
        t={t}
        breadcrumb={<Link href="/catalogs/products">{t('catalog.products')}</Link>}
      />
      <div className="card-grid">
        <section className="card">
          <FactList facts={facts} />
          <p className="toolbar" style={{ marginTop: 10, marginBottom: 0 }}>
            <Link href={`/catalogs/products/${id}`}>{t('productCard.edit')}</Link>
          </p>
        </section>
        <section>
          <h2>{t('productCard.prices', { date: formatDate(locale, onDate) })}</h2>
          <ReportTable
            t={t}
            locale={locale}
            table={{
              title: '',
              rows: card.prices,
              columns: [
                { label: t('field.priceType'), kind: 'text', value: (r) => r.priceType },
                { label: t('field.validFrom'), kind: 'text', value: (r) => formatDate(locale, r.validFrom) },
                { label: t('field.price'), kind: 'money', value: (r) => r.price },
              ],
            }}
          />
        </section>
      </div>
      <section className="related">
        <h2>{t('productCard.stock')}</h2>
        <ReportTable table={stockAvailabilityTable(card.stock, t, undefined, true)} t={t} locale={locale} />
      </section>
      <section className="related">
        <h2>{t('productCard.history')}</h2>
        <DataTable
          page={movements}
          t={t}
          href={(p) => `/products/${id}?page=${p}`}
          columns={[
            { label: t('stock.date'), cell: (m) => formatDate(locale, m.period) },
            {
              label: t('stock.document'),
              cell: (m) => (
                <Link href={`/documents/${kindSlugs[m.kind]}/${m.documentId}`}>
                  {t('productCard.documentNumber', { kind: kindSection(m.kind, locale), number: m.number })}
                </Link>
              ),
            },
            { label: t('stock.warehouse'), cell: (m) => m.warehouse },
            {
              label: t('stock.quantity'),
              numeric: true,
              cell: (m) =>
                m.quantity.startsWith('-') ? (
                  <span className="quantity-out">{formatQuantity(locale, m.quantity)}</span>
                ) : (
                  <span className="quantity-in">+{formatQuantity(locale, m.quantity)}</span>
                ),
            },
          ]}
        />
      </section>
    </>
  );
}
