import Decimal from 'decimal.js';
import { inOrder } from '@/db/pipeline';
import type { Movement } from '@/lib/ledger/registers';
import { loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import { closeOrders, lockOrders, usableOrder } from '@/lib/sales/order-rules';
import type { FieldErrors } from '@/lib/validation/fields';
import { DocumentRuleError } from '../errors';
import { cashAt, neg } from '../movements';
import type { DocumentKindModule } from './kind-module';

const orderIdsOf = (allocations: readonly { orderId: number }[]) =>
  [...new Set(allocations.map((a) => a.orderId))].sort((a, b) => a - b);

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
  movements(doc) {
    const allocations = doc.allocations ?? [];
    const advance = new Decimal(doc.amount!).minus(Decimal.sum(0, ...allocations.map((a) => a.amount)));
    const settlements: Movement[] = allocations.map((a) => ({
      partner_id: doc.partnerId!,
      order_id: a.orderId,
      amount: neg(a.amount),
    }));
    if (advance.gt(0)) settlements.push({ partner_id: doc.partnerId!, order_id: 0, amount: neg(advance) });
    return { cash: [cashAt(doc, doc.amount!)], clientSettlements: settlements };
  },
  /** No paying an order beyond what it costs, checked under the orders' locks. */
  async beforePosting(tx, doc) {
    const allocations = doc.allocations ?? [];
    const ids = orderIdsOf(allocations);
    // The lock goes first and the reads after it, in one round trip.
    const [, facts] = await inOrder(
      () => lockOrders(tx, ids),
      () => loadOrderFacts(tx, ids, doc.id),
    );
    const errors: FieldErrors = {};
    allocations.forEach((a, i) => {
      const f = facts.get(a.orderId);
      if (!usableOrder(f, doc.partnerId)) {
        errors[`allocations.${i}.orderId`] = 'order_required';
        return;
      }
      const own = Decimal.sum(0, ...allocations.filter((x) => x.orderId === a.orderId).map((x) => x.amount));
      const left = Decimal.max(new Decimal(f!.ordered).minus(f!.paid), 0);
      if (own.gt(left)) errors[`allocations.${i}.amount`] = `allocation_above_debt:${left.toFixed(2)}`;
    });
    if (Object.keys(errors).length > 0) throw new DocumentRuleError(errors);
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
