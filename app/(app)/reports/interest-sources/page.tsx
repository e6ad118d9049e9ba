import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parseSourceFilters } from '@/lib/reports/interest-reports';
import { listStaff } from '@/lib/users/users';

/** Анализ источников первичного интереса. */
export default async function InterestSourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseSourceFilters(params);
  return (
    <ReportView
      name="interest-sources"
      params={params}
      path="/reports/interest-sources"
      filters={
        <PeriodFilters
          action="/reports/interest-sources"
          values={params}
          t={t}
          period={f}
          managers={await listStaff(getDb())}
        />
      }
    />
  );
}
