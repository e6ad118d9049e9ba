import { ReportFilters } from '@/app/_components/ReportFilters';
import { ReportHeader, ReportTable } from '@/app/_components/ReportTable';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { filterOptions, type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { exportPath, reportTable } from '@/lib/reports/report-tables';

export default async function StockAvailabilityPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const { t, locale } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const db = getDb();
  const [table, options] = await Promise.all([
    reportTable('stock-availability', db, params, t, locale),
    filterOptions(db),
  ]);
  return (
    <>
      <ReportHeader
        table={table}
        exportHref={(format) => exportPath('stock-availability', params, format)}
        t={t}
      />
      <ReportFilters action="/reports/stock-availability" values={params} {...options} t={t} />
      <ReportTable table={table} t={t} locale={locale} />
    </>
  );
}
