import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { RegisterChange } from '@/lib/ledger/apply';
import { fullyShipped, loadOrderFacts, type OrderFacts } from './order-facts';

/**
 * Locks the orders a document ships, receives or pays (in id order), so two of them cannot both
 * overdraw one. «No key update»: a payment's allocation rows already hold a key-share lock on their
 * orders (the foreign key), which «for update» would wait on — two payments of one order would
 * deadlock, each waiting for the other's allocation.
 */
export async function lockOrders(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`select id from documents where id = any(${`{${ids.join(',')}}`}::int[]) order by id for no key update`,
  );
}

/** An order a shipment or a payment may refer to: posted, agreed and the document's client's. */
export const usableOrder = (
  f:
    | {
        status: OrderFacts['status'];
        orderStatus: OrderFacts['orderStatus'] | null;
        partnerId: number | null;
      }
    | undefined
    | null,
  partnerId: number | null,
) => !!f && f.status === 'posted' && f.orderStatus !== 'not_agreed' && f.partnerId === partnerId;

/**
 * After a sales document or bank receipt is posted or unposted: an order shipped and paid in full
 * closes, and reopens when that is undone. `orderIds`: orders touched besides those of the settlements.
 */
export async function closeOrders(
  tx: Tx,
  changes: RegisterChange[],
  orderIds: readonly number[],
): Promise<void> {
  const touched = new Set(orderIds);
  for (const r of changes.find((c) => c.register === 'clientSettlements')?.rows ?? [])
    if (r.key.order_id) touched.add(r.key.order_id);
  for (const f of (await loadOrderFacts(tx, [...touched])).values()) {
    if (f.status !== 'posted') continue;
    const done = fullyShipped(f) && new Decimal(f.paid).gte(f.shipped);
    const next = done ? 'closed' : f.orderStatus === 'closed' ? 'to_ship' : null;
    if (next && next !== f.orderStatus)
      await tx.execute(sql`update documents set order_status = ${next} where id = ${f.orderId}`);
  }
}
