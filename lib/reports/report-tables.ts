import type { DbOrTx } from '@/db/client';
import { documentOrganization } from '@/lib/catalogs/organizations';
import { addDays } from '@/lib/crm/workplace';
import type { ExportFormat, ReportTable } from '@/lib/export/table-export';
import type { ReportHeading } from '@/lib/export/table-pdf';
import { formatDateTime } from '@/lib/i18n/formats';
import type { Translate } from '@/lib/i18n/translate';
import { formatDate } from '@/lib/i18n/translate';
import { whatToOrder, whatToOrderTable } from '@/lib/purchases/what-to-order';
import type { Locale } from '@/lib/users/users';
import { cashBalances, cashBalancesTable, parseCashBalanceFilters } from './cash-balances';
import { describeFilters, parseProductFilters } from './filters';
import { grossProfit, grossProfitTable, parseGrossProfitFilters } from './gross-profit';
import {
  interestSources,
  interestSourcesTable,
  lossReasons,
  lossReasonsTable,
  managerControl,
  managerControlTable,
  parseControlFilters,
  parseLossFilters,
  parseSourceFilters,
} from './interest-reports';
import { parseCalendarFilters, paymentCalendar, paymentCalendarTable } from './payment-calendar';
import { parsePlanFilters, planFulfilment, planFulfilmentTable } from './plan-fulfilment';
import { parsePriceListFilters, priceList, priceListTable } from './price-list';
import { parseSettlementFilters, settlementStatement, settlementsTable } from './settlements';
import { stockAvailability, stockAvailabilityTable } from './stock-availability';
import { parseStatementFilters, warehouseStatement, warehouseStatementTable } from './warehouse-statement';

/** Typed per report, so a page gets its own row type back. */
const build = <R>(
  fn: (db: DbOrTx, params: URLSearchParams, t: Translate, locale: Locale) => Promise<ReportTable<R>>,
) => fn;

/**
 * The tables a page shows and a download writes, by URL name: the page and the export route call the
 * same builder with the same query parameters, so the file is exactly what was on screen.
 */
const builders = {
  'price-list': build(async (db, params, t, locale) => {
    const f = parsePriceListFilters(params);
    return priceListTable(await priceList(db, f), t, await describeFilters(db, f, t, locale));
  }),
  'what-to-order': build(async (db, params, t, locale) => {
    const f = parseProductFilters(params);
    return whatToOrderTable(await whatToOrder(db, f), t, await describeFilters(db, f, t, locale));
  }),
  'stock-availability': build(async (db, params, t, locale) => {
    const f = parseProductFilters(params);
    return stockAvailabilityTable(await stockAvailability(db, f), t, await describeFilters(db, f, t, locale));
  }),
  'warehouse-statement': build(async (db, params, t, locale) => {
    const f = parseStatementFilters(params);
    return warehouseStatementTable(
      await warehouseStatement(db, f),
      t,
      await describeFilters(db, f, t, locale),
    );
  }),
  'manager-control': build(async (db, params, t, locale) => {
    const f = parseControlFilters(params);
    return managerControlTable(await managerControl(db, f), f, t, await describeFilters(db, f, t, locale));
  }),
  'interest-sources': build(async (db, params, t, locale) => {
    const f = parseSourceFilters(params);
    return interestSourcesTable(await interestSources(db, f), f, t, await describeFilters(db, f, t, locale));
  }),
  'loss-reasons': build(async (db, params, t, locale) => {
    const f = parseLossFilters(params);
    return lossReasonsTable(await lossReasons(db, f), f, t, await describeFilters(db, f, t, locale));
  }),
  'client-settlements': build(async (db, params, t, locale) => {
    const f = parseSettlementFilters(params);
    return settlementsTable(
      await settlementStatement(db, f, 'client'),
      f,
      t,
      await describeFilters(db, f, t, locale),
    );
  }),
  'supplier-settlements': build(async (db, params, t, locale) => {
    const f = parseSettlementFilters(params);
    return settlementsTable(
      await settlementStatement(db, f, 'supplier'),
      f,
      t,
      await describeFilters(db, f, t, locale),
      'supplier',
    );
  }),
  'gross-profit': build(async (db, params, t, locale) => {
    const f = parseGrossProfitFilters(params);
    return grossProfitTable(await grossProfit(db, f), f, t, await describeFilters(db, f, t, locale));
  }),
  'cash-balances': build(async (db, params, t, locale) => {
    const f = parseCashBalanceFilters(params);
    return cashBalancesTable(await cashBalances(db, f), t, await describeFilters(db, f, t, locale));
  }),
  'payment-calendar': build(async (db, params, t, locale) => {
    const f = parseCalendarFilters(params);
    const period = t('report.period', {
      from: formatDate(locale, f.from),
      to: formatDate(locale, addDays(f.from, f.days - 1)),
    });
    return paymentCalendarTable(await paymentCalendar(db, f), t, locale, period);
  }),
  'plan-fulfilment': build(async (db, params, t, locale) => {
    const f = parsePlanFilters(params);
    return planFulfilmentTable(await planFulfilment(db, f), f, t, await describeFilters(db, f, t, locale));
  }),
};

export type ReportName = keyof typeof builders;

export const isReportName = (name: string): name is ReportName => Object.hasOwn(builders, name);

export function reportTable<N extends ReportName>(
  name: N,
  db: DbOrTx,
  params: URLSearchParams,
  t: Translate,
  locale: Locale,
): ReturnType<(typeof builders)[N]> {
  return builders[name](db, params, t, locale) as ReturnType<(typeof builders)[N]>;
}

/** The download link for what a page shows: its own query plus the format. */
export function exportPath(name: ReportName, params: URLSearchParams, format: ExportFormat): string {
  const query = new URLSearchParams(params);
  query.set('format', format);
  return `/export/${name}?${query}`;
}

/** The lines above a report, on screen, on paper and in the PDF: whose report it is and when it was made. */
export async function reportHeading(
  db: DbOrTx,
  t: Translate,
  locale: Locale,
  now = new Date(),
): Promise<ReportHeading> {
  const organization = await documentOrganization(db, null);
  return {
    organization: organization?.name ?? null,
    printed: t('report.printed', { date: formatDateTime(locale, now) }),
  };
}
