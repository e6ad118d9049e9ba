import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parseControlFilters } from '@/lib/reports/interest-reports';
import { listStaff } from '@/lib/users/users';

/** Контроль руководителя — интересы клиентов. */
export default async function ManagerControlPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseControlFilters(params);
  return (
    <ReportView
      name="manager-control"
      params={params}
      path="/reports/manager-control"
      filters={
        <PeriodFilters
          action="/reports/manager-control"
          values={params}
          t={t}
          managers={await listStaff(getDb())}
        >
          <label>
            <span>{t('control.stalledDays')}</span>
            <input type="number" name="stalled" min={1} max={3650} defaultValue={f.stalledDays} />
          </label>
        </PeriodFilters>
      }
    />
  );
}
