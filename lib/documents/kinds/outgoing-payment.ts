import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import { inOrder } from '@/db/pipeline';
import { partners } from '@/db/schema';
import {
  leftToPay,
  loadSupplierOrderFacts,
  type SupplierOrderFacts,
  usableSupplierOrder,
} from '@/lib/purchases/supplier-orders';
import { leftToRefund, loadRefundFacts, type RefundFacts, usableReturn } from '@/lib/returns/refunds';
import { lockOrders } from '@/lib/sales/order-rules';
import { DocumentRuleError } from '../errors';
import { cashAt, neg } from '../movements';
import { allocationSettlements, orderIdsOf, refuseAllocations } from './allocations';
import type { DocumentKindModule } from './kind-module';

/**
 * Our money going out, by its kind: to a supplier it lowers our debt, allocated to his orders (the
 * rest is an advance to him, kept as order 0); a refund to a client lowers what we owe the client,
 * allocated to the client returns it pays back (each on the order its return settled, so the order's
 * settlements end where they were before the sale; the rest against no order); an advance to an
 * employee and «other» only move the money. One piece for the bank payment (Списание безналичных ДС)
 * and the cash payment (РКО): the money leaves the bank account or the cash desk the document names,
 * and everything else is the same.
 */
export const outgoingPayment = {
  rules: { partner: 'any', warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  block: 'treasury',
  pricing: 'typed',
  readsContext: true,
  // Its supplier orders (client returns) are locked in id order on posting.
  basis: 'read',
  allocatesTo: 'supplier_order',
  movements(doc) {
    const amount = doc.amount!;
    const cash = [cashAt(doc, neg(amount))];
    if (doc.paymentKind === 'client_refund')
      return { cash, clientSettlements: allocationSettlements(doc, 'refunds') };
    if (doc.paymentKind !== 'supplier') return { cash };
    return { cash, supplierSettlements: allocationSettlements(doc) };
  },
  /**
   * A supplier is paid, a client refunded: the partner must be one. A supplier payment is allocated to
   * his agreed orders, a refund to the client's posted returns, each no more than is left of it.
   */
  async beforePosting(tx, doc) {
    const allocations = doc.allocations ?? [];
    const refund = doc.paymentKind === 'client_refund';
    if (allocations.length > 0 && doc.paymentKind !== 'supplier' && !refund)
      throw new DocumentRuleError({ allocations: 'allocations_supplier_only' });
    const ids = orderIdsOf(allocations);
    const checksPartner = doc.paymentKind === 'supplier' || refund;
    const [[partner], , facts] = await inOrder(
      () =>
        checksPartner
          ? tx
              .select({ isClient: partners.isClient, isSupplier: partners.isSupplier })
              .from(partners)
              .where(eq(partners.id, doc.partnerId!))
          : Promise.resolve([]),
      ids.length > 0 && (() => lockOrders(tx, ids)),
      ids.length > 0 &&
        (() => (refund ? loadRefundFacts(tx, ids, doc.id) : loadSupplierOrderFacts(tx, ids, doc.id))),
    );
    if (checksPartner && !(refund ? partner?.isClient : partner?.isSupplier))
      throw new DocumentRuleError({ partnerId: refund ? 'client_required' : 'supplier_required' });
    if (refund)
      refuseAllocations(
        allocations,
        (facts ?? new Map()) as Map<number, RefundFacts>,
        (f) => usableReturn(f, doc.partnerId),
        leftToRefund,
      );
    else
      refuseAllocations(
        allocations,
        (facts ?? new Map()) as Map<number, SupplierOrderFacts>,
        (f) => usableSupplierOrder(f, doc.partnerId),
        leftToPay,
      );
    return undefined;
  },
  madeFrom: ['supplier_order', 'client_return'],
  /** From a supplier order: what is left to pay, allocated to it; from a client return: what is left to refund. */
  async draft(db, base, draft) {
    const refund = base.kind === 'client_return';
    const left = refund
      ? leftToRefund((await loadRefundFacts(db, [base.id])).get(base.id)!)
      : leftToPay((await loadSupplierOrderFacts(db, [base.id])).get(base.id)!);
    draft.amount = left;
    draft.paymentKind = refund ? 'client_refund' : 'supplier';
    draft.allocations = new Decimal(left).gt(0) ? [{ orderId: base.id, amount: left }] : [];
  },
} satisfies Omit<DocumentKindModule, 'names' | 'slug' | 'fields'>;
