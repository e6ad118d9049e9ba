import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import type { Actor } from '@/lib/access/rules';
import { companyClock } from '@/lib/crm/workplace';
import { DocumentRuleError } from '@/lib/documents/errors';
import { saveDocument } from '@/lib/documents/save-document';
import type { ReportTable } from '@/lib/export/table-export';
import type { Translate } from '@/lib/i18n/translate';
import { purchasePriceType } from '@/lib/purchases/purchase-prices';
import { balancesByKey, type ProductFilters, productConditions } from '@/lib/reports/filters';
import { type Refusal, refuse } from '@/lib/validation/result';

export type WhatToOrderRow = {
  warehouseId: number;
  warehouse: string;
  productId: number;
  sku: string;
  product: string;
  unit: string;
  minStock: string;
  onHand: string;
  reserved: string;
  /** Expected by posted supplier orders. */
  expected: string;
  /** In supplier orders not posted yet (drafts this list made, say): ordered, just not sent. */
  drafted: string;
  /** Up to the minimum: min − (on hand − reserved + expected + drafted). */
  suggested: string;
  supplierId: number | null;
  supplier: string | null;
};

/**
 * Что заказать: each goods product with a minimum stock, at each warehouse (or the one chosen), whose
 * free stock plus what is expected and drafted stays below that minimum, with the quantity that
 * brings it back up. Read from the balance tables and the draft orders' lines only.
 */
export async function whatToOrder(db: DbOrTx, f: ProductFilters): Promise<WhatToOrderRow[]> {
  return (await db.execute(sql`
    with balance as (${balancesByKey(f)}),
    drafted as (
      select d.warehouse_id, l.product_id, sum(l.quantity) as quantity
      from documents d join document_lines l on l.document_id = d.id
      where d.kind = 'supplier_order' and d.status = 'draft' group by 1, 2
    ), keyed as (
      select w.id as warehouse_id, w.name as warehouse, p.id as product_id, p.sku, p.name as product, p.unit,
        p.min_stock, coalesce(b.on_hand, 0) as on_hand, coalesce(b.reserved, 0) as reserved,
        coalesce(b.expected, 0) as expected, coalesce(dr.quantity, 0) as drafted,
        p.main_supplier_id, s.name as supplier
      from products p
      cross join warehouses w
      left join balance b on b.product_id = p.id and b.warehouse_id = w.id
      left join drafted dr on dr.product_id = p.id and dr.warehouse_id = w.id
      left join partners s on s.id = p.main_supplier_id
      where p.min_stock > 0 and p.kind = 'goods' and p.archived_at is null and w.archived_at is null
        and ${f.warehouseId ? sql`w.id = ${f.warehouseId}` : sql`true`} and ${productConditions(f)}
    )
    select warehouse_id as "warehouseId", warehouse, product_id as "productId", sku, product, unit,
      min_stock::numeric(15,3)::text as "minStock", on_hand::numeric(15,3)::text as "onHand",
      reserved::numeric(15,3)::text as reserved, expected::numeric(15,3)::text as expected,
      drafted::numeric(15,3)::text as drafted,
      (min_stock - (on_hand - reserved + expected + drafted))::numeric(15,3)::text as suggested,
      main_supplier_id as "supplierId", supplier
    from keyed
    where on_hand - reserved + expected + drafted < min_stock
    order by supplier nulls last, warehouse, product, product_id
    limit 5000
  `)) as unknown as WhatToOrderRow[];
}

export function whatToOrderTable(
  rows: WhatToOrderRow[],
  t: Translate,
  caption?: string,
): ReportTable<WhatToOrderRow> {
  return {
    title: t('nav.whatToOrder'),
    caption,
    rows,
    columns: [
      {
        label: t('whatToOrder.supplier'),
        kind: 'text',
        value: (r) => r.supplier ?? t('whatToOrder.noSupplier'),
      },
      { label: t('stock.warehouse'), kind: 'text', value: (r) => r.warehouse },
      { label: t('field.sku'), kind: 'text', value: (r) => r.sku },
      {
        label: t('field.product'),
        kind: 'text',
        value: (r) => r.product,
        link: (r) => `/products/${r.productId}`,
      },
      { label: t('field.unit'), kind: 'text', value: (r) => r.unit },
      { label: t('whatToOrder.minStock'), kind: 'quantity', value: (r) => r.minStock },
      { label: t('whatToOrder.onHand'), kind: 'quantity', value: (r) => r.onHand },
      { label: t('whatToOrder.reserved'), kind: 'quantity', value: (r) => r.reserved },
      { label: t('whatToOrder.expected'), kind: 'quantity', value: (r) => r.expected },
      { label: t('whatToOrder.drafted'), kind: 'quantity', value: (r) => r.drafted },
      { label: t('whatToOrder.suggested'), kind: 'quantity', value: (r) => r.suggested },
    ],
  };
}

/**
 * Drafts one supplier order per main supplier and warehouse for what the list suggests, at the
 * purchase price type's prices in force, with VAT as supplier orders take them (none: zero, to be
 * filled in). One transaction under one advisory lock:
 * the list is read again inside it and counts the drafts, so a second click (or two at once) finds
 * nothing left to order and drafts nothing. Products without a main supplier are left out.
 */
export async function draftSupplierOrders(
  db: DbOrTx,
  f: ProductFilters,
  actor: Actor | null,
): Promise<{ ok: true; ids: number[] } | Refusal> {
  try {
    return await db.transaction((tx) => draftUnderLock(tx, f, actor));
  } catch (error) {
    // One order refused: none of them is kept.
    if (error instanceof DocumentRuleError) return refuse(error.errors);
    throw error;
  }
}

async function draftUnderLock(
  tx: Tx,
  f: ProductFilters,
  actor: Actor | null,
): Promise<{ ok: true; ids: number[] }> {
  {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('torg:what-to-order'))`);
    const rows = (await whatToOrder(tx, f)).filter((r) => r.supplierId !== null);
    const day = companyClock(new Date()).day;
    // A supplier order's prices include VAT: a type without it gets the product's rate added.
    const prices = (await tx.execute(sql`
      with type as (${purchasePriceType})
      select distinct on (pr.product_id) pr.product_id as "productId",
        (case when t.includes_vat then pr.price
              else round(pr.price * (100 + case p.vat_rate when '22' then 22 when '10' then 10 else 0 end) / 100, 2)
         end)::numeric(15,2)::text as price
      from prices pr join type t on t.id = pr.price_type_id join products p on p.id = pr.product_id
      where pr.valid_from <= ${day} and pr.archived_at is null
        and pr.product_id = any(${`{${rows.map((r) => r.productId).join(',')}}`}::int[])
      order by pr.product_id, pr.valid_from desc`)) as unknown as { productId: number; price: string }[];
    const priceOf = new Map(prices.map((p) => [p.productId, p.price]));
    const groups = new Map<string, WhatToOrderRow[]>();
    for (const r of rows) {
      const key = `${r.supplierId}:${r.warehouseId}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const ids: number[] = [];
    for (const lines of groups.values()) {
      const saved = await saveDocument(
        tx,
        'supplier_order',
        null,
        {
          date: new Date().toISOString(),
          partnerId: lines[0]!.supplierId,
          warehouseId: lines[0]!.warehouseId,
          supplierOrderStatus: 'to_receive',
          lines: lines.slice(0, 1000).map((l) => ({
            productId: l.productId,
            // Whole units up: a minimum of 5 with 3.5 free asks for 2.
            quantity: new Decimal(l.suggested).toFixed(0, Decimal.ROUND_UP),
            price: priceOf.get(l.productId) ?? '0',
          })),
        },
        actor,
      );
      if (!saved.ok) throw new DocumentRuleError(saved.errors);
      ids.push(saved.id);
    }
    return { ok: true as const, ids };
  }
}
