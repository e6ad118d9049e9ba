import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { parseCashBalanceFilters } from '@/lib/reports/cash-balances';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';

/** Остатки денежных средств: per bank account and cash desk over a period. */
export default async function CashBalancesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  return (
    <ReportView
      name="cash-balances"
      params={params}
      path="/reports/cash-balances"
      filters={
        <PeriodFilters
          action="/reports/cash-balances"
          values={params}
          t={t}
          period={parseCashBalanceFilters(params)}
        />
      }
    />
  );
}
