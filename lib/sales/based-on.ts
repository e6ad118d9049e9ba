import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents, interests } from '@/db/schema';
import { priceOn } from '@/lib/catalogs/prices';
import { defaultSalePriceTypeId, defaultWarehouseId } from '@/lib/catalogs/simple';
import { interestCard, interestLinesOf } from '@/lib/crm/interest-card';
import { companyClock } from '@/lib/crm/workplace';
import type { DocumentKind } from '@/lib/documents/kinds';
import { getDocument } from '@/lib/documents/queries';
import { loadOrderFacts, orderSettlements } from './order-facts';

export type DraftLine = {
  productId: number;
  product: string;
  sku: string;
  quantity: string;
  price: string;
  gift: boolean;
  action: 'reserve' | 'ship' | 'none' | null;
};

/** A new document prefilled from what it is made on the basis of; the user reviews it and saves. */
export type DocumentDraft = {
  partnerId: number;
  partner: string;
  contactId: number | null;
  priceTypeId: number | null;
  warehouseId: number | null;
  manualDiscountPercent: string;
  prepaymentPercent: string | null;
  /** Bank receipts: the amount received. */
  amount: string | null;
  /** Kept in the form, so the chain interest → offer → order → payment → sales is stored. */
  basedOnId: number | null;
  interestId: number | null;
  lines: DraftLine[];
  allocations: { orderId: number; amount: string }[];
};

/** What can be made on the basis of what (Создать на основании). */
export const basedOnKinds: Partial<Record<DocumentKind, DocumentKind[]>> = {
  commercial_offer: ['customer_order'],
  customer_order: ['sales', 'bank_receipt'],
};

/**
 * An offer or an order for a client interest: its client, contact, price type (else the main sale price
 * type) and product lines (a line the interest has no price for at today's price of that type), the main
 * warehouse, and for an order its prepayment terms. Null when the interest does not exist or the kind is
 * neither.
 */
export async function draftFromInterest(
  db: DbOrTx,
  interestId: number,
  kind: DocumentKind,
): Promise<DocumentDraft | null> {
  if (kind !== 'commercial_offer' && kind !== 'customer_order') return null;
  const card = await interestCard(db, interestId);
  if (!card) return null;
  const { interest } = card;
  const [lines, warehouseId, mainPriceTypeId] = await Promise.all([
    interestLinesOf(db, interestId),
    defaultWarehouseId(db),
    interest.priceTypeId ? null : defaultSalePriceTypeId(db),
  ]);
  const priceTypeId = interest.priceTypeId ?? mainPriceTypeId;
  const today = companyClock(new Date()).day;
  const prices = await Promise.all(
    lines.map(async (l) =>
      new Decimal(l.price).isZero() && priceTypeId
        ? ((await priceOn(db, l.productId, priceTypeId, today)) ?? l.price)
        : l.price,
    ),
  );
  return {
    partnerId: interest.partnerId,
    partner: card.partner,
    contactId: interest.contactId,
    priceTypeId,
    warehouseId,
    manualDiscountPercent: '0',
    prepaymentPercent: kind === 'customer_order' ? interest.prepaymentPercent : null,
    amount: null,
    basedOnId: null,
    interestId,
    lines: lines.map((l, i) => ({
      productId: l.productId,
      product: l.product,
      sku: l.sku,
      quantity: l.quantity,
      price: prices[i]!,
      gift: false,
      action: kind === 'customer_order' ? 'reserve' : null,
    })),
    allocations: [],
  };
}

/**
 * A document made on the basis of another: an order from an offer (its lines, gifts and manual
 * discount, so the same discounts apply), a sales document from an order (what is left to ship, from
 * the order's warehouse), a bank receipt from an order (what is left to pay, allocated to it).
 * Null when the base is missing, marked for deletion, or the pair is not in `basedOnKinds`.
 */
export async function draftFromDocument(
  db: DbOrTx,
  baseId: number,
  kind: DocumentKind,
): Promise<DocumentDraft | null> {
  const base = await getDocument(db, baseId);
  if (!base || base.status === 'deleted' || !base.partnerId || !basedOnKinds[base.kind]?.includes(kind))
    return null;
  const draft: DocumentDraft = {
    partnerId: base.partnerId,
    partner: base.partner ?? '',
    contactId: base.contactId,
    priceTypeId: base.priceTypeId,
    warehouseId: base.warehouseId,
    manualDiscountPercent: base.manualDiscountPercent,
    prepaymentPercent: null,
    amount: null,
    basedOnId: base.id,
    interestId: base.interestId,
    lines: [],
    allocations: [],
  };
  const line = (l: (typeof base.lines)[number], quantity: string, action: DraftLine['action']) => ({
    productId: l.productId,
    product: l.product,
    sku: l.sku,
    quantity,
    price: l.price,
    gift: l.gift,
    action,
  });

  if (kind === 'customer_order') {
    const [interest] = base.interestId
      ? await db
          .select({ prepaymentPercent: interests.prepaymentPercent })
          .from(interests)
          .where(eq(interests.id, base.interestId))
      : [];
    draft.prepaymentPercent = interest?.prepaymentPercent ?? null;
    draft.lines = base.lines.map((l) => line(l, l.quantity, 'reserve'));
    return draft;
  }

  const facts = (await loadOrderFacts(db, [base.id])).get(base.id)!;
  if (kind === 'bank_receipt') {
    const { toPay } = orderSettlements(facts);
    draft.amount = toPay;
    draft.allocations = new Decimal(toPay).gt(0) ? [{ orderId: base.id, amount: toPay }] : [];
    return draft;
  }

  // Sales: the order's lines to provide, less what posted sales already shipped, earliest lines first.
  const left = new Map(
    facts.products.map((p) => [p.productId, Decimal.max(new Decimal(p.ordered).minus(p.shipped), 0)]),
  );
  for (const l of base.lines) {
    if (l.action === 'none') continue;
    const quantity = Decimal.min(l.quantity, left.get(l.productId) ?? 0);
    if (quantity.lte(0)) continue;
    left.set(l.productId, left.get(l.productId)!.minus(quantity));
    draft.lines.push(line(l, quantity.toFixed(3), null));
  }
  return draft;
}

/** The document a document was made on the basis of, and its client interest: the chain, for links. */
export async function chainOf(db: DbOrTx, doc: { basedOnId: number | null; interestId: number | null }) {
  const [base, interest] = await Promise.all([
    doc.basedOnId
      ? db
          .select({ id: documents.id, kind: documents.kind, number: documents.number, date: documents.date })
          .from(documents)
          .where(eq(documents.id, doc.basedOnId))
      : [],
    doc.interestId
      ? db
          .select({ id: interests.id, title: interests.title })
          .from(interests)
          .where(eq(interests.id, doc.interestId))
      : [],
  ]);
  return { base: base[0] ?? null, interest: interest[0] ?? null };
}
