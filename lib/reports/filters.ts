import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { containsPattern } from '@/lib/catalogs/catalog';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatDate, type Translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/users/users';
import { idFrom, isCalendarDay } from '@/lib/validation/fields';

/** Filters every stock report shares: one warehouse or all, a product group, a search by name or SKU. */
export type ProductFilters = { warehouseId?: number; groupId?: number; q?: string };

/** Query parameters as pages and route handlers both have them. */
export type SearchParams = Record<string, string | string[] | undefined>;

export function toSearchParams(params: SearchParams): URLSearchParams {
  const result = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : [value]) if (v) result.append(key, v);
  return result;
}

export const idParam = (params: URLSearchParams, name: string): number | undefined =>
  idFrom(params.get(name)) ?? undefined;

/** A real calendar day from the query, else nothing (the report's default applies). */
export const dateParam = (params: URLSearchParams, name: string): string | undefined => {
  const v = params.get(name) ?? '';
  return isCalendarDay(v) ? v : undefined;
};

export function parseProductFilters(params: URLSearchParams): ProductFilters {
  return {
    warehouseId: idParam(params, 'warehouse'),
    groupId: idParam(params, 'group'),
    q: params.get('q')?.trim().slice(0, 200) || undefined,
  };
}

/** Today as the calendar date that stock turnovers use (their day is the UTC date of the posting). */
export const today = () => new Date().toISOString().slice(0, 10);

/** Conditions on the `p` (products) alias; `and true` keeps the SQL valid with none. */
export function productConditions(f: ProductFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.groupId) parts.push(sql`p.group_id = ${f.groupId}`);
  if (f.q) parts.push(sql`(p.name || ' ' || p.sku) ilike ${containsPattern(f.q)}`);
  return sql.join(parts, sql` and `);
}

/** On the `t` alias of a table with a warehouse_id column. */
export const warehouseCondition = (warehouseId: number | undefined): SQL =>
  warehouseId ? sql`t.warehouse_id = ${warehouseId}` : sql`true`;

/**
 * On hand, reserved and expected per warehouse and product, from the three balance tables only.
 * Reservations are kept per order; here they are summed. The product filters are applied inside
 * each part (joined to `p`), so a report over a group reads only that group's balance rows.
 */
export function balancesByKey(f: ProductFilters & { productId?: number }): SQL {
  const where = sql.join(
    [
      f.warehouseId ? sql`b.warehouse_id = ${f.warehouseId}` : sql`true`,
      f.productId ? sql`b.product_id = ${f.productId}` : sql`true`,
      productConditions(f),
    ],
    sql` and `,
  );
  return sql`
    select warehouse_id, product_id, sum(on_hand) as on_hand, sum(reserved) as reserved, sum(expected) as expected
    from (
      select b.warehouse_id, b.product_id, b.quantity as on_hand, 0 as reserved, 0 as expected
        from stock_balances b join products p on p.id = b.product_id where ${where}
      union all
      select b.warehouse_id, b.product_id, 0, b.quantity, 0
        from reservation_balances b join products p on p.id = b.product_id where ${where}
      union all
      select b.warehouse_id, b.product_id, 0, 0, b.quantity
        from expected_goods_balances b join products p on p.id = b.product_id where ${where}
    ) b
    group by warehouse_id, product_id`;
}

/** The filters in words for the printed page and the file: "Склад: Основной склад · Поиск: …". */
export async function describeFilters(
  db: DbOrTx,
  f: Partial<ProductFilters> & {
    from?: string;
    to?: string;
    onDate?: string;
    managerId?: number;
    partnerId?: number;
    productId?: number;
    stalledDays?: number;
    variant?: string;
  },
  t: Translate,
  locale: Locale,
): Promise<string> {
  const nameOf = async (
    table: 'warehouses' | 'product_groups' | 'users' | 'partners' | 'products',
    id: number,
  ) => {
    const [row] = (await db.execute(
      sql`select name from ${sql.identifier(table)} where id = ${id}`,
    )) as unknown as { name: string }[];
    return row?.name ?? '';
  };
  const stock = 'warehouseId' in f || 'q' in f;
  const parts = [
    f.from && f.to
      ? t('report.period', { from: formatDate(locale, f.from), to: formatDate(locale, f.to) })
      : null,
    f.onDate ? t('report.onDate', { date: formatDate(locale, f.onDate) }) : null,
    stock
      ? `${t('stock.warehouse')}: ${f.warehouseId ? await nameOf('warehouses', f.warehouseId) : t('report.allWarehouses')}`
      : null,
    f.managerId ? `${t('report.manager')}: ${await nameOf('users', f.managerId)}` : null,
    f.partnerId ? `${t('field.partner')}: ${await nameOf('partners', f.partnerId)}` : null,
    f.productId ? `${t('field.product')}: ${await nameOf('products', f.productId)}` : null,
    f.groupId ? `${t('field.group')}: ${await nameOf('product_groups', f.groupId)}` : null,
    f.variant ? `${t('report.variant')}: ${t(`grossProfit.variant.${f.variant}` as MessageKey)}` : null,
    f.stalledDays ? `${t('control.stalledDays')}: ${f.stalledDays}` : null,
    f.q ? `${t('common.search')}: «${f.q}»` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Active warehouses, product groups and price types by name, for the filter selects. */
export async function filterOptions(db: DbOrTx) {
  const active = (table: 'warehouses' | 'product_groups' | 'price_types') =>
    db.execute(
      sql`select * from ${sql.identifier(table)} where archived_at is null order by name`,
    ) as unknown as Promise<{ id: number; name: string; purpose?: 'purchase' | 'sale' }[]>;
  const [warehouses, groups, priceTypes] = await Promise.all([
    active('warehouses'),
    active('product_groups'),
    active('price_types'),
  ]);
  return { warehouses, groups, priceTypes };
}
