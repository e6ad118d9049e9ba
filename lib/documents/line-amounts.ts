import Decimal from 'decimal.js';
import type { VatRate } from '@/lib/catalogs/products';

/** A line as typed and checked, before its amounts are worked out. */
export type UnpricedLine = {
  productId: number;
  quantity: string;
  price: string;
  vatRate: VatRate;
  gift: boolean;
  action: 'reserve' | 'ship' | 'none' | null;
};

const vatPercent = { '22': 22, '10': 10, '0': 0, none: 0 } as const;

/** VAT inside an amount that includes it, to the kopeck. */
export function vatIn(amount: Decimal.Value, rate: VatRate): Decimal {
  const r = vatPercent[rate];
  return new Decimal(amount)
    .times(r)
    .div(100 + r)
    .toDecimalPlaces(2);
}

export type PricedLine = UnpricedLine & {
  discountPercent: string;
  discountAmount: string;
  amount: string;
  vatAmount: string;
};

/** Amount = qty × price to the kopeck, less the discount; VAT is inside the amount (prices include VAT). */
export function priceLine(l: UnpricedLine, discountPercent: Decimal.Value = 0): PricedLine {
  const gross = new Decimal(l.price).times(l.quantity).toDecimalPlaces(2);
  const discount = gross.times(discountPercent).div(100).toDecimalPlaces(2);
  const amount = gross.minus(discount);
  return {
    ...l,
    discountPercent: new Decimal(discountPercent).toFixed(2),
    discountAmount: discount.toFixed(2),
    amount: amount.toFixed(2),
    vatAmount: vatIn(amount, l.vatRate).toFixed(2),
  };
}
