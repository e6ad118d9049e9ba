import { ReportFilters } from '@/app/_components/ReportFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { filterOptions, type SearchParams, toSearchParams } from '@/lib/reports/filters';

export default async function StockAvailabilityPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  return (
    <ReportView
      name="stock-availability"
      params={params}
      path="/reports/stock-availability"
      filters={
        <ReportFilters
          action="/reports/stock-availability"
          values={params}
          {...(await filterOptions(getDb()))}
          t={t}
        />
      }
    />
  );
}
