import Decimal from 'decimal.js';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { discountRules, documentLines, documents, partners, products } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { companyClock } from '@/lib/crm/workplace';
import type { DocumentInput } from '@/lib/documents/document-input';
import type { DocumentKindModule } from '@/lib/documents/kinds/kind-module';
import { type PricedLine, priceLine, vatIn } from '@/lib/documents/line-amounts';
import { loadReturnBasis, type ReturnBasis } from '@/lib/returns/basis';
import { getSetting } from '@/lib/settings/settings';
import type { FieldErrors } from '@/lib/validation/fields';
import { applyDiscounts } from './discounts';
import { shippedOf } from './order-facts';

/** A shipment's pricing comes with the basis it read (its order, under the order's lock). */
export type PricingResult =
  | { ok: true; lines: PricedLine[]; basis?: ShipmentBasis }
  | { ok: false; errors: FieldErrors };

/**
 * Amounts, discounts and VAT of a document's lines. Offers and orders take each product's VAT rate,
 * the automatic discount rules and the manual percent (within the author's role limit); gifts must be
 * products that may be given. A sales document ships at its order's prices and discounts, and the
 * shipment that completes a line takes exactly what is left of the order line's amount.
 */
export async function priceDocumentLines(
  db: DbOrTx,
  pricing: DocumentKindModule['pricing'],
  input: DocumentInput,
  actor: Actor | null,
  documentId: number | null,
): Promise<PricingResult> {
  if (pricing === 'typed') return { ok: true, lines: input.lines.map((l) => priceLine(l)) };
  if (pricing === 'return') {
    if (!input.basedOnId) return { ok: false, errors: { basedOnId: 'return_basis_required' } };
    return priceReturn(input.lines, await loadReturnBasis(db, 'client_return', input.basedOnId, documentId));
  }
  const shipment = pricing === 'shipment';
  if (shipment && !input.basedOnId) return { ok: false, errors: { basedOnId: 'order_required' } };
  const ids = [...new Set(input.lines.map((l) => l.productId))];
  const manual = new Decimal(input.manualDiscountPercent);
  // Everything pricing reads, asked for at once.
  const [items, basis, rules, partner, limits, listPrices] = await Promise.all([
    ids.length
      ? db
          .select({ id: products.id, vatRate: products.vatRate, giftable: products.giftable })
          .from(products)
          .where(inArray(products.id, ids))
      : [],
    shipment ? loadShipmentBasis(db, input.basedOnId!, documentId) : null,
    shipment ? [] : db.select().from(discountRules).where(isNull(discountRules.archivedAt)),
    !shipment && input.partnerId
      ? db.select({ segment: partners.segment }).from(partners).where(eq(partners.id, input.partnerId))
      : [],
    !shipment && actor ? getSetting(db, 'manual_discount_limits') : null,
    !shipment && actor && ids.length
      ? listPricesOn(db, ids, input.priceTypeId, companyClock(input.date).day)
      : new Map<number, string>(),
  ]);
  const product = new Map(items.map((p) => [p.id, p]));
  const errors: FieldErrors = {};
  input.lines.forEach((l, i) => {
    if (!product.has(l.productId)) errors[`lines.${i}.productId`] = 'not_found';
    else if (l.gift && !product.get(l.productId)!.giftable) errors[`lines.${i}.gift`] = 'not_giftable';
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  const lines = input.lines.map((l) => ({ ...l, vatRate: product.get(l.productId)!.vatRate }));
  if (basis) {
    const priced = priceShipment(input.lines, basis);
    return priced.ok ? { ...priced, basis } : priced;
  }

  const limit = actor && limits ? limits[actor.role] : 0;
  if (manual.gt(limit))
    return { ok: false, errors: { manualDiscountPercent: `discount_above_limit:${limit}` } };
  const floors = actor ? belowListPrice(lines, listPrices, manual, limit) : {};
  if (Object.keys(floors).length) return { ok: false, errors: floors };
  return {
    ok: true,
    lines: applyDiscounts(lines, { rules, segment: partner[0]?.segment ?? null, manualPercent: manual }),
  };
}

/**
 * The list prices a manual price is held to: the document's price type on its date, or with none
 * chosen the highest sale price of the product (so leaving the price type empty is no way round).
 */
async function listPricesOn(
  db: DbOrTx,
  productIds: number[],
  priceTypeId: number | null,
  day: string,
): Promise<Map<number, string>> {
  const rows = (await db.execute<{ productId: number; price: string }>(sql`
    select product_id as "productId", max(price)::text as price from (
      select distinct on (p.product_id, p.price_type_id) p.product_id, p.price
      from prices p join price_types t on t.id = p.price_type_id
      where p.product_id = any(${`{${productIds.join(',')}}`}::int[]) and p.valid_from <= ${day}
        and p.archived_at is null and t.archived_at is null
        and ${priceTypeId === null ? sql`t.purpose = 'sale'` : sql`t.id = ${priceTypeId}`}
      order by p.product_id, p.price_type_id, p.valid_from desc) current
    group by product_id`)) as unknown as { productId: number; price: string }[];
  return new Map(rows.map((r) => [r.productId, r.price]));
}

/**
 * A price typed below the list price is a discount too: with the manual percent on top it must stay
 * within the role's limit. Gifts go at zero by their own rule. The refusal names the lowest price
 * the user may give at the manual percent chosen.
 */
function belowListPrice(
  lines: readonly { productId: number; price: string; gift?: boolean }[],
  listPrices: Map<number, string>,
  manual: Decimal,
  limit: number,
): FieldErrors {
  const errors: FieldErrors = {};
  const keep = new Decimal(1).minus(manual.div(100));
  const lowest = new Decimal(1).minus(new Decimal(limit).div(100));
  lines.forEach((l, i) => {
    const list = listPrices.get(l.productId);
    if (l.gift || !list) return;
    const floor = new Decimal(list).times(lowest);
    if (new Decimal(l.price).times(keep).lt(floor.minus(0.005)))
      errors[`lines.${i}.price`] =
        `price_below_limit:${floor.div(keep).toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2)}`;
  });
  return errors;
}

/**
 * The order (what shipping checks of its header, null when there is no such order with lines), its
 * lines, and what its other posted sales documents shipped of each product.
 */
export async function loadShipmentBasis(db: DbOrTx, orderId: number, documentId: number | null) {
  const [orderLines, shipped] = await Promise.all([
    // Of the order, only what shipping it checks: a document's every column on every line would be
    // read and mapped for nothing. By its key alone, its kind checked below: with statistics that did
    // not know customer orders yet, PostgreSQL looked the order up through the (kind, date) index,
    // reading every order (12–22 ms a shipment at 24 000 orders).
    db
      .select({
        line: documentLines,
        kind: documents.kind,
        status: documents.status,
        orderStatus: documents.orderStatus,
        partnerId: documents.partnerId,
        warehouseId: documents.warehouseId,
      })
      .from(documentLines)
      .innerJoin(documents, eq(documents.id, documentLines.documentId))
      .where(eq(documents.id, orderId)),
    db.execute<{ productId: number; quantity: string; amount: string }>(sql`
      select product_id as "productId", quantity::text, amount::text
      from (${shippedOf(`{${orderId}}`, documentId ?? 0)}) shipped`),
  ]);
  const lines = orderLines.filter((r) => r.kind === 'customer_order');
  const [first] = lines;
  return {
    order: first
      ? {
          status: first.status,
          orderStatus: first.orderStatus,
          partnerId: first.partnerId,
          warehouseId: first.warehouseId,
        }
      : null,
    orderLines: lines.map((r) => r.line),
    shipped: shipped as unknown as { productId: number; quantity: string; amount: string }[],
  };
}

/** What a shipment is priced and checked against, read under its order's lock. */
export type ShipmentBasis = Awaited<ReturnType<typeof loadShipmentBasis>>;

/**
 * A shipment's lines at the order's prices and discounts; the one that completes an order line takes
 * exactly what is left of the line's amount, so kopecks never drift between documents.
 */
export function priceShipment(
  lines: readonly { productId: number; quantity: string }[],
  { orderLines, shipped }: Pick<Awaited<ReturnType<typeof loadShipmentBasis>>, 'orderLines' | 'shipped'>,
): PricingResult {
  const ordered = new Map<
    number,
    { quantity: Decimal; amount: Decimal; line: (typeof orderLines)[number] }
  >();
  for (const l of orderLines) {
    const o = ordered.get(l.productId);
    if (o) {
      o.quantity = o.quantity.plus(l.quantity);
      o.amount = o.amount.plus(l.amount);
    } else
      ordered.set(l.productId, { quantity: new Decimal(l.quantity), amount: new Decimal(l.amount), line: l });
  }
  const shippedOf = new Map(shipped.map((s) => [s.productId, s]));
  const errors: FieldErrors = {};
  const priced = lines.map(({ productId, quantity }, i) => {
    const o = ordered.get(productId);
    const line = {
      productId,
      quantity,
      price: o?.line.price ?? '0.00',
      gift: o?.line.gift ?? false,
      vatRate: o?.line.vatRate ?? ('none' as const),
      action: null,
    };
    if (!o) {
      errors[`lines.${i}.productId`] = 'not_in_order';
      return priceLine(line);
    }
    const s = shippedOf.get(productId);
    if (new Decimal(s?.quantity ?? 0).plus(quantity).eq(o.quantity)) {
      const amount = o.amount.minus(s?.amount ?? 0);
      const gross = new Decimal(line.price).times(quantity).toDecimalPlaces(2);
      return {
        ...line,
        discountPercent: o.line.discountPercent,
        discountAmount: Decimal.max(gross.minus(amount), 0).toFixed(2),
        amount: amount.toFixed(2),
        vatAmount: vatIn(amount, line.vatRate).toFixed(2),
      };
    }
    return priceLine(line, o.line.discountPercent);
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, lines: priced };
}

/**
 * A client return's lines at its sale's prices and discounts, as a shipment is priced from its order:
 * the return that brings the last of a product back takes exactly the rest of its amount and VAT.
 */
export function priceReturn(
  lines: readonly { productId: number; quantity: string }[],
  basis: ReturnBasis,
): PricingResult {
  if (!basis.basis) return { ok: false, errors: { basedOnId: 'return_basis_required' } };
  const priced = priceShipment(lines, { orderLines: basis.lines, shipped: basis.returned });
  if (!priced.ok)
    return {
      ok: false,
      errors: Object.fromEntries(
        Object.entries(priced.errors).map(([k, v]) => [k, v === 'not_in_order' ? 'not_in_basis' : v]),
      ),
    };
  const sold = new Map<number, { quantity: Decimal; vat: Decimal }>();
  for (const l of basis.lines) {
    const s = sold.get(l.productId) ?? { quantity: new Decimal(0), vat: new Decimal(0) };
    sold.set(l.productId, { quantity: s.quantity.plus(l.quantity), vat: s.vat.plus(l.vatAmount) });
  }
  const taken = new Map(basis.returned.map((r) => [r.productId, r]));
  return {
    ok: true,
    lines: priced.lines.map((p) => {
      const s = sold.get(p.productId)!;
      const t = taken.get(p.productId);
      if (!new Decimal(t?.quantity ?? 0).plus(p.quantity).eq(s.quantity)) return p;
      return { ...p, vatAmount: s.vat.minus(t?.vatAmount ?? 0).toFixed(2) };
    }),
  };
}

/**
 * Writes lines priced again under a lock (a shipment by its order, a return by its sale) back to the
 * document with its header's totals; the lines as priced, or undefined when nothing changed.
 */
export async function rewriteLinePrices<L extends { lineNo?: number; amount: string; vatAmount: string }>(
  tx: Tx,
  documentId: number,
  lines: readonly L[],
  priced: readonly PricedLine[],
): Promise<L[] | undefined> {
  if (priced.every((p, i) => p.amount === lines[i]!.amount && p.vatAmount === lines[i]!.vatAmount))
    return undefined;
  const repriced = lines.map((l, i) => ({
    ...l,
    amount: priced[i]!.amount,
    vatAmount: priced[i]!.vatAmount,
  }));
  const rows = priced.map((p, i) => ({ ...p, lineNo: lines[i]!.lineNo }));
  await tx.execute(sql`
    with changed as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as c("lineNo" int, "discountPercent" numeric, "discountAmount" numeric, amount numeric, "vatAmount" numeric)
    ), lines as (
      update document_lines l set discount_percent = c."discountPercent", discount_amount = c."discountAmount",
        amount = c.amount, vat_amount = c."vatAmount"
      from changed c where l.document_id = ${documentId} and l.line_no = c."lineNo"
    )
    update documents set amount = (select sum(amount) from changed),
      discount_amount = (select sum("discountAmount") from changed),
      vat_amount = (select sum("vatAmount") from changed)
    where id = ${documentId}`);
  return repriced;
}
