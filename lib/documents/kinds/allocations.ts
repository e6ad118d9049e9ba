import Decimal from 'decimal.js';
import type { Movement } from '@/lib/ledger/registers';
import type { FieldErrors } from '@/lib/validation/fields';
import { DocumentRuleError } from '../errors';
import { neg, type PostableDocument } from '../movements';

/**
 * A payment's allocation to orders (расшифровка платежа), the same for money in (customer orders) and
 * money out (supplier orders): which orders it pays, the settlement rows it writes, and the check that
 * no order is paid beyond what is left of it.
 */
type Allocation = { orderId: number; amount: string };

/** The orders a payment pays, in the id order they are locked in. */
export const orderIdsOf = (allocations: readonly { orderId: number }[]) =>
  [...new Set(allocations.map((a) => a.orderId))].sort((a, b) => a - b);

/**
 * Settlement rows that lower each order's debt by what is allocated to it (a refund raises it: the
 * client's debt goes back up as we pay back what we owed for a return, on the order the return
 * settled); the rest is an advance (order 0).
 */
export function allocationSettlements(
  doc: PostableDocument,
  direction: 'pays' | 'refunds' = 'pays',
): Movement[] {
  const allocations = doc.allocations ?? [];
  const signed = (amount: Decimal.Value) =>
    direction === 'pays' ? neg(amount) : new Decimal(amount).toFixed();
  const advance = new Decimal(doc.amount!).minus(Decimal.sum(0, ...allocations.map((a) => a.amount)));
  const rows: Movement[] = allocations.map((a) => ({
    partner_id: doc.partnerId!,
    order_id: direction === 'pays' ? a.orderId : (a.settlesOrderId ?? 0),
    amount: signed(a.amount),
  }));
  if (advance.gt(0)) rows.push({ partner_id: doc.partnerId!, order_id: 0, amount: signed(advance) });
  return rows;
}

/**
 * Refuses, at their fields, allocations to an order the payment may not pay (`usable`) or beyond what
 * is left to pay of it (`left`), counting every allocation of the payment to that order.
 */
export function refuseAllocations<F>(
  allocations: readonly Allocation[],
  facts: Map<number, F>,
  usable: (f: F | undefined) => boolean,
  left: (f: F) => Decimal.Value,
): void {
  const errors: FieldErrors = {};
  allocations.forEach((a, i) => {
    const f = facts.get(a.orderId);
    if (!usable(f)) {
      errors[`allocations.${i}.orderId`] = 'order_required';
      return;
    }
    const own = Decimal.sum(0, ...allocations.filter((x) => x.orderId === a.orderId).map((x) => x.amount));
    const rest = new Decimal(left(f!));
    if (own.gt(rest)) errors[`allocations.${i}.amount`] = `allocation_above_debt:${rest.toFixed(2)}`;
  });
  if (Object.keys(errors).length > 0) throw new DocumentRuleError(errors);
}
