import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { idParam } from './filters';
import {
  movementsWithin,
  nextDay,
  onwards,
  type Period,
  parsePeriod,
  settlementTurnoversWithin,
} from './period';

export type SettlementFilters = Period & { partnerId?: number };

/**
 * Whose settlements: «Ведомость расчетов с клиентами» (what clients owe us, per customer order) or
 * «Ведомость расчетов с поставщиками» (what we owe suppliers, per supplier order). The same statement
 * over the registers of each side.
 */
export type SettlementSide = 'client' | 'supplier';

const sides = {
  client: {
    balances: 'client_settlement_balances',
    movements: 'client_settlement_movements',
    path: '/reports/client-settlements',
    orders: '/documents/orders',
    title: 'nav.clientSettlements',
    labels: {
      openingDebt: 'settlements.openingDebt',
      openingAdvance: 'settlements.openingAdvance',
      closingDebt: 'settlements.closingDebt',
      closingAdvance: 'settlements.closingAdvance',
      unallocated: 'settlements.unallocated',
    },
  },
  supplier: {
    balances: 'supplier_settlement_balances',
    movements: 'supplier_settlement_movements',
    path: '/reports/supplier-settlements',
    orders: '/documents/supplier-orders',
    title: 'nav.supplierSettlements',
    labels: {
      openingDebt: 'settlements.supplier.openingDebt',
      openingAdvance: 'settlements.supplier.openingAdvance',
      closingDebt: 'settlements.supplier.closingDebt',
      closingAdvance: 'settlements.supplier.closingAdvance',
      unallocated: 'settlements.supplier.unallocated',
    },
  },
} as const satisfies Record<SettlementSide, unknown>;

/**
 * One row of the statement: a partner (or, for one partner, an order). Positive balances are the
 * debt (the client's to us, ours to the supplier), negative ones an advance; each is shown in its own
 * column.
 */
export type SettlementRow = {
  partnerId: number;
  partner: string;
  /** Set on the rows of one client's orders; 0 is the advance not allocated to an order. */
  orderId?: number;
  order?: string;
  opening: string;
  increase: string;
  decrease: string;
  closing: string;
};

export function parseSettlementFilters(params: URLSearchParams, now?: string): SettlementFilters {
  return { ...parsePeriod(params, now), partnerId: idParam(params, 'partner') };
}

/**
 * Per partner, from the balances and the settlement turnovers only (never all the movements): the
 * closing balance is the balance now less the turnovers after the period, the opening one the closing
 * less the period's turnovers. With one partner chosen, per order of that partner instead, from its
 * own movements since the period started.
 */
export async function settlementStatement(
  db: DbOrTx,
  f: SettlementFilters,
  side: SettlementSide = 'client',
): Promise<SettlementRow[]> {
  if (f.partnerId) return orderSettlements(db, f.partnerId, f, side);
  // Everything after the period, future-dated documents included.
  const after = settlementTurnoversWithin(onwards(nextDay(f.to)), side);
  return (await db.execute(sql`
    with balance as (
      select partner_id, sum(amount) as amount from ${sql.raw(sides[side].balances)} where amount <> 0 group by 1
    ), period as (
      select partner_id, sum(increase) as increase, sum(decrease) as decrease
      from (${settlementTurnoversWithin(f, side)}) t group by 1
    ), later as (
      select partner_id, sum(increase - decrease) as change from (${after}) t group by 1
    ), keyed as (
      select partner_id,
        coalesce(b.amount, 0) - coalesce(l.change, 0) as closing,
        coalesce(p.increase, 0) as increase, coalesce(p.decrease, 0) as decrease
      from balance b full join period p using (partner_id) full join later l using (partner_id)
    )
    select k.partner_id as "partnerId", pa.name as partner,
      (k.closing - k.increase + k.decrease)::numeric(15,2)::text as opening,
      k.increase::numeric(15,2)::text as increase, k.decrease::numeric(15,2)::text as decrease,
      k.closing::numeric(15,2)::text as closing
    from keyed k join partners pa on pa.id = k.partner_id
    where k.closing <> 0 or k.increase <> 0 or k.decrease <> 0 or k.closing - k.increase + k.decrease <> 0
    order by pa.name, pa.id
  `)) as unknown as SettlementRow[];
}

/** One partner's orders: its balances now less its movements after the period, and the period's own. */
async function orderSettlements(
  db: DbOrTx,
  partnerId: number,
  f: Period,
  side: SettlementSide,
): Promise<SettlementRow[]> {
  return (await db.execute(sql`
    with moved as (
      select order_id,
        coalesce(sum(greatest(amount, 0)) filter (where ${movementsWithin(f)}), 0) as increase,
        coalesce(sum(greatest(-amount, 0)) filter (where ${movementsWithin(f)}), 0) as decrease,
        coalesce(sum(amount) filter (where period >= (${f.to}::date + 1)::timestamp at time zone 'UTC'), 0) as later
      from ${sql.raw(sides[side].movements)}
      where partner_id = ${partnerId} and period >= (${f.from}::date)::timestamp at time zone 'UTC'
      group by 1
    ), keyed as (
      select order_id, coalesce(b.amount, 0) - coalesce(m.later, 0) as closing,
        coalesce(m.increase, 0) as increase, coalesce(m.decrease, 0) as decrease
      from (select order_id, amount from ${sql.raw(sides[side].balances)} where partner_id = ${partnerId}) b
      full join moved m using (order_id)
    )
    select ${partnerId}::int as "partnerId", pa.name as partner, k.order_id as "orderId", coalesce(d.number, '') as order,
      (k.closing - k.increase + k.decrease)::numeric(15,2)::text as opening,
      k.increase::numeric(15,2)::text as increase, k.decrease::numeric(15,2)::text as decrease,
      k.closing::numeric(15,2)::text as closing
    from keyed k
    join partners pa on pa.id = ${partnerId}
    left join documents d on d.id = k.order_id
    where k.closing <> 0 or k.increase <> 0 or k.decrease <> 0 or k.closing - k.increase + k.decrease <> 0
    order by d.date nulls first, k.order_id
  `)) as unknown as SettlementRow[];
}

/** Debt (positive) and advance (negative) apart. */
const debt = (v: string) => (v.startsWith('-') || Number(v) === 0 ? '0.00' : v);
const advance = (v: string) => (v.startsWith('-') ? v.slice(1) : '0.00');

export function settlementsTable(
  rows: SettlementRow[],
  f: SettlementFilters,
  t: Translate,
  caption?: string,
  side: SettlementSide = 'client',
): ReportTable<SettlementRow> {
  const byOrder = Boolean(f.partnerId);
  const query = (extra: Record<string, string>) => new URLSearchParams({ from: f.from, to: f.to, ...extra });
  const { path, orders, title, labels } = sides[side];
  return {
    title: t(title),
    caption,
    rows,
    totalsLabel: t('report.total'),
    columns: [
      byOrder
        ? {
            label: t('settlements.order'),
            kind: 'text',
            value: (r) => (r.orderId ? r.order || `#${r.orderId}` : t(labels.unallocated)),
            link: (r) => (r.orderId ? `${orders}/${r.orderId}` : undefined),
          }
        : {
            label: t('field.partner'),
            kind: 'text',
            value: (r) => r.partner,
            link: (r) => `${path}?${query({ partner: String(r.partnerId) })}`,
          },
      { label: t(labels.openingDebt), kind: 'money', value: (r) => debt(r.opening), total: true },
      {
        label: t(labels.openingAdvance),
        kind: 'money',
        value: (r) => advance(r.opening),
        total: true,
      },
      { label: t('settlements.increase'), kind: 'money', value: (r) => r.increase, total: true },
      { label: t('settlements.decrease'), kind: 'money', value: (r) => r.decrease, total: true },
      { label: t(labels.closingDebt), kind: 'money', value: (r) => debt(r.closing), total: true },
      {
        label: t(labels.closingAdvance),
        kind: 'money',
        value: (r) => advance(r.closing),
        total: true,
      },
    ],
  };
}
