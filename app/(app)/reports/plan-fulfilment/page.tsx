import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parsePlanFilters } from '@/lib/reports/plan-fulfilment';
import { listStaff } from '@/lib/users/users';

/** Выполнение плана продаж. */
export default async function PlanFulfilmentPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parsePlanFilters(params);
  return (
    <ReportView
      name="plan-fulfilment"
      params={params}
      path="/reports/plan-fulfilment"
      filters={
        <PeriodFilters
          action="/reports/plan-fulfilment"
          values={params}
          t={t}
          period={f}
          managers={await listStaff(getDb())}
        />
      }
    />
  );
}
