import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/**
 * What happened to a customer order: ordered, shipped (posted sales, less what the client returned, in
 * money; the quantities shipped stay, a return does not ask for another shipment), returned (that
 * money) and paid (posted bank and cash receipts, less the refunds of its returns).
 */
export type OrderFacts = {
  orderId: number;
  partnerId: number;
  status: 'draft' | 'posted' | 'deleted';
  orderStatus: 'not_agreed' | 'to_provide' | 'to_ship' | 'closed';
  prepaymentPercent: string;
  ordered: string;
  shipped: string;
  returned: string;
  paid: string;
  /** Quantities per product: ordered (lines to provide) and shipped. */
  products: { productId: number; ordered: string; shipped: string }[];
};

/**
 * What the posted sales documents of orders (`ids`, an array literal) shipped of each product, quantity
 * and amount, leaving `except` out (the one being posted). Its sales are found by their basis alone, the
 * kind checked after (`offset 0` keeps it out of the lookup): with statistics that do not know a kind
 * yet, PostgreSQL would read every document of it through the (kind, date) index.
 */
export const shippedOf = (ids: string, except: number) => sql`
  select s.based_on_id as order_id, l.product_id, sum(l.quantity) as quantity, sum(l.amount) as amount
  from (select id, kind, status, based_on_id from documents where based_on_id = any(${ids}::int[]) offset 0) s
    join document_lines l on l.document_id = s.id
  where s.kind = 'sales' and s.status = 'posted' and s.id <> ${except}
  group by 1, 2`;

/** `except`: leave one document's shipments and payments out (the one being posted). */
export async function loadOrderFacts(
  db: DbOrTx,
  orderIds: readonly number[],
  except = 0,
): Promise<Map<number, OrderFacts>> {
  if (orderIds.length === 0) return new Map();
  const ids = `{${[...new Set(orderIds)].join(',')}}`;
  // One statement for the three (each costs both sides a message and a system call), its parts as JSON.
  const [row] = (await db.execute(sql`
    with orders as (
      -- Documents by key or by basis, each kind checked after (offset 0 keeps it out of the lookup):
      -- with statistics that do not know a kind yet, PostgreSQL would read every document of it
      -- through the (kind, date) index.
      select "orderId", "partnerId", status, "orderStatus", "prepaymentPercent", ordered from (
        select id as "orderId", kind, partner_id as "partnerId", status,
          coalesce(order_status, 'to_provide') as "orderStatus",
          coalesce(prepayment_percent, 0)::text as "prepaymentPercent", amount::text as ordered
        from documents where id = any(${ids}::int[]) offset 0) o
      where kind = 'customer_order'
    ), money as (
      select m.order_id as "orderId",
        coalesce(sum(m.amount) filter (where d.kind in ('sales', 'client_return')), 0)::text as shipped,
        coalesce(-sum(m.amount) filter (where d.kind = 'client_return'), 0)::text as returned,
        -- A refund (an outgoing payment) settles an order only through the return it pays back.
        coalesce(-sum(m.amount) filter (where d.kind in ('bank_receipt', 'cash_receipt', 'bank_payment', 'cash_payment')), 0)::text as paid
      from client_settlement_movements m join documents d on d.id = m.document_id
      where m.order_id = any(${ids}::int[]) and m.document_id <> ${except} group by m.order_id
    ), ordered as (
      select document_id as order_id, product_id, sum(quantity) as quantity from document_lines
      where document_id = any(${ids}::int[]) and action is distinct from 'none' group by 1, 2
    ), shipped as (${shippedOf(ids, except)}), products as (
      select coalesce(o.order_id, s.order_id) as "orderId", coalesce(o.product_id, s.product_id) as "productId",
        coalesce(o.quantity, 0)::text as ordered, coalesce(s.quantity, 0)::text as shipped
      from ordered o full join shipped s using (order_id, product_id)
    )
    select coalesce((select json_agg(orders) from orders), '[]') as orders,
      coalesce((select json_agg(money) from money), '[]') as money,
      coalesce((select json_agg(products) from products), '[]') as products`)) as unknown as {
    orders: Omit<OrderFacts, 'shipped' | 'returned' | 'paid' | 'products'>[];
    money: { orderId: number; shipped: string; returned: string; paid: string }[];
    products: { orderId: number; productId: number; ordered: string; shipped: string }[];
  }[];
  const { orders, money, products } = row!;
  const facts = new Map<number, OrderFacts>();
  for (const o of orders)
    facts.set(o.orderId, { ...o, shipped: '0.00', returned: '0.00', paid: '0.00', products: [] });
  for (const m of money)
    Object.assign(facts.get(m.orderId) ?? {}, {
      shipped: new Decimal(m.shipped).toFixed(2),
      returned: new Decimal(m.returned).toFixed(2),
      paid: new Decimal(m.paid).toFixed(2),
    });
  for (const p of products)
    facts.get(p.orderId)?.products.push({ productId: p.productId, ordered: p.ordered, shipped: p.shipped });
  return facts;
}

export const fullyShipped = (f: OrderFacts) =>
  f.products.length > 0 && f.products.every((p) => new Decimal(p.shipped).gte(p.ordered));

/** What is left to pay of an order: what it costs less what came back of it and what was paid. */
export const leftToPay = (f: OrderFacts) =>
  Decimal.max(new Decimal(f.ordered).minus(f.returned).minus(f.paid), 0);

/** The order's debt: shipped minus paid (positive = client owes), and what is left to pay in all. */
export function orderSettlements(f: OrderFacts) {
  return {
    ordered: f.ordered,
    paid: f.paid,
    shipped: f.shipped,
    debt: new Decimal(f.shipped).minus(f.paid).toFixed(2),
    toPay: leftToPay(f).toFixed(2),
  };
}

export const orderStates = [
  'awaiting_prepayment',
  'ready_to_ship',
  'shipping',
  'awaiting_payment',
  'ready_to_close',
  'closed',
] as const;
export type OrderState = (typeof orderStates)[number];

/** Состояние заказа, computed from its facts (never stored). */
export function orderState(f: OrderFacts): OrderState {
  if (f.orderStatus === 'closed') return 'closed';
  const paid = new Decimal(f.paid);
  if (fullyShipped(f)) return paid.gte(f.shipped) ? 'ready_to_close' : 'awaiting_payment';
  if (new Decimal(f.shipped).gt(0)) return 'shipping';
  const prepayment = new Decimal(f.ordered).times(f.prepaymentPercent).div(100).toDecimalPlaces(2);
  return paid.lt(prepayment) ? 'awaiting_prepayment' : 'ready_to_ship';
}
