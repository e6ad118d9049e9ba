import Decimal from 'decimal.js';
import { type PricedLine, priceLine, type UnpricedLine } from '@/lib/documents/line-amounts';

export type DiscountRule = {
  kind: 'segment' | 'line_quantity' | 'document_total';
  segment: string | null;
  minQuantity: string | null;
  minAmount: string | null;
  percent: string;
};

export type DiscountContext = {
  rules: readonly DiscountRule[];
  /** The client's segment, for segment rules. */
  segment: string | null;
  /** The manual discount on the document, added to the automatic one on every line that is not a gift. */
  manualPercent: Decimal.Value;
};

/** The best automatic discount a line gets: the highest percent among the rules that apply to it. */
export function automaticPercent(line: UnpricedLine, documentGross: Decimal, ctx: DiscountContext): Decimal {
  let best = new Decimal(0);
  for (const rule of ctx.rules) {
    const applies =
      (rule.kind === 'segment' && rule.segment !== null && rule.segment === ctx.segment) ||
      (rule.kind === 'line_quantity' &&
        rule.minQuantity !== null &&
        new Decimal(line.quantity).gte(rule.minQuantity)) ||
      (rule.kind === 'document_total' && rule.minAmount !== null && documentGross.gte(rule.minAmount));
    if (applies) best = Decimal.max(best, rule.percent);
  }
  return best;
}

/**
 * Prices sales lines: each line's discount is its best automatic rule plus the manual percent (at most
 * 100), rounded to the kopeck per line, so the document's totals are exactly the sums of its lines.
 * Gifts go at zero with no discount.
 */
export function applyDiscounts(lines: readonly UnpricedLine[], ctx: DiscountContext): PricedLine[] {
  const documentGross = Decimal.sum(
    0,
    ...lines.filter((l) => !l.gift).map((l) => new Decimal(l.price).times(l.quantity).toDecimalPlaces(2)),
  );
  return lines.map((l) => {
    if (l.gift) return priceLine({ ...l, price: '0.00' }, 0);
    const percent = Decimal.min(100, automaticPercent(l, documentGross, ctx).plus(ctx.manualPercent));
    return priceLine(l, percent);
  });
}

export type DocumentTotals = { gross: string; discount: string; amount: string; vat: string };

export function documentTotals(lines: readonly PricedLine[]): DocumentTotals {
  const sum = (pick: (l: PricedLine) => string) => Decimal.sum(0, ...lines.map(pick));
  const amount = sum((l) => l.amount);
  const discount = sum((l) => l.discountAmount);
  return {
    gross: amount.plus(discount).toFixed(2),
    discount: discount.toFixed(2),
    amount: amount.toFixed(2),
    vat: sum((l) => l.vatAmount).toFixed(2),
  };
}
