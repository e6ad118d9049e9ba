import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { DocumentRuleError } from '@/lib/documents/errors';
import type { PostableDocument, PostableLine } from '@/lib/documents/movements';
import type { RegisterChange } from '@/lib/ledger/apply';
import type { FieldErrors } from '@/lib/validation/fields';
import { fullyShipped, loadOrderFacts, type OrderFacts } from './order-facts';

/** Locks the orders a document ships or pays (in id order), so two of them cannot both overdraw one. */
async function lockOrders(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`select id from documents where id = any(${`{${ids.join(',')}}`}::int[]) order by id for update`,
  );
}

const usableOrder = (f: OrderFacts | undefined, partnerId: number | null) =>
  f !== undefined && f.status === 'posted' && f.orderStatus !== 'not_agreed' && f.partnerId === partnerId;

/**
 * Rules a sales document or bank receipt must keep against its orders, checked under the orders'
 * locks: no shipping beyond what was ordered, no paying an order beyond what it costs.
 */
export async function beforePosting(tx: Tx, doc: PostableDocument, lines: PostableLine[]): Promise<void> {
  const errors: FieldErrors = {};
  if (doc.kind === 'sales') {
    if (!doc.basedOnId) throw new DocumentRuleError({ basedOnId: 'order_required' });
    // The lock is sent first and the reads run after it on the same connection, in one round trip.
    const [, orderFacts] = await Promise.all([
      lockOrders(tx, [doc.basedOnId]),
      loadOrderFacts(tx, [doc.basedOnId], doc.id),
    ]);
    const facts = orderFacts.get(doc.basedOnId);
    if (!usableOrder(facts, doc.partnerId)) throw new DocumentRuleError({ basedOnId: 'order_required' });
    const own = new Map<number, Decimal>();
    for (const l of lines) own.set(l.productId, (own.get(l.productId) ?? new Decimal(0)).plus(l.quantity));
    lines.forEach((l, i) => {
      const p = facts!.products.find((x) => x.productId === l.productId);
      const ownQty = own.get(l.productId)!;
      const others = new Decimal(p?.shipped ?? 0);
      const left = Decimal.max(new Decimal(p?.ordered ?? 0).minus(others), 0);
      if (ownQty.gt(left)) errors[`lines.${i}.quantity`] = `ship_above_order:${left.toFixed()}`;
    });
  }
  if (doc.kind === 'bank_receipt') {
    const allocations = doc.allocations ?? [];
    const ids = [...new Set(allocations.map((a) => a.orderId))].sort((a, b) => a - b);
    const [, facts] = await Promise.all([lockOrders(tx, ids), loadOrderFacts(tx, ids, doc.id)]);
    allocations.forEach((a, i) => {
      const f = facts.get(a.orderId);
      if (!usableOrder(f, doc.partnerId)) {
        errors[`allocations.${i}.orderId`] = 'order_required';
        return;
      }
      const own = Decimal.sum(0, ...allocations.filter((x) => x.orderId === a.orderId).map((x) => x.amount));
      const others = new Decimal(f!.paid);
      const left = Decimal.max(new Decimal(f!.ordered).minus(others), 0);
      if (own.gt(left)) errors[`allocations.${i}.amount`] = `allocation_above_debt:${left.toFixed(2)}`;
    });
  }
  if (Object.keys(errors).length > 0) throw new DocumentRuleError(errors);
}

/**
 * After a posting or unposting: an order that has shipments cannot change its reservations, and an
 * order shipped and paid in full closes (and reopens when that is undone).
 */
export async function afterPosting(
  tx: Tx,
  doc: Pick<PostableDocument, 'id' | 'kind' | 'basedOnId'>,
  changes: RegisterChange[],
): Promise<void> {
  if (doc.kind === 'customer_order') {
    const reservations = changes.find((c) => c.register === 'reservations')?.rows ?? [];
    if (reservations.length === 0) return;
    const [shipment] = (await tx.execute(
      sql`select 1 from documents where kind = 'sales' and status = 'posted' and based_on_id = ${doc.id} limit 1`,
    )) as unknown as unknown[];
    if (shipment) throw new DocumentRuleError({ _form: 'order_has_sales' });
    return;
  }
  if (doc.kind !== 'sales' && doc.kind !== 'bank_receipt') return;
  const orderIds = new Set<number>();
  if (doc.kind === 'sales' && doc.basedOnId) orderIds.add(doc.basedOnId);
  for (const r of changes.find((c) => c.register === 'clientSettlements')?.rows ?? [])
    if (r.key.order_id) orderIds.add(r.key.order_id);
  for (const f of (await loadOrderFacts(tx, [...orderIds])).values()) {
    if (f.status !== 'posted') continue;
    const done = fullyShipped(f) && new Decimal(f.paid).gte(f.shipped);
    const next = done ? 'closed' : f.orderStatus === 'closed' ? 'to_ship' : null;
    if (next && next !== f.orderStatus)
      await tx.execute(sql`update documents set order_status = ${next} where id = ${f.orderId}`);
  }
}
