import Decimal from 'decimal.js';
import { z } from 'zod';
import { vatRates } from '@/lib/catalogs/products';
import { optionalId, optionalText, requiredId } from '@/lib/validation/fields';
import { type DocumentKind, documentKinds, kindRules } from './kinds';

const decimal = (scale: number, message: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const text = String(v)
      .replace(/[\s\u00a0]/g, '')
      .replace(',', '.');
    const pattern = new RegExp(`^\\d{1,12}(\\.\\d{1,${scale}})?$`);
    if (!pattern.test(text)) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return new Decimal(text).toFixed(scale);
  });

const line = z.object({
  productId: requiredId,
  quantity: decimal(3, 'quantity_invalid').refine((v) => new Decimal(v).gt(0), 'quantity_invalid'),
  price: decimal(2, 'money_invalid').optional(),
  vatRate: z.enum(vatRates).optional(),
});

const dateTime = z
  .string({ error: 'required' })
  .trim()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'date_invalid')
  .transform((v) => new Date(v));

/** A document as a form or an API sends it; checks depend on the kind. */
export function documentSchema(kind: DocumentKind) {
  return schemas[kind];
}

function buildSchema(kind: DocumentKind) {
  const rules = kindRules[kind];
  return z
    .object({
      date: dateTime,
      partnerId: rules.partner ? requiredId : optionalId.transform(() => null),
      warehouseId: requiredId,
      warehouseToId: rules.warehouseTo ? requiredId : optionalId.transform(() => null),
      externalNumber: optionalText,
      comment: optionalText,
      version: z.coerce.number().int().optional(),
      lines: z.array(line).min(1, 'lines_required').max(1000, 'too_long'),
    })
    .superRefine((doc, ctx) => {
      if (rules.warehouseTo && doc.warehouseToId === doc.warehouseId) {
        ctx.addIssue({ code: 'custom', path: ['warehouseToId'], message: 'same_warehouse' });
      }
      if (rules.price) {
        doc.lines.forEach((l, i) => {
          if (l.price === undefined)
            ctx.addIssue({ code: 'custom', path: ['lines', i, 'price'], message: 'required' });
        });
      }
    })
    .transform((doc) => ({ ...doc, lines: doc.lines.map((l) => priced(l, rules.price)) }));
}

/** Built once per kind: zod compiles a schema on first use, which is not free on a posting path. */
const schemas = Object.fromEntries(documentKinds.map((kind) => [kind, buildSchema(kind)])) as {
  [K in DocumentKind]: ReturnType<typeof buildSchema>;
};

export type DocumentInput = z.output<ReturnType<typeof documentSchema>>;
export type PricedLine = ReturnType<typeof priced>;

const vatPercent = { '22': 22, '10': 10, '0': 0, none: 0 } as const;

/** Amount = qty × price to the kopeck; VAT is inside the amount (prices include VAT). */
function priced(l: z.output<typeof line>, price: (typeof kindRules)[DocumentKind]['price']) {
  const unitPrice = price ? new Decimal(l.price ?? 0) : new Decimal(0);
  const amount = unitPrice.times(l.quantity).toDecimalPlaces(2);
  const vatRate = price === 'with_vat' ? (l.vatRate ?? '22') : 'none';
  const rate = vatPercent[vatRate];
  const vatAmount = amount
    .times(rate)
    .div(100 + rate)
    .toDecimalPlaces(2);
  return {
    productId: l.productId,
    quantity: l.quantity,
    price: unitPrice.toFixed(2),
    vatRate,
    amount: amount.toFixed(2),
    vatAmount: vatAmount.toFixed(2),
  };
}
