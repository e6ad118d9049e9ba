import { ReportFilters } from '@/app/_components/ReportFilters';
import { ReportHeader, ReportTable } from '@/app/_components/ReportTable';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { filterOptions, type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { exportPath, reportTable } from '@/lib/reports/report-tables';
import { parseStatementFilters } from '@/lib/reports/warehouse-statement';

export default async function WarehouseStatementPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const { t, locale } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const period = parseStatementFilters(params);
  const db = getDb();
  const [table, options] = await Promise.all([
    reportTable('warehouse-statement', db, params, t, locale),
    filterOptions(db),
  ]);
  return (
    <>
      <ReportHeader
        table={table}
        exportHref={(format) => exportPath('warehouse-statement', params, format)}
        t={t}
      />
      <ReportFilters
        action="/reports/warehouse-statement"
        values={params}
        {...options}
        t={t}
        leading={
          <>
            <label>
              <span>{t('report.from')}</span>
              <input type="date" name="from" defaultValue={period.from} required />
            </label>
            <label>
              <span>{t('report.to')}</span>
              <input type="date" name="to" defaultValue={period.to} required />
            </label>
          </>
        }
      />
      <ReportTable table={table} t={t} locale={locale} />
    </>
  );
}
