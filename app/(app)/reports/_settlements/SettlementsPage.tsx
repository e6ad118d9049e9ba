import Link from 'next/link';
import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parseSettlementFilters, type SettlementSide } from '@/lib/reports/settlements';

/**
 * Ведомость расчетов с клиентами (с поставщиками): per partner; a partner's row opens its orders.
 * One page for both sides: the report of each is `<side>-settlements`.
 */
export async function SettlementsPage({
  side,
  searchParams,
}: {
  side: SettlementSide;
  searchParams: Promise<SearchParams>;
}) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseSettlementFilters(params);
  const name = `${side}-settlements` as const;
  const path = `/reports/${name}`;
  return (
    <ReportView
      name={name}
      params={params}
      path={path}
      filters={
        <PeriodFilters action={path} values={params} t={t} period={f} keep={['partner']}>
          {f.partnerId && (
            <Link href={`${path}?${new URLSearchParams({ from: f.from, to: f.to })}`}>
              {t(side === 'supplier' ? 'report.allSuppliers' : 'report.allPartners')}
            </Link>
          )}
        </PeriodFilters>
      }
    />
  );
}
