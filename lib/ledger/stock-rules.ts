import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { getSetting } from '@/lib/settings/settings';
import type { RegisterChange } from './apply';

export type Shortage = {
  productId: number;
  product: string;
  warehouseId: number;
  warehouse: string;
  /** What the document takes from this warehouse. */
  need: string;
  /** What was available (on hand minus reserved) before it. */
  available: string;
};

/** A posting refused for lack of stock; names every product and warehouse that is short. */
export class ShortageError extends Error {
  constructor(readonly shortages: Shortage[]) {
    super(
      shortages
        .map((s) => `need ${s.need} × ${s.product} at ${s.warehouse}, ${s.available} available`)
        .join('; '),
    );
    this.name = 'ShortageError';
  }
}

/**
 * With negative stock forbidden (the default), every key whose stock went down must keep on-hand and
 * available (on-hand minus reserved) at or above zero. The balance rows are locked by the posting that
 * changed them, so concurrent postings see each other's results and cannot oversell.
 */
export async function checkStock(tx: Tx, changes: RegisterChange[]): Promise<void> {
  const stock = changes.find((c) => c.register === 'stock');
  const decreased = (stock?.rows ?? []).filter((r) => new Decimal(r.delta.quantity!).isNegative());
  if (decreased.length === 0) return;
  if (await getSetting(tx, 'negative_stock_allowed')) return;
  const keys = decreased.map((r) => ({ warehouse_id: r.key.warehouse_id!, product_id: r.key.product_id! }));
  const reserved = (await tx.execute<{ warehouse_id: number; product_id: number; quantity: string }>(sql`
    select k.warehouse_id, k.product_id, coalesce(sum(r.quantity), 0)::text as quantity
    from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(warehouse_id int, product_id int)
    left join reservation_balances r on r.warehouse_id = k.warehouse_id and r.product_id = k.product_id
    group by k.warehouse_id, k.product_id
  `)) as unknown as { warehouse_id: number; product_id: number; quantity: string }[];
  const reservedOf = (w: number, p: number) =>
    new Decimal(reserved.find((r) => r.warehouse_id === w && r.product_id === p)?.quantity ?? 0);

  const short = decreased.flatMap((r) => {
    const onHand = new Decimal(r.balance.quantity!);
    const available = onHand.minus(reservedOf(r.key.warehouse_id!, r.key.product_id!));
    if (onHand.gte(0) && available.gte(0)) return [];
    const need = new Decimal(r.delta.quantity!).negated();
    return [
      {
        warehouse_id: r.key.warehouse_id!,
        product_id: r.key.product_id!,
        need,
        availableBefore: Decimal.max(available.plus(need), 0),
      },
    ];
  });
  if (short.length === 0) return;
  const names = (await tx.execute<{
    warehouse_id: number;
    product_id: number;
    product: string;
    warehouse: string;
  }>(sql`
    select k.warehouse_id, k.product_id, p.name as product, w.name as warehouse
    from jsonb_to_recordset(${JSON.stringify(short.map((s) => ({ warehouse_id: s.warehouse_id, product_id: s.product_id })))}::jsonb)
      as k(warehouse_id int, product_id int)
    join products p on p.id = k.product_id join warehouses w on w.id = k.warehouse_id
  `)) as unknown as { warehouse_id: number; product_id: number; product: string; warehouse: string }[];
  throw new ShortageError(
    short.map((s) => {
      const n = names.find((x) => x.warehouse_id === s.warehouse_id && x.product_id === s.product_id)!;
      return {
        productId: s.product_id,
        product: n.product,
        warehouseId: s.warehouse_id,
        warehouse: n.warehouse,
        need: s.need.toFixed(),
        available: s.availableBefore.toFixed(),
      };
    }),
  );
}
