import Link from 'next/link';
import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { parseSettlementFilters } from '@/lib/reports/client-settlements';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';

/** Ведомость расчетов с клиентами: per client; a client's row opens its orders. */
export default async function ClientSettlementsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseSettlementFilters(params);
  return (
    <ReportView
      name="client-settlements"
      params={params}
      path="/reports/client-settlements"
      filters={
        <PeriodFilters
          action="/reports/client-settlements"
          values={params}
          t={t}
          period={f}
          keep={['partner']}
        >
          {f.partnerId && (
            <Link href={`/reports/client-settlements?${new URLSearchParams({ from: f.from, to: f.to })}`}>
              {t('report.allPartners')}
            </Link>
          )}
        </PeriodFilters>
      }
    />
  );
}
