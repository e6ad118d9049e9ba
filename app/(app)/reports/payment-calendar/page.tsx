import { PeriodFilters } from '@/app/_components/PeriodFilters';
import { ReportView } from '@/app/_components/ReportView';
import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { type SearchParams, toSearchParams } from '@/lib/reports/filters';
import { parseCalendarFilters } from '@/lib/reports/payment-calendar';

/**
 * Платежный календарь: from today, day by day, what is expected in and out and the projected balance;
 * the first day it goes negative is called out above the table by the report itself (and in the caption of
 * print and files).
 */
export default async function PaymentCalendarPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const { t } = await getTranslator();
  const params = toSearchParams(await searchParams);
  const f = parseCalendarFilters(params);
  return (
    <ReportView
      name="payment-calendar"
      params={params}
      path="/reports/payment-calendar"
      filters={
        <PeriodFilters action="/reports/payment-calendar" values={params} t={t}>
          <label>
            <span>{t('calendar.days')}</span>
            <input type="number" name="days" min={1} max={366} defaultValue={f.days} />
          </label>
        </PeriodFilters>
      }
    />
  );
}
