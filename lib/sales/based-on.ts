import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents, interests } from '@/db/schema';
import { priceOn } from '@/lib/catalogs/prices';
import { defaultSalePriceTypeId, defaultWarehouseId } from '@/lib/catalogs/simple';
import { interestCard, interestLinesOf } from '@/lib/crm/interest-card';
import { companyClock } from '@/lib/crm/workplace';
import { type DocumentKind, documentKinds } from '@/lib/documents/kinds';
import { kindModule } from '@/lib/documents/kinds/registry';
import { getDocument } from '@/lib/documents/queries';
import type { DocumentDraft } from './draft';

export type { DocumentDraft, DraftLine } from './draft';

/** What can be made on the basis of a document of this kind (Создать на основании). */
export const basedOnKinds = (kind: DocumentKind): DocumentKind[] =>
  documentKinds.filter((k) => kindModule(k).madeFrom?.includes(kind));

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
  const { fromInterest, fields } = kindModule(kind);
  if (!fromInterest) return null;
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
    prepaymentPercent: fields.includes('prepaymentPercent') ? interest.prepaymentPercent : null,
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
      action: fields.includes('lineAction') ? 'reserve' : null,
    })),
    allocations: [],
  };
}

/**
 * A document made on the basis of another: the base's client, contact, price type, warehouse and
 * manual discount, the chain (basis and interest), and what the kind takes from its base (its module's
 * `draft`). Null when the base is missing, marked for deletion, or the kind is not made from it.
 */
export async function draftFromDocument(
  db: DbOrTx,
  baseId: number,
  kind: DocumentKind,
): Promise<DocumentDraft | null> {
  const base = await getDocument(db, baseId);
  const module = kindModule(kind);
  if (!base || base.status === 'deleted' || !base.partnerId || !module.madeFrom?.includes(base.kind))
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
  await module.draft?.(db, base, draft);
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
