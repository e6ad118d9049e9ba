import Decimal from 'decimal.js';
import type { FieldErrors } from '@/lib/validation/fields';
import { DocumentRuleError } from './errors';

type Quantity = { productId: number; quantity: string };

/**
 * Refuses the lines that take more of a product than is left of it: what the basis gives (an order's
 * lines to ship, a sale's lines to return) less what its other documents took, each product counted
 * over all of a document's lines. Each line beyond is refused at its quantity with what is left
 * (`code:left`).
 */
export function refuseAboveLeft(
  lines: readonly Quantity[],
  given: readonly Quantity[],
  taken: readonly Quantity[],
  code: string,
): void {
  const sum = (rows: readonly Quantity[]) => {
    const byProduct = new Map<number, Decimal>();
    for (const r of rows)
      byProduct.set(r.productId, (byProduct.get(r.productId) ?? new Decimal(0)).plus(r.quantity));
    return byProduct;
  };
  const left = sum(given);
  for (const [productId, quantity] of sum(taken))
    left.set(productId, (left.get(productId) ?? new Decimal(0)).minus(quantity));
  const own = sum(lines);
  const errors: FieldErrors = {};
  lines.forEach((l, i) => {
    const rest = Decimal.max(left.get(l.productId) ?? 0, 0);
    if (own.get(l.productId)!.gt(rest)) errors[`lines.${i}.quantity`] = `${code}:${rest.toFixed()}`;
  });
  if (Object.keys(errors).length > 0) throw new DocumentRuleError(errors);
}
