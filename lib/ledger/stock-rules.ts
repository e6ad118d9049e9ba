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

type StockRow = {
  warehouse_id: number;
  product_id: number;
  on_hand: string;
  reserved: string;
  product: string;
  warehouse: string;
};

/**
 * With negative stock forbidden (the default), every key whose stock went down or whose reservations
 * went up must keep on-hand and available (on-hand minus reserved) at or above zero. The balance rows
 * are locked by the posting that changed them, so concurrent postings see each other's results and
 * cannot oversell.
 */
export async function checkStock(tx: Tx, changes: RegisterChange[]): Promise<void> {
  const taken = new Map<
    string,
    { warehouse_id: number; product_id: number; stock: Decimal; reserved: Decimal }
  >();
  const entry = (key: Record<string, number>) => {
    const k = `${key.warehouse_id}:${key.product_id}`;
    let e = taken.get(k);
    if (!e) {
      e = {
        warehouse_id: key.warehouse_id!,
        product_id: key.product_id!,
        stock: new Decimal(0),
        reserved: new Decimal(0),
      };
      taken.set(k, e);
    }
    return e;
  };
  for (const r of changes.find((c) => c.register === 'stock')?.rows ?? []) {
    const delta = new Decimal(r.delta.quantity!);
    if (delta.isNegative()) entry(r.key).stock = delta.negated();
  }
  for (const r of changes.find((c) => c.register === 'reservations')?.rows ?? []) {
    const e = entry(r.key);
    e.reserved = e.reserved.plus(r.delta.quantity!);
  }
  const keys = [...taken.values()].filter((e) => e.stock.gt(0) || e.reserved.gt(0));
  if (keys.length === 0) return;
  const [allowed, rows] = (await Promise.all([
    getSetting(tx, 'negative_stock_allowed'),
    tx.execute(sql`
    select k.warehouse_id, k.product_id, coalesce(s.quantity, 0)::text as on_hand,
      (select coalesce(sum(r.quantity), 0) from reservation_balances r
        where r.warehouse_id = k.warehouse_id and r.product_id = k.product_id)::text as reserved,
      p.name as product, w.name as warehouse
    from jsonb_to_recordset(${JSON.stringify(keys.map(({ warehouse_id, product_id }) => ({ warehouse_id, product_id })))}::jsonb)
      as k(warehouse_id int, product_id int)
    left join stock_balances s on s.warehouse_id = k.warehouse_id and s.product_id = k.product_id
    join products p on p.id = k.product_id join warehouses w on w.id = k.warehouse_id
  `),
  ])) as [boolean, unknown] as [boolean, StockRow[]];
  if (allowed) return;
  const short = rows.flatMap((row) => {
    const onHand = new Decimal(row.on_hand);
    const available = onHand.minus(row.reserved);
    if (onHand.gte(0) && available.gte(0)) return [];
    const e = taken.get(`${row.warehouse_id}:${row.product_id}`)!;
    const need = Decimal.max(e.stock, e.reserved);
    return [
      {
        productId: row.product_id,
        product: row.product,
        warehouseId: row.warehouse_id,
        warehouse: row.warehouse,
        need: need.toFixed(),
        // What was available before this document: its own taking added back.
        available: Decimal.max(available.plus(e.stock).plus(e.reserved), 0).toFixed(),
      },
    ];
  });
  if (short.length > 0) throw new ShortageError(short);
}
