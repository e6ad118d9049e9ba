import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import {
  dateParam,
  type ProductFilters,
  parseProductFilters,
  productConditions,
  today,
  warehouseCondition,
} from './filters';

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
  const monthStart = `${now.slice(0, 7)}-01`;
  const monthEnd = new Date(Date.UTC(Number(now.slice(0, 4)), Number(now.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
  const from = dateParam(params, 'from') ?? monthStart;
  const to = dateParam(params, 'to') ?? monthEnd;
  return { ...parseProductFilters(params), ...(from <= to ? { from, to } : { from: to, to: from }) };
}

/**
 * Ведомость по товарам на складах. Reads the balances and the daily turnovers only, never the
 * movements, so its cost does not grow with the history:
 *   closing(to)  = balance now − Σ turnovers after `to`
 *   opening(from) = closing − receipts + issues within [from, to] (= balance now − Σ turnovers from `from` on)
 */
export async function warehouseStatement(db: DbOrTx, f: StatementFilters): Promise<StatementRow[]> {
  return (await db.execute(sql`
    with turnovers as (
      select warehouse_id, product_id,
        coalesce(sum(receipt) filter (where day <= ${f.to}), 0) as receipt,
        coalesce(sum(issue) filter (where day <= ${f.to}), 0) as issue,
        coalesce(sum(receipt - issue) filter (where day > ${f.to}), 0) as later
      from stock_daily_turnovers t join products p on p.id = t.product_id
      where t.day >= ${f.from} and ${warehouseCondition(f.warehouseId)} and ${productConditions(f)}
      group by warehouse_id, product_id
    ), keyed as (
      select warehouse_id, product_id,
        coalesce(b.quantity, 0) - coalesce(t.later, 0) as closing,
        coalesce(t.receipt, 0) as receipt, coalesce(t.issue, 0) as issue
      from (
        select t.* from stock_balances t join products p on p.id = t.product_id
        where ${warehouseCondition(f.warehouseId)} and ${productConditions(f)}
      ) b
      full join turnovers t using (warehouse_id, product_id)
    )
    select k.warehouse_id as "warehouseId", w.name as warehouse, k.product_id as "productId",
      p.sku, p.name as product, p.unit,
      (k.closing - k.receipt + k.issue)::numeric(15,3)::text as opening,
      k.receipt::numeric(15,3)::text as receipt, k.issue::numeric(15,3)::text as issue,
      k.closing::numeric(15,3)::text as closing
    from keyed k
    join products p on p.id = k.product_id
    join warehouses w on w.id = k.warehouse_id
    where (k.closing <> 0 or k.receipt <> 0 or k.issue <> 0) and ${productConditions(f)}
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
