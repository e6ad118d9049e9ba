import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ReportColumn, ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { balancesByKey, type ProductFilters, parseProductFilters, productConditions, today } from './filters';

export type PriceListFilters = ProductFilters & {
  /** Chosen price types; none chosen = every active sale price type. */
  priceTypeIds: number[];
  inStock: boolean;
  onDate: string;
};

export type PriceListRow = {
  productId: number;
  sku: string;
  product: string;
  group: string | null;
  unit: string;
  /** On hand minus reserved at the chosen warehouse (or all); null for services. */
  available: string | null;
  /** Price in force on the date, by price type id. */
  prices: Record<string, string>;
};

export type PriceList = { priceTypes: { id: number; name: string }[]; rows: PriceListRow[] };

export function parsePriceListFilters(params: URLSearchParams): PriceListFilters {
  const priceTypeIds = params
    .getAll('pt')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return {
    ...parseProductFilters(params),
    priceTypeIds,
    inStock: params.get('stock') === '1',
    onDate: today(),
  };
}

/** Прайс-лист: active products that have a price of a chosen type, with the prices in force on the date. */
export async function priceList(db: DbOrTx, f: PriceListFilters): Promise<PriceList> {
  const priceTypes = (await db.execute(sql`
    select id, name from price_types
    where archived_at is null
      and ${f.priceTypeIds.length > 0 ? sql`id = any(${`{${f.priceTypeIds.join(',')}}`}::int[])` : sql`purpose = 'sale'`}
    order by name
  `)) as unknown as { id: number; name: string }[];
  if (priceTypes.length === 0) return { priceTypes, rows: [] };
  const typeIds = `{${priceTypes.map((p) => p.id).join(',')}}`;
  const rows = (await db.execute(sql`
    with stock as (
      select product_id, sum(on_hand - reserved) as available
      from (${balancesByKey({ warehouseId: f.warehouseId })}) b group by product_id
    ), in_force as (
      select distinct on (product_id, price_type_id) product_id, price_type_id, price
      from prices
      where archived_at is null and valid_from <= ${f.onDate} and price_type_id = any(${typeIds}::int[])
      order by product_id, price_type_id, valid_from desc
    ), price_row as (
      select product_id, jsonb_object_agg(price_type_id::text, price::text) as prices
      from in_force group by product_id
    )
    select p.id as "productId", p.sku, p.name as product, g.name as "group", p.unit,
      case when p.kind = 'goods' then coalesce(s.available, 0)::numeric(15,3)::text end as available,
      pr.prices
    from products p
    join price_row pr on pr.product_id = p.id
    left join product_groups g on g.id = p.group_id
    left join stock s on s.product_id = p.id
    where p.archived_at is null and ${productConditions(f)}
      ${f.inStock ? sql`and coalesce(s.available, 0) > 0` : sql``}
    order by g.name nulls last, p.name, p.id
  `)) as unknown as PriceListRow[];
  return { priceTypes, rows };
}

export function priceListTable(list: PriceList, t: Translate, caption?: string): ReportTable<PriceListRow> {
  const priceColumns = list.priceTypes.map(
    (pt): ReportColumn<PriceListRow> => ({
      label: pt.name,
      kind: 'money',
      value: (r) => r.prices[String(pt.id)] ?? null,
    }),
  );
  return {
    title: t('nav.priceList'),
    caption,
    rows: list.rows,
    columns: [
      { label: t('field.group'), kind: 'text', value: (r) => r.group },
      { label: t('field.sku'), kind: 'text', value: (r) => r.sku },
      {
        label: t('field.product'),
        kind: 'text',
        value: (r) => r.product,
        link: (r) => `/products/${r.productId}`,
      },
      { label: t('field.unit'), kind: 'text', value: (r) => r.unit },
      ...priceColumns,
      { label: t('stock.available'), kind: 'quantity', value: (r) => r.available },
    ],
  };
}
