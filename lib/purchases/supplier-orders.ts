import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { type AllocationChoice, allocationChoices } from '@/lib/documents/allocation-choices';
import type { RegisterChange } from '@/lib/ledger/apply';
import type { FieldErrors } from '@/lib/validation/fields';
import { DocumentRuleError } from '../documents/errors';

/**
 * What happened to a supplier order: ordered, received (posted receipts), returned to the supplier
 * (posted returns of those receipts) and paid (posted payments).
 */
export type SupplierOrderFacts = {
  orderId: number;
  number: string;
  date: Date;
  partnerId: number;
  status: 'draft' | 'posted' | 'deleted';
  supplierOrderStatus: 'not_agreed' | 'to_receive' | 'closed';
  ordered: string;
  received: string;
  returned: string;
  paid: string;
  /** What is still expected of each product (the goods-expected balance of the order). */
  expected: { productId: number; quantity: string }[];
};

/** `except`: leave one document's receipts and payments out (the one being posted). */
export async function loadSupplierOrderFacts(
  db: DbOrTx,
  orderIds: readonly number[],
  except = 0,
): Promise<Map<number, SupplierOrderFacts>> {
  if (orderIds.length === 0) return new Map();
  const ids = `{${[...new Set(orderIds)].join(',')}}`;
  const [orders, money, expected] = (await Promise.all([
    db.execute(sql`
      select id as "orderId", number, date, partner_id as "partnerId", status,
        coalesce(supplier_order_status, 'to_receive') as "supplierOrderStatus", amount::text as ordered
      from documents where id = any(${ids}::int[]) and kind = 'supplier_order'`),
    db.execute(sql`
      select m.order_id as "orderId",
        coalesce(sum(m.amount) filter (where d.kind = 'goods_receipt'), 0)::numeric(15,2)::text as received,
        coalesce(-sum(m.amount) filter (where d.kind = 'supplier_return'), 0)::numeric(15,2)::text as returned,
        coalesce(-sum(m.amount) filter (where d.kind in ('bank_payment', 'cash_payment')), 0)::numeric(15,2)::text as paid
      from supplier_settlement_movements m join documents d on d.id = m.document_id
      where m.order_id = any(${ids}::int[]) and m.document_id <> ${except} group by m.order_id`),
    db.execute(sql`
      select order_id as "orderId", product_id as "productId", sum(quantity)::text as quantity
      from expected_goods_balances where order_id = any(${ids}::int[]) and quantity <> 0 group by 1, 2`),
  ])) as unknown as [
    Omit<SupplierOrderFacts, 'received' | 'returned' | 'paid' | 'expected'>[],
    { orderId: number; received: string; returned: string; paid: string }[],
    { orderId: number; productId: number; quantity: string }[],
  ];
  const facts = new Map<number, SupplierOrderFacts>();
  for (const o of orders)
    facts.set(o.orderId, {
      ...o,
      date: new Date(o.date),
      received: '0.00',
      returned: '0.00',
      paid: '0.00',
      expected: [],
    });
  for (const m of money)
    Object.assign(facts.get(m.orderId) ?? {}, { received: m.received, returned: m.returned, paid: m.paid });
  for (const e of expected)
    facts.get(e.orderId)?.expected.push({ productId: e.productId, quantity: e.quantity });
  return facts;
}

/** What is left to pay of a supplier order: its amount less what went back and what was paid (never below zero). */
export const leftToPay = (f: SupplierOrderFacts) =>
  Decimal.max(new Decimal(f.ordered).minus(f.returned).minus(f.paid), 0).toFixed(2);

/** An order a receipt or a payment may refer to: posted, agreed and the document's supplier's. */
export const usableSupplierOrder = (f: SupplierOrderFacts | undefined, partnerId: number | null) =>
  !!f && f.status === 'posted' && f.supplierOrderStatus !== 'not_agreed' && f.partnerId === partnerId;

/**
 * Goods expected can never go below zero: a receipt takes no more than its order still expects (at
 * the order's warehouse), and an order cannot expect less than its receipts took. The balance rows
 * were locked by the posting, so two receipts of one order racing for the same rest take turns.
 * The refusal names the lines of the products that overdrew, with what was still expected.
 */
export async function refuseNegativeExpectations(
  tx: Tx,
  documentId: number,
  changes: RegisterChange[],
  code: 'receive_above_order' | 'order_below_received',
): Promise<void> {
  const over = (changes.find((c) => c.register === 'expectedGoods')?.rows ?? []).filter((r) =>
    new Decimal(r.balance.quantity!).lt(0),
  );
  if (over.length === 0) return;
  const before = new Map(
    over.map((r) => [
      r.key.product_id!,
      Decimal.max(new Decimal(r.balance.quantity!).minus(r.delta.quantity!), 0),
    ]),
  );
  const lines = (await tx.execute(sql`
    select line_no as "lineNo", product_id as "productId" from document_lines
    where document_id = ${documentId} and product_id = any(${`{${[...before.keys()].join(',')}}`}::int[])
    order by line_no`)) as unknown as { lineNo: number; productId: number }[];
  const errors: FieldErrors = {};
  for (const l of lines)
    errors[`lines.${l.lineNo - 1}.quantity`] =
      code === 'receive_above_order' ? `${code}:${before.get(l.productId)!.toFixed()}` : code;
  if (lines.length === 0) errors._form = code;
  throw new DocumentRuleError(errors);
}

/** Whether a posted order still expects any goods (read under the posting's balance locks). */
export async function stillExpects(tx: Tx, orderId: number): Promise<boolean> {
  const [row] = (await tx.execute(sql`
    select 1 from expected_goods_balances where order_id = ${orderId} and quantity <> 0 limit 1`)) as unknown as unknown[];
  return row !== undefined;
}

/**
 * After a receipt of an order is posted or unposted (under the order's lock): the order closes when
 * nothing is expected of it any more, and opens again for receiving when a receipt is undone.
 */
export async function closeSupplierOrder(tx: Tx, orderId: number): Promise<void> {
  await tx.execute(sql`
    update documents o set supplier_order_status = case
        when exists (select 1 from expected_goods_balances e where e.order_id = o.id and e.quantity <> 0)
        then 'to_receive'::supplier_order_status else 'closed'::supplier_order_status end
    where o.id = ${orderId} and o.kind = 'supplier_order' and o.status = 'posted'
      and o.supplier_order_status in ('to_receive', 'closed')
      and o.supplier_order_status <> case
        when exists (select 1 from expected_goods_balances e where e.order_id = o.id and e.quantity <> 0)
        then 'to_receive'::supplier_order_status else 'closed'::supplier_order_status end`);
}

/**
 * The supplier's posted orders a payment may pay (agreed, something left to pay), plus `keepOrderIds`
 * the document already names; shaped as the form's order choices.
 */
export async function supplierOrderChoices(
  db: DbOrTx,
  partnerId: number,
  keepOrderIds: readonly number[] = [],
): Promise<AllocationChoice[]> {
  const open = sql`status = 'posted' and supplier_order_status <> 'not_agreed'`;
  return allocationChoices(
    db,
    'supplier_order',
    partnerId,
    open,
    keepOrderIds,
    loadSupplierOrderFacts,
    (f) => ({
      id: f.orderId,
      number: f.number,
      date: f.date,
      toPay: leftToPay(f),
    }),
  );
}
