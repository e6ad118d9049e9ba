import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { inOrder } from '@/db/pipeline';
import type { settingDefaults } from '@/lib/settings/settings';
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

/** The setting (lib/settings) that lets postings take stock below zero. */
const NEGATIVE_STOCK_SETTING = 'negative_stock_allowed' satisfies keyof typeof settingDefaults;
/** Read in the rule's own statements: with negative stock allowed they lock and return nothing. */
const negativeStockForbidden = sql`not coalesce((select value = 'true'::jsonb from settings where key = ${NEGATIVE_STOCK_SETTING}), false)`;

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
 * went up must keep on-hand and available (on-hand minus reserved) at or above zero. Concurrent
 * postings of a key take turns on its stock balance row: one that takes stock holds it from its write;
 * one that reserves locks it here, before the check, since each order's reservations are a row of
 * their own that no other posting waits for. The check is a statement after the lock, so it reads what
 * the posting it waited for committed.
 */
export async function checkStock(tx: Tx, changes: RegisterChange[]): Promise<void> {
  const { taken, keys } = stockKeysToCheck(changes);
  if (keys.length === 0) return;
  const reserving = keys
    .filter((e) => e.reserved.gt(0) && e.stock.isZero())
    .sort((a, b) => a.warehouse_id - b.warehouse_id || a.product_id - b.product_id);
  // In key order, each by index (see below).
  const lockReserved = () =>
    tx.execute(sql`
      select (select 1 from stock_balances s
        where s.warehouse_id = k.warehouse_id and s.product_id = k.product_id for no key update)
      from jsonb_to_recordset(${JSON.stringify(reserving.map(({ warehouse_id, product_id }) => ({ warehouse_id, product_id })))}::jsonb)
        as k(warehouse_id int, product_id int)
      where ${negativeStockForbidden}`);
  // Only the keys that went short come back, with the names the refusal shows. Every value is an
  // index lookup by key, so the plan stays the same however many products and balances there are
  // (a join would be planned for the hundred rows PostgreSQL assumes a JSON set to have).
  const [, short] = (await inOrder(reserving.length > 0 && lockReserved, () =>
    tx.execute(sql`
    select k.warehouse_id, k.product_id, b.on_hand::text, b.reserved::text,
      (select name from products where id = k.product_id) as product,
      (select name from warehouses where id = k.warehouse_id) as warehouse
    from jsonb_to_recordset(${JSON.stringify(keys.map(({ warehouse_id, product_id }) => ({ warehouse_id, product_id })))}::jsonb)
      as k(warehouse_id int, product_id int)
    cross join lateral (select
      coalesce((select s.quantity from stock_balances s
        where s.warehouse_id = k.warehouse_id and s.product_id = k.product_id), 0) as on_hand,
      (select coalesce(sum(r.quantity), 0) from reservation_balances r
        where r.warehouse_id = k.warehouse_id and r.product_id = k.product_id) as reserved
      offset 0) b
    where (b.on_hand < 0 or b.on_hand < b.reserved)
      and ${negativeStockForbidden}
  `),
  )) as unknown as [unknown, StockRow[]];
  const shortages = short.map((row) => {
    const available = new Decimal(row.on_hand).minus(row.reserved);
    const e = taken.get(`${row.warehouse_id}:${row.product_id}`)!;
    return {
      productId: row.product_id,
      product: row.product,
      warehouseId: row.warehouse_id,
      warehouse: row.warehouse,
      need: Decimal.max(e.stock, e.reserved).toFixed(),
      // What was available before this document: its own taking added back.
      available: Decimal.max(available.plus(e.stock).plus(e.reserved), 0).toFixed(),
    };
  });
  if (shortages.length > 0) throw new ShortageError(shortages);
}

/**
 * The stock keys the rule checks: whose stock a posting took (on-hand and available must stay at or above
 * zero) or whose reservations it raised. None: the rule reads nothing.
 */
export function stockKeysToCheck(changes: readonly RegisterChange[]) {
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
  return { taken, keys };
}
