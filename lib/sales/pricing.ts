import Decimal from 'decimal.js';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { discountRules, documentLines, documents, partners, products, users } from '@/db/schema';
import { type DocumentInput, type PricedLine, priceLine, vatIn } from '@/lib/documents/document-input';
import { type DocumentKind, kindRules } from '@/lib/documents/kinds';
import { getSetting } from '@/lib/settings/settings';
import type { FieldErrors } from '@/lib/validation/fields';
import { applyDiscounts } from './discounts';

export type PricingResult = { ok: true; lines: PricedLine[] } | { ok: false; errors: FieldErrors };

/**
 * Amounts, discounts and VAT of a document's lines. Offers and orders take each product's VAT rate,
 * the automatic discount rules and the manual percent (within the author's role limit); gifts must be
 * products that may be given. A sales document ships at its order's prices and discounts, and the
 * shipment that completes a line takes exactly what is left of the order line's amount.
 */
export async function priceDocumentLines(
  db: DbOrTx,
  kind: DocumentKind,
  input: DocumentInput,
  actorId: number | null,
  documentId: number | null,
): Promise<PricingResult> {
  if (kindRules[kind].price !== 'sale') return { ok: true, lines: input.lines.map((l) => priceLine(l)) };
  const ids = [...new Set(input.lines.map((l) => l.productId))];
  const items = ids.length
    ? await db
        .select({ id: products.id, vatRate: products.vatRate, giftable: products.giftable })
        .from(products)
        .where(inArray(products.id, ids))
    : [];
  const product = new Map(items.map((p) => [p.id, p]));
  const errors: FieldErrors = {};
  input.lines.forEach((l, i) => {
    if (!product.has(l.productId)) errors[`lines.${i}.productId`] = 'not_found';
    else if (l.gift && !product.get(l.productId)!.giftable) errors[`lines.${i}.gift`] = 'not_giftable';
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  const lines = input.lines.map((l) => ({ ...l, vatRate: product.get(l.productId)!.vatRate }));
  if (kind === 'sales') return priceShipment(db, input, lines, documentId);

  const manual = new Decimal(input.manualDiscountPercent);
  if (manual.gt(0)) {
    const [actor] = actorId
      ? await db.select({ role: users.role }).from(users).where(eq(users.id, actorId))
      : [];
    const limit = actor ? (await getSetting(db, 'manual_discount_limits'))[actor.role] : 0;
    if (manual.gt(limit))
      return { ok: false, errors: { manualDiscountPercent: `discount_above_limit:${limit}` } };
  }
  const [rules, partner] = await Promise.all([
    db.select().from(discountRules).where(isNull(discountRules.archivedAt)),
    input.partnerId
      ? db.select({ segment: partners.segment }).from(partners).where(eq(partners.id, input.partnerId))
      : Promise.resolve([]),
  ]);
  return {
    ok: true,
    lines: applyDiscounts(lines, { rules, segment: partner[0]?.segment ?? null, manualPercent: manual }),
  };
}

async function priceShipment(
  db: DbOrTx,
  input: DocumentInput,
  lines: DocumentInput['lines'],
  documentId: number | null,
): Promise<PricingResult> {
  if (!input.basedOnId) return { ok: false, errors: { basedOnId: 'order_required' } };
  const [orderLines, shipped] = await Promise.all([
    db
      .select()
      .from(documentLines)
      .innerJoin(documents, eq(documents.id, documentLines.documentId))
      .where(and(eq(documents.id, input.basedOnId), eq(documents.kind, 'customer_order'))),
    db.execute<{ productId: number; quantity: string; amount: string }>(sql`
      select l.product_id as "productId", sum(l.quantity)::text as quantity, sum(l.amount)::text as amount
      from documents s join document_lines l on l.document_id = s.id
      where s.kind = 'sales' and s.status = 'posted' and s.based_on_id = ${input.basedOnId}
        and s.id <> ${documentId ?? 0}
      group by 1`),
  ]);
  const ordered = new Map<
    number,
    { quantity: Decimal; amount: Decimal; line: (typeof orderLines)[number]['document_lines'] }
  >();
  for (const { document_lines: l } of orderLines) {
    const o = ordered.get(l.productId);
    if (o) {
      o.quantity = o.quantity.plus(l.quantity);
      o.amount = o.amount.plus(l.amount);
    } else
      ordered.set(l.productId, { quantity: new Decimal(l.quantity), amount: new Decimal(l.amount), line: l });
  }
  const shippedOf = new Map(
    (shipped as unknown as { productId: number; quantity: string; amount: string }[]).map((s) => [
      s.productId,
      s,
    ]),
  );
  const errors: FieldErrors = {};
  const priced = lines.map((l, i) => {
    const o = ordered.get(l.productId);
    if (!o) {
      errors[`lines.${i}.productId`] = 'not_in_order';
      return priceLine(l);
    }
    const line = { ...l, price: o.line.price, gift: o.line.gift, vatRate: o.line.vatRate };
    const s = shippedOf.get(l.productId);
    if (new Decimal(s?.quantity ?? 0).plus(l.quantity).eq(o.quantity)) {
      // The last shipment of a line takes the rest of its amount: kopecks never drift between documents.
      const amount = o.amount.minus(s?.amount ?? 0);
      const gross = new Decimal(line.price).times(l.quantity).toDecimalPlaces(2);
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
