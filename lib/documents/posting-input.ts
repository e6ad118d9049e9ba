import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { type PostableDocument, type PostableLine, RESERVING_ACTIONS } from './movements';

export type PostingInput = { doc: PostableDocument & { date: Date }; lines: PostableLine[] };

/**
 * What posting needs of documents, read from the database: headers, lines (with whether each product
 * is a service), a payment's allocations (a refund's with the order its return settled), for sales the order's warehouse and reserved products,
 * and for client returns the sale's order and manager. The posting path and the ledger check read it the same way, so they cannot disagree.
 */
export async function loadPostingInputs(db: DbOrTx, ids: readonly number[]): Promise<PostingInput[]> {
  if (ids.length === 0) return [];
  const idList = `{${ids.join(',')}}`;
  const [docs, lines, allocations, orders] = (await Promise.all([
    db.execute(sql`
      select d.id, d.kind, d.date, d.partner_id as "partnerId", d.warehouse_id as "warehouseId",
        d.warehouse_to_id as "warehouseToId", d.responsible_id as "responsibleId", d.based_on_id as "basedOnId",
        d.order_status as "orderStatus", d.supplier_order_status as "supplierOrderStatus",
        d.payment_kind as "paymentKind", d.update_prices as "updatePrices", d.bank_account_id as "bankAccountId", d.cash_desk_id as "cashDeskId",
        d.employee_id as "employeeId", d.amount::text,
        case when d.kind in ('client_return', 'supplier_return') and s.id is not null
          then json_build_object('orderId', s.based_on_id, 'managerId', s.responsible_id) end as returned
      from documents d left join documents s on s.id = d.based_on_id
      where d.id = any(${idList}::int[]) order by d.id`),
    db.execute(sql`
      select l.document_id as "documentId", l.line_no as "lineNo", l.product_id as "productId", l.quantity::text, l.amount::text,
        l.vat_amount::text as "vatAmount", p.kind = 'service' as service, l.action
      from document_lines l join products p on p.id = l.product_id
      where l.document_id = any(${idList}::int[]) order by l.document_id, l.line_no`),
    db.execute(sql`
      select a.document_id as "documentId", a.order_id as "orderId", a.amount::text,
        case when r.kind = 'client_return' then coalesce(s.based_on_id, 0) end as "settlesOrderId"
      from payment_allocations a join documents r on r.id = a.order_id left join documents s on s.id = r.based_on_id
      where a.document_id = any(${idList}::int[]) order by a.document_id, a.line_no`),
    db.execute(sql`
      select s.id as "documentId", o.warehouse_id as "warehouseId",
        coalesce(array_agg(distinct l.product_id) filter (where l.action = any(${`{${RESERVING_ACTIONS.join(',')}}`}::order_line_action[])), '{}') as "reservedProducts"
      from documents s
      join documents o on o.id = s.based_on_id and o.kind = 'customer_order'
      left join document_lines l on l.document_id = o.id
      where s.id = any(${idList}::int[]) and s.kind = 'sales'
      group by s.id, o.warehouse_id`),
  ])) as unknown as [
    (PostableDocument & { date: Date | string })[],
    (PostableLine & { documentId: number })[],
    { documentId: number; orderId: number; amount: string; settlesOrderId: number | null }[],
    { documentId: number; warehouseId: number; reservedProducts: number[] }[],
  ];
  const linesOf = groupBy(lines, (l) => l.documentId);
  const allocationsOf = groupBy(allocations, (a) => a.documentId);
  const orderOf = new Map(orders.map((o) => [o.documentId, o]));
  return docs.map((d) => {
    const order = orderOf.get(d.id);
    return {
      doc: {
        ...d,
        date: new Date(d.date),
        allocations: (allocationsOf.get(d.id) ?? []).map(({ orderId, amount, settlesOrderId }) => ({
          orderId,
          amount,
          settlesOrderId,
        })),
        order: order ? { warehouseId: order.warehouseId, reservedProducts: order.reservedProducts } : null,
      },
      lines: (linesOf.get(d.id) ?? []).map(({ documentId: _, ...l }) => l),
    };
  });
}

/** Map.groupBy is Node 21+; we run on 20. */
export function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
