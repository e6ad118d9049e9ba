import Link from 'next/link';
import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { grossProfitVariants, parseGrossProfitFilters } from '@/lib/reports/gross-profit';
import { listStaff } from '@/lib/users/users';

/** Валовая прибыль предприятия, by manager, client, product, product group or month; rows drill down. */
export default async function GrossProfitPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseGrossProfitFilters(params);
  const narrowed = f.partnerId || f.productId || f.groupId;
  return (
    <ReportView
      name="gross-profit"
      params={params}
      path="/reports/gross-profit"
      filters={
        <PeriodFilters
          action="/reports/gross-profit"
          values={params}
          t={t}
          period={f}
          managers={await listStaff(getDb())}
          keep={['partner', 'product', 'group']}
        >
          <label>
            <span>{t('report.variant')}</span>
            <select name="variant" defaultValue={f.variant}>
              {grossProfitVariants.map((v) => (
                <option key={v} value={v}>
                  {t(`grossProfit.variant.${v}`)}
                </option>
              ))}
            </select>
          </label>
          {narrowed && (
            <Link
              href={`/reports/gross-profit?${new URLSearchParams({ from: f.from, to: f.to, variant: f.variant })}`}
            >
              {t('report.clearFilters')}
            </Link>
          )}
        </PeriodFilters>
      }
    />
  );
}
