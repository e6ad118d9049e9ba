import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { percentOf, type ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { idParam } from './filters';
import { type Period, parsePeriod, type SalesDepth, salesWithin } from './period';

/** The rows of «Валовая прибыль предприятия» are one of these. */
export const grossProfitVariants = ['manager', 'partner', 'product', 'group', 'month'] as const;
export type GrossProfitVariant = (typeof grossProfitVariants)[number];

export type GrossProfitFilters = Period & {
  variant: GrossProfitVariant;
  managerId?: number;
  partnerId?: number;
  productId?: number;
  groupId?: number;
};

export type GrossProfitRow = {
  /** The key of the row in its variant (a manager's id, a month's first day …); 0 when there is none. */
  key: string;
  name: string;
  quantity: string;
  revenue: string;
  vat: string;
  cost: string;
  profit: string;
};

export function parseGrossProfitFilters(params: URLSearchParams, now?: string): GrossProfitFilters {
  const variant = grossProfitVariants.find((v) => v === params.get('variant')) ?? 'manager';
  return {
    ...parsePeriod(params, now),
    variant,
    managerId: idParam(params, 'manager'),
    partnerId: idParam(params, 'partner'),
    productId: idParam(params, 'product'),
    groupId: idParam(params, 'group'),
  };
}

/** Per variant: the key it groups by (a column of `s`, the sales, or `p`, the product) and its name. */
const keyOf: Record<GrossProfitVariant, { key: SQL; name: SQL; join: SQL }> = {
  manager: {
    key: sql`s.manager_id`,
    name: sql`coalesce(u.name, '')`,
    join: sql`left join users u on u.id = k.key`,
  },
  partner: { key: sql`s.partner_id`, name: sql`pa.name`, join: sql`join partners pa on pa.id = k.key` },
  product: {
    key: sql`s.product_id`,
    name: sql`p.name || ' · ' || p.sku`,
    join: sql`join products p on p.id = k.key`,
  },
  group: {
    key: sql`coalesce(p.group_id, 0)`,
    name: sql`coalesce(g.name, '')`,
    join: sql`left join product_groups g on g.id = k.key`,
  },
  month: { key: sql`s.month`, name: sql`k.key::text`, join: sql`` },
};

/** The narrowest turnovers a variant and its filters can be read from. */
function depthOf(f: GrossProfitFilters): SalesDepth {
  const byProduct = f.variant === 'product' || f.variant === 'group' || f.productId || f.groupId;
  const byPartner = f.variant === 'partner' || f.partnerId;
  if (byProduct) return byPartner || f.managerId ? 'full' : 'product';
  return byPartner ? 'partner' : 'manager';
}

/**
 * Валовая прибыль предприятия: revenue without VAT, cost at the moving average, gross profit, per
 * manager, client, product, product group or month, from the sales register's turnovers.
 */
export async function grossProfit(db: DbOrTx, f: GrossProfitFilters): Promise<GrossProfitRow[]> {
  const v = keyOf[f.variant];
  const depth = depthOf(f);
  const conditions = [
    f.managerId ? sql`s.manager_id = ${f.managerId}` : undefined,
    f.partnerId ? sql`s.partner_id = ${f.partnerId}` : undefined,
    f.productId ? sql`s.product_id = ${f.productId}` : undefined,
    f.groupId ? sql`p.group_id = ${f.groupId}` : undefined,
  ].filter((c) => c !== undefined);
  // Summed by the bare key first (an integer sorts and hashes cheaply), named afterwards.
  const rows = (await db.execute(sql`
    with k as (
      select ${v.key} as key, sum(s.quantity) as quantity, sum(s.revenue) as revenue, sum(s.vat) as vat, sum(s.cost) as cost
      from (${salesWithin(f, depth)}) s
      ${(depth === 'product' || depth === 'full') && (f.variant === 'group' || f.groupId) ? sql`join products p on p.id = s.product_id` : sql``}
      ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
      group by 1
      having sum(s.quantity) <> 0 or sum(s.revenue) <> 0 or sum(s.cost) <> 0
    )
    -- Sums keep their terms' scale (3 places for quantities, 2 for money): no casts to spend time on.
    select k.key::text as key, ${v.name} as name, k.quantity::text as quantity, k.revenue::text as revenue,
      k.vat::text as vat, k.cost::text as cost, (k.revenue - k.cost)::text as profit
    from k ${v.join}
    order by ${f.variant === 'month' ? sql`k.key` : sql`k.revenue - k.cost desc, 2`}
  `)) as unknown as GrossProfitRow[];
  return rows;
}

const sum = (rows: GrossProfitRow[], pick: (r: GrossProfitRow) => string) =>
  Decimal.sum(0, ...rows.map(pick));

/** Where a row leads: a manager's clients, a client's products, a product's card, a month's managers. */
export function grossProfitDrill(f: GrossProfitFilters, row: GrossProfitRow): string | undefined {
  const query = new URLSearchParams({ from: f.from, to: f.to });
  for (const [name, value] of [
    ['manager', f.managerId],
    ['partner', f.partnerId],
    ['product', f.productId],
    ['group', f.groupId],
  ] as const)
    if (value) query.set(name, String(value));
  switch (f.variant) {
    case 'manager':
      query.set('manager', row.key);
      query.set('variant', 'partner');
      break;
    case 'partner':
      query.set('partner', row.key);
      query.set('variant', 'product');
      break;
    case 'group':
      query.set('group', row.key);
      query.set('variant', 'product');
      break;
    case 'month': {
      query.set('from', row.key);
      const [y, m] = [Number(row.key.slice(0, 4)), Number(row.key.slice(5, 7))];
      query.set('to', new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
      query.set('variant', 'manager');
      break;
    }
    case 'product':
      return `/products/${row.key}`;
  }
  return `/reports/gross-profit?${query}`;
}

export function grossProfitTable(
  rows: GrossProfitRow[],
  f: GrossProfitFilters,
  t: Translate,
  caption?: string,
): ReportTable<GrossProfitRow> {
  return {
    title: t('nav.grossProfit'),
    caption,
    rows,
    totalsLabel: t('report.total'),
    columns: [
      {
        label: t(`grossProfit.variant.${f.variant}`),
        kind: 'text',
        value: (r) => (f.variant === 'month' ? r.name.slice(0, 7) : r.name || t('report.none')),
        link: (r) => grossProfitDrill(f, r),
      },
      { label: t('stock.quantity'), kind: 'quantity', value: (r) => r.quantity, total: true },
      { label: t('grossProfit.revenue'), kind: 'money', value: (r) => r.revenue, total: true },
      { label: t('grossProfit.cost'), kind: 'money', value: (r) => r.cost, total: true },
      { label: t('grossProfit.profit'), kind: 'money', value: (r) => r.profit, total: true },
      {
        label: t('grossProfit.profitability'),
        kind: 'percent',
        value: (r) => percentOf(r.profit, r.revenue),
        totalOf: (all) =>
          percentOf(
            sum(all, (r) => r.profit),
            sum(all, (r) => r.revenue),
          ),
      },
      {
        label: t('grossProfit.markup'),
        kind: 'percent',
        value: (r) => percentOf(r.profit, r.cost),
        totalOf: (all) =>
          percentOf(
            sum(all, (r) => r.profit),
            sum(all, (r) => r.cost),
          ),
      },
    ],
  };
}
