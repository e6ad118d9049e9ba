import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import { inOrder } from '@/db/pipeline';
import { partners } from '@/db/schema';
import { leftToPay, loadSupplierOrderFacts, usableSupplierOrder } from '@/lib/purchases/supplier-orders';
import { lockOrders } from '@/lib/sales/order-rules';
import { DocumentRuleError } from '../errors';
import { cashAt, neg } from '../movements';
import { allocationSettlements, orderIdsOf, refuseAllocations } from './allocations';
import type { DocumentKindModule } from './kind-module';

/**
 * Our money going out, by its kind: to a supplier it lowers our debt, allocated to his orders (the
 * rest is an advance to him, kept as order 0); a refund to a client lowers what we owe the client
 * (their advance); an advance to an employee and «other» only move the money. One piece for the bank
 * payment (Списание безналичных ДС) and the cash payment (РКО): the money leaves the bank account or
 * the cash desk the document names, and everything else is the same.
 */
export const outgoingPayment = {
  rules: { partner: 'any', warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  block: 'treasury',
  pricing: 'typed',
  readsContext: true,
  // Its supplier orders are locked in id order on posting.
  basis: 'read',
  allocatesTo: 'supplier_order',
  movements(doc) {
    const amount = doc.amount!;
    const cash = [cashAt(doc, neg(amount))];
    if (doc.paymentKind === 'client_refund')
      return { cash, clientSettlements: [{ partner_id: doc.partnerId!, order_id: 0, amount }] };
    if (doc.paymentKind !== 'supplier') return { cash };
    return { cash, supplierSettlements: allocationSettlements(doc) };
  },
  /**
   * A supplier is paid, a client refunded: the partner must be one. Only a supplier payment is
   * allocated, to his agreed orders and no more than is left to pay of each.
   */
  async beforePosting(tx, doc) {
    const allocations = doc.allocations ?? [];
    if (allocations.length > 0 && doc.paymentKind !== 'supplier')
      throw new DocumentRuleError({ allocations: 'allocations_supplier_only' });
    const ids = orderIdsOf(allocations);
    const checksPartner = doc.paymentKind === 'supplier' || doc.paymentKind === 'client_refund';
    const [[partner], , facts] = await inOrder(
      () =>
        checksPartner
          ? tx
              .select({ isClient: partners.isClient, isSupplier: partners.isSupplier })
              .from(partners)
              .where(eq(partners.id, doc.partnerId!))
          : Promise.resolve([]),
      ids.length > 0 && (() => lockOrders(tx, ids)),
      ids.length > 0 && (() => loadSupplierOrderFacts(tx, ids, doc.id)),
    );
    if (checksPartner && !(doc.paymentKind === 'supplier' ? partner?.isSupplier : partner?.isClient))
      throw new DocumentRuleError({
        partnerId: doc.paymentKind === 'supplier' ? 'supplier_required' : 'client_required',
      });
    refuseAllocations(
      allocations,
      facts ?? new Map(),
      (f) => usableSupplierOrder(f, doc.partnerId),
      leftToPay,
    );
    return undefined;
  },
  madeFrom: ['supplier_order'],
  /** From a supplier order: what is left to pay, allocated to it. */
  async draft(db, base, draft) {
    const toPay = leftToPay((await loadSupplierOrderFacts(db, [base.id])).get(base.id)!);
    draft.amount = toPay;
    draft.paymentKind = 'supplier';
    draft.allocations = new Decimal(toPay).gt(0) ? [{ orderId: base.id, amount: toPay }] : [];
  },
} satisfies Omit<DocumentKindModule, 'names' | 'slug' | 'fields'>;
