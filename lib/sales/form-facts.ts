import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { contactPersons, documents, paymentAllocations } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { companyClock } from '@/lib/crm/workplace';
import { documentSchema } from '@/lib/documents/document-input';
import { type DocumentKind, kindRules } from '@/lib/documents/kinds';
import { kindModule } from '@/lib/documents/kinds/registry';
import { supplierOrderChoices } from '@/lib/purchases/supplier-orders';
import { clientReturnChoices } from '@/lib/returns/refunds';
import { idFrom, moment } from '@/lib/validation/fields';
import { type DocumentTotals, documentTotals } from './discounts';
import { loadOrderFacts, orderSettlements } from './order-facts';
import { priceDocumentLines } from './pricing';

export type OrderChoice = { id: number; number: string; date: Date; toPay: string };

/**
 * What a client's sales document can refer to: the client's contact persons, and their posted orders
 * still open (to ship from, to pay for), plus `keepOrderIds` the document already names even if closed.
 */
export async function clientChoices(db: DbOrTx, partnerId: number, keepOrderIds: readonly number[] = []) {
  const [contacts, orders] = await Promise.all([
    db
      .select({ id: contactPersons.id, name: contactPersons.name })
      .from(contactPersons)
      .where(and(eq(contactPersons.partnerId, partnerId), isNull(contactPersons.archivedAt)))
      .orderBy(asc(contactPersons.name)),
    db
      .select({ id: documents.id, number: documents.number, date: documents.date })
      .from(documents)
      .where(
        and(
          eq(documents.kind, 'customer_order'),
          eq(documents.partnerId, partnerId),
          or(
            and(eq(documents.status, 'posted'), inArray(documents.orderStatus, ['to_provide', 'to_ship'])),
            keepOrderIds.length ? inArray(documents.id, [...keepOrderIds]) : undefined,
          ),
        ),
      )
      .orderBy(desc(documents.date), desc(documents.id))
      .limit(100),
  ]);
  const facts = await loadOrderFacts(
    db,
    orders.map((o) => o.id),
  );
  return {
    contacts,
    orders: orders.map(
      (o): OrderChoice => ({
        ...o,
        toPay: facts.has(o.id) ? orderSettlements(facts.get(o.id)!).toPay : '0.00',
      }),
    ),
  };
}

export type ProductFacts = { listPrice: string | null; onHand: string | null; available: string | null };

/** Per product: its price of the price type on the day, and what the warehouse holds and has free. */
export async function productFacts(
  db: DbOrTx,
  query: {
    productIds: readonly number[];
    priceTypeId: number | null;
    warehouseId: number | null;
    onDate: string;
  },
): Promise<Map<number, ProductFacts>> {
  if (query.productIds.length === 0) return new Map();
  const { priceTypeId, warehouseId, onDate } = query;
  const rows = (await db.execute(sql`
    select p.id,
      (select pr.price::text from prices pr
        where pr.product_id = p.id and pr.price_type_id = ${priceTypeId} and pr.valid_from <= ${onDate}
          and pr.archived_at is null
        order by pr.valid_from desc limit 1) as "listPrice",
      s.on_hand::numeric(15,3)::text as "onHand",
      (s.on_hand - s.reserved)::numeric(15,3)::text as available
    from products p
    left join lateral (
      select coalesce((select quantity from stock_balances where warehouse_id = ${warehouseId} and product_id = p.id), 0) as on_hand,
        coalesce((select sum(quantity) from reservation_balances where warehouse_id = ${warehouseId} and product_id = p.id), 0) as reserved
      where ${warehouseId}::int is not null
    ) s on true
    where p.id = any(${`{${query.productIds.join(',')}}`}::int[])`)) as unknown as ({
    id: number;
  } & ProductFacts)[];
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}

export type LinePricing = { price: string; discountPercent: string; amount: string; vatAmount: string };

/**
 * The amounts saving would give the lines, computed by the same pricing (discount rules, the manual
 * discount, the order's prices for a shipment), so the form shows them while the user types. Lines the
 * schema refuses yet (no product, no quantity) are left out as null; null altogether when the header
 * pricing reads (client, manual discount, order) is not valid or pricing refuses it.
 */
export async function previewPricing(
  db: DbOrTx,
  kind: DocumentKind,
  documentId: number | null,
  input: Record<string, unknown>,
  actor: Actor | null,
): Promise<{ lines: (LinePricing | null)[]; totals: DocumentTotals } | null> {
  const lines = Array.isArray(input.lines) ? (input.lines as unknown[]) : [];
  // What pricing reads, plus the two required fields it does not, so they may still be empty.
  const read = (kept: number[]) => ({
    date: new Date().toISOString(),
    warehouseId: 1,
    partnerId: input.partnerId,
    manualDiscountPercent: input.manualDiscountPercent,
    basedOnId: input.basedOnId,
    lines: kept.map((i) => lines[i]),
  });
  let kept = lines.map((_, i) => i);
  let parsed = documentSchema(kind).safeParse(read(kept));
  if (!parsed.success) {
    const refused = new Set<number>();
    for (const issue of parsed.error.issues) {
      if (issue.path[0] !== 'lines' || typeof issue.path[1] !== 'number') return null;
      refused.add(issue.path[1]);
    }
    kept = kept.filter((i) => !refused.has(i));
    if (kept.length === 0) return null;
    parsed = documentSchema(kind).safeParse(read(kept));
    if (!parsed.success) return null;
  }
  const priced = await priceDocumentLines(db, kindModule(kind).pricing, parsed.data, actor, documentId);
  if (!priced.ok) return null;
  const byIndex = new Map(kept.map((i, k) => [i, priced.lines[k]!]));
  return {
    lines: lines.map((_, i) => {
      const l = byIndex.get(i);
      return l
        ? { price: l.price, discountPercent: l.discountPercent, amount: l.amount, vatAmount: l.vatAmount }
        : null;
    }),
    totals: documentTotals(priced.lines),
  };
}

export type FormFacts = Awaited<ReturnType<typeof clientChoices>> & {
  lines: (ProductFacts & { pricing: LinePricing | null })[];
  totals: DocumentTotals | null;
};

/**
 * Everything a sales document form shows from the server besides what the user typed: the client's
 * contacts and orders, and per line the list price, stock at the warehouse and the priced amounts.
 * Reads the input as the form has it now, half-filled as it may be. `pricing: false` leaves the
 * amounts out (a saved document shows the ones it was saved with).
 */
export async function documentFormFacts(
  db: DbOrTx,
  kind: DocumentKind,
  documentId: number | null,
  input: Record<string, unknown>,
  actor: Actor | null,
  options: { pricing?: boolean } = {},
): Promise<FormFacts> {
  const partnerId = idFrom(input.partnerId);
  const lines = (Array.isArray(input.lines) ? input.lines : []) as Record<string, unknown>[];
  const allocations = (Array.isArray(input.allocations) ? input.allocations : []) as Record<
    string,
    unknown
  >[];
  const named = [input.basedOnId, ...allocations.map((a) => a.orderId)]
    .map(idFrom)
    .filter((id) => id !== null);
  const sale = kindRules[kind].price === 'sale';
  const date = moment.safeParse(input.date).data ?? null;
  const productIds = lines.map((l) => idFrom(l.productId));
  const [choices, products, pricing] = await Promise.all([
    !partnerId
      ? { contacts: [], orders: [] }
      : kindModule(kind).allocatesTo === 'supplier_order'
        ? // An outgoing payment pays the supplier's orders, or refunds the client's returns.
          (input.paymentKind === 'client_refund' ? clientReturnChoices : supplierOrderChoices)(
            db,
            partnerId,
            named,
          ).then((orders) => ({ contacts: [], orders }))
        : clientChoices(db, partnerId, named),
    sale
      ? productFacts(db, {
          productIds: productIds.filter((id) => id !== null),
          priceTypeId: idFrom(input.priceTypeId),
          warehouseId: idFrom(input.warehouseId),
          onDate: companyClock(date ?? new Date()).day,
        })
      : new Map<number, ProductFacts>(),
    sale && options.pricing !== false ? previewPricing(db, kind, documentId, input, actor) : null,
  ]);
  const none: ProductFacts = { listPrice: null, onHand: null, available: null };
  return {
    ...choices,
    lines: productIds.map((id, i) => ({
      ...((id && products.get(id)) || none),
      pricing: pricing?.lines[i] ?? null,
    })),
    totals: pricing?.totals ?? null,
  };
}

/** A bank receipt's allocation to orders, in its order. */
export async function paymentAllocationsOf(db: DbOrTx, documentId: number) {
  return db
    .select({ orderId: paymentAllocations.orderId, amount: paymentAllocations.amount })
    .from(paymentAllocations)
    .where(eq(paymentAllocations.documentId, documentId))
    .orderBy(asc(paymentAllocations.lineNo));
}
