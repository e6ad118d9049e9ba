import { ReportFilters } from '@/app/_components/ReportFilters';
import { ReportHeader, ReportTable } from '@/app/_components/ReportTable';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { filterOptions, type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parsePriceListFilters } from '@/lib/reports/price-list';
import { exportPath, reportTable } from '@/lib/reports/report-tables';

export default async function PriceListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t, locale } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const filters = parsePriceListFilters(params);
  const db = getDb();
  const [table, options] = await Promise.all([
    reportTable('price-list', db, params, t, locale),
    filterOptions(db),
  ]);
  // With no price type chosen the list shows the sale ones; tick those so the form says so.
  const chosen = (id: number, purpose?: string) =>
    filters.priceTypeIds.length > 0 ? filters.priceTypeIds.includes(id) : purpose === 'sale';
  return (
    <>
      <ReportHeader table={table} exportHref={(format) => exportPath('price-list', params, format)} t={t} />
      <ReportFilters action="/price-list" values={params} {...options} t={t}>
        <fieldset>
          <legend>{t('report.priceTypes')}</legend>
          {options.priceTypes.map((pt) => (
            <label key={pt.id} className="check">
              <input type="checkbox" name="pt" value={pt.id} defaultChecked={chosen(pt.id, pt.purpose)} />
              {pt.name}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" name="stock" value="1" defaultChecked={filters.inStock} />
          {t('report.inStock')}
        </label>
      </ReportFilters>
      <ReportTable table={table} t={t} locale={locale} />
    </>
  );
}
