import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import {
  type ProductFilters,
  parseProductFilters,
  productConditions,
  today,
  warehouseCondition,
} from './filters';
import { nextDay, onwards, parsePeriod, stockTurnoversWithin } from './period';

export type StatementFilters = ProductFilters & { from: string; to: string };

export type StatementRow = {
  warehouseId: number;
  warehouse: string;
  productId: number;
  sku: string;
  product: string;
  unit: string;
  opening: string;
  receipt: string;
  issue: string;
  closing: string;
};

/** Period from/to (the current month by default; reversed dates are swapped) and the product filters. */
export function parseStatementFilters(params: URLSearchParams, now = today()): StatementFilters {
  return { ...parseProductFilters(params), ...parsePeriod(params, now) };
}

/**
 * Ведомость по товарам на складах. Reads the balances and the turnovers only (monthly for whole
 * months, daily for the days at the edges), never the movements, so its cost grows neither with the
 * history nor with how long ago the period was:
 *   closing(to)  = balance now − turnovers after `to`
 *   opening(from) = closing − receipts + issues within [from, to]
 */
export async function warehouseStatement(db: DbOrTx, f: StatementFilters): Promise<StatementRow[]> {
  const where = sql`${warehouseCondition(f.warehouseId)} and ${productConditions(f)}`;
  return (await db.execute(sql`
    with within as (
      select warehouse_id, product_id, sum(receipt) as receipt, sum(issue) as issue
      from (${stockTurnoversWithin(f, where)}) t group by 1, 2
    ), later as (
      select warehouse_id, product_id, sum(receipt - issue) as later
      from (${stockTurnoversWithin(onwards(nextDay(f.to)), where)}) t group by 1, 2
    ), keyed as (
      select warehouse_id, product_id,
        coalesce(b.quantity, 0) - coalesce(l.later, 0) as closing,
        coalesce(w.receipt, 0) as receipt, coalesce(w.issue, 0) as issue
      from (
        select t.* from stock_balances t join products p on p.id = t.product_id where ${where}
      ) b
      full join within w using (warehouse_id, product_id)
      full join later l using (warehouse_id, product_id)
    )
    select k.warehouse_id as "warehouseId", w.name as warehouse, k.product_id as "productId",
      p.sku, p.name as product, p.unit,
      (k.closing - k.receipt + k.issue)::numeric(15,3)::text as opening,
      k.receipt::numeric(15,3)::text as receipt, k.issue::numeric(15,3)::text as issue,
      k.closing::numeric(15,3)::text as closing
    from keyed k
    join products p on p.id = k.product_id
    join warehouses w on w.id = k.warehouse_id
    where (k.closing <> 0 or k.receipt <> 0 or k.issue <> 0 or k.closing - k.receipt + k.issue <> 0)
    order by w.name, p.name, p.id
  `)) as unknown as StatementRow[];
}

export function warehouseStatementTable(
  rows: StatementRow[],
  t: Translate,
  caption?: string,
): ReportTable<StatementRow> {
  return {
    title: t('nav.warehouseStatement'),
    caption,
    rows,
    totalsLabel: t('report.total'),
    columns: [
      { label: t('stock.warehouse'), kind: 'text', value: (r) => r.warehouse },
      { label: t('field.sku'), kind: 'text', value: (r) => r.sku },
      {
        label: t('field.product'),
        kind: 'text',
        value: (r) => r.product,
        link: (r) => `/products/${r.productId}`,
      },
      { label: t('field.unit'), kind: 'text', value: (r) => r.unit },
      { label: t('stock.opening'), kind: 'quantity', value: (r) => r.opening, total: true },
      { label: t('stock.receipt'), kind: 'quantity', value: (r) => r.receipt, total: true },
      { label: t('stock.issue'), kind: 'quantity', value: (r) => r.issue, total: true },
      { label: t('stock.closing'), kind: 'quantity', value: (r) => r.closing, total: true },
    ],
  };
}
