import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parseLossFilters } from '@/lib/reports/interest-reports';
import { listStaff } from '@/lib/users/users';

/** Причины потери интересов. */
export default async function LossReasonsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseLossFilters(params);
  return (
    <ReportView
      name="loss-reasons"
      params={params}
      path="/reports/loss-reasons"
      filters={
        <PeriodFilters
          action="/reports/loss-reasons"
          values={params}
          t={t}
          period={f}
          managers={await listStaff(getDb())}
        />
      }
    />
  );
}
