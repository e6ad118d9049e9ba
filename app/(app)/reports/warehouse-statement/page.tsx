import { DateInput } from '@/app/_components/DateInput';
import { ReportFilters } from '@/app/_components/ReportFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { filterOptions, type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parseStatementFilters } from '@/lib/reports/warehouse-statement';

export default async function WarehouseStatementPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const period = parseStatementFilters(params);
  return (
    <ReportView
      name="warehouse-statement"
      params={params}
      path="/reports/warehouse-statement"
      filters={
        <ReportFilters
          action="/reports/warehouse-statement"
          values={params}
          {...(await filterOptions(getDb()))}
          t={t}
          leading={
            <>
              <label>
                <span>{t('report.from')}</span>
                <DateInput kind="date" name="from" defaultValue={period.from} required />
              </label>
              <label>
                <span>{t('report.to')}</span>
                <DateInput kind="date" name="to" defaultValue={period.to} required />
              </label>
            </>
          }
        />
      }
    />
  );
}
