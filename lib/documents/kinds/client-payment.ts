import Decimal from 'decimal.js';
import { inOrder } from '@/db/pipeline';
import { leftToPay, loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import { closeOrders, lockOrders, usableOrder } from '@/lib/sales/order-rules';
import { cashAt } from '../movements';
import { allocationSettlements, orderIdsOf, refuseAllocations } from './allocations';
import type { DocumentKindModule } from './kind-module';

/**
 * A client's money coming in, allocated to their orders (расшифровка платежа); the rest is the
 * client's advance, kept as order 0. One piece for the bank receipt and the cash receipt (ПКО): the
 * money goes to the bank account or the cash desk the document names, and everything else — the
 * checks under the orders' locks, the orders closing, the draft from an order, the interest's state —
 * is the same.
 */
export const clientPayment = {
  rules: { partner: 'client', warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  block: 'treasury',
  pricing: 'typed',
  readsContext: true,
  // Money that came in is recorded whoever's orders it pays; the orders are locked in id order on posting.
  basis: 'read',
  movements: (doc) => ({ cash: [cashAt(doc, doc.amount!)], clientSettlements: allocationSettlements(doc) }),
  /** No paying an order beyond what it costs, checked under the orders' locks. */
  async beforePosting(tx, doc) {
    const allocations = doc.allocations ?? [];
    const ids = orderIdsOf(allocations);
    // The lock goes first and the reads after it, in one round trip.
    const [, facts] = await inOrder(
      () => lockOrders(tx, ids),
      () => loadOrderFacts(tx, ids, doc.id),
    );
    refuseAllocations(allocations, facts, (f) => usableOrder(f, doc.partnerId), leftToPay);
    return undefined;
  },
  afterPosting: (tx, _doc, changes) => closeOrders(tx, changes, []),
  orders: (doc) => orderIdsOf(doc.allocations ?? []),
  madeFrom: ['customer_order'],
  /** From an order: what is left to pay, allocated to it. */
  async draft(db, base, draft) {
    const { toPay } = orderSettlements((await loadOrderFacts(db, [base.id])).get(base.id)!);
    draft.amount = toPay;
    draft.allocations = new Decimal(toPay).gt(0) ? [{ orderId: base.id, amount: toPay }] : [];
  },
} satisfies Omit<DocumentKindModule, 'names' | 'slug' | 'fields'>;
