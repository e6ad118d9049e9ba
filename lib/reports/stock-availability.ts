import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { balancesByKey, type ProductFilters, productConditions } from './filters';

export type StockAvailabilityRow = {
  warehouseId: number;
  warehouse: string;
  productId: number;
  sku: string;
  product: string;
  unit: string;
  onHand: string;
  reserved: string;
  /** On hand minus reserved: what can still be promised to a client. */
  available: string;
  expected: string;
};

/** Остатки и доступность товаров: per warehouse and product, keys with anything non-zero. */
export async function stockAvailability(
  db: DbOrTx,
  filters: ProductFilters & { productId?: number },
): Promise<StockAvailabilityRow[]> {
  return (await db.execute(sql`
    select b.warehouse_id as "warehouseId", w.name as warehouse, b.product_id as "productId",
      p.sku, p.name as product, p.unit,
      b.on_hand::numeric(15,3)::text as "onHand", b.reserved::numeric(15,3)::text as reserved,
      (b.on_hand - b.reserved)::numeric(15,3)::text as available, b.expected::numeric(15,3)::text as expected
    from (${balancesByKey(filters)}) b
    join products p on p.id = b.product_id
    join warehouses w on w.id = b.warehouse_id
    where (b.on_hand <> 0 or b.reserved <> 0 or b.expected <> 0) and ${productConditions(filters)}
    order by w.name, p.name, p.id
  `)) as unknown as StockAvailabilityRow[];
}

export function stockAvailabilityTable(
  rows: StockAvailabilityRow[],
  t: Translate,
  caption?: string,
  /** On a product card: one product, so only the warehouse and the numbers. */
  oneProduct = false,
): ReportTable<StockAvailabilityRow> {
  const productColumns: ReportTable<StockAvailabilityRow>['columns'] = oneProduct
    ? []
    : [
        { label: t('field.sku'), kind: 'text', value: (r) => r.sku },
        {
          label: t('field.product'),
          kind: 'text',
          value: (r) => r.product,
          link: (r) => `/products/${r.productId}`,
        },
        { label: t('field.unit'), kind: 'text', value: (r) => r.unit },
      ];
  return {
    title: t('nav.stockAvailability'),
    caption,
    rows,
    totalsLabel: t('report.total'),
    columns: [
      { label: t('stock.warehouse'), kind: 'text', value: (r) => r.warehouse },
      ...productColumns,
      { label: t('stock.onHand'), kind: 'quantity', value: (r) => r.onHand, total: true },
      { label: t('stock.reserved'), kind: 'quantity', value: (r) => r.reserved, total: true },
      { label: t('stock.available'), kind: 'quantity', value: (r) => r.available, total: true },
      { label: t('stock.expected'), kind: 'quantity', value: (r) => r.expected, total: true },
    ],
  };
}
