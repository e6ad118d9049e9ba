import Decimal from 'decimal.js';
import { z } from 'zod';
import { paymentKind } from '@/db/schema';
import { type VatRate, vatRates } from '@/lib/catalogs/products';
import { typedDecimal } from '@/lib/validation/decimal';
import {
  checkbox,
  isoDate,
  moment,
  optionalChoice,
  optionalId,
  optionalText,
  requiredId,
} from '@/lib/validation/fields';
import type { DocumentKind } from './kinds';
import { kindModule } from './kinds/registry';

const percent = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    const text = String(v ?? '')
      .replace(/[\s\u00a0%]/g, '')
      .replace(',', '.');
    if (text === '') return '0.00';
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || new Decimal(text).gt(100)) {
      ctx.addIssue({ code: 'custom', message: 'percent_invalid' });
      return z.NEVER;
    }
    return new Decimal(text).toFixed(2);
  });

const line = z.object({
  productId: requiredId,
  quantity: typedDecimal(3, 'quantity_invalid').refine((v) => new Decimal(v).gt(0), 'quantity_invalid'),
  price: typedDecimal(2, 'money_invalid').optional(),
  vatRate: optionalChoice(vatRates),
  gift: checkbox,
  action: optionalChoice(['reserve', 'ship', 'none']),
});

const allocation = z.object({
  orderId: requiredId,
  amount: typedDecimal(2, 'money_invalid').refine((v) => new Decimal(v).gt(0), 'money_invalid'),
});

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : null))
  .pipe(z.union([z.null(), isoDate]));

/** A document as a form or an API sends it; checks depend on the kind. */
export function documentSchema(kind: DocumentKind): ReturnType<typeof buildSchema> {
  const built = schemas.get(kind);
  if (built) return built;
  const schema = buildSchema(kind);
  schemas.set(kind, schema);
  return schema;
}

function buildSchema(kind: DocumentKind) {
  const { rules, fields, pricing } = kindModule(kind);
  const has = (field: (typeof fields)[number]) => fields.includes(field);
  // Money that may be on a bank account or in a cash desk (opening cash) names exactly one of them.
  const eitherPlace = has('bankAccountId') && has('cashDeskId');
  const only = <T extends z.ZodTypeAny>(when: boolean, schema: T) =>
    when
      ? schema
      : z
          .unknown()
          .optional()
          .transform(() => null);
  return z
    .object({
      date: moment,
      // 'any': required unless the operation has no partner (checked below).
      partnerId:
        rules.partner === 'any' ? optionalId : rules.partner ? requiredId : optionalId.transform(() => null),
      warehouseId: rules.warehouse ? requiredId : optionalId.transform(() => null),
      warehouseToId: rules.warehouseTo ? requiredId : optionalId.transform(() => null),
      externalNumber: optionalText,
      comment: optionalText,
      version: z.coerce.number().int().optional(),
      basedOnId: optionalId,
      interestId: optionalId,
      contactId: only(rules.price === 'sale', optionalId),
      priceTypeId: only(rules.price === 'sale', optionalId),
      manualDiscountPercent:
        rules.price === 'sale'
          ? percent
          : z
              .unknown()
              .optional()
              .transform(() => '0.00'),
      validUntil: only(has('validUntil'), optionalDate),
      orderStatus: only(
        has('orderStatus'),
        z.enum(['not_agreed', 'to_provide', 'to_ship', 'closed']).default('to_provide'),
      ),
      prepaymentPercent: only(has('prepaymentPercent'), percent),
      supplierOrderStatus: only(
        has('supplierOrderStatus'),
        z.enum(['not_agreed', 'to_receive', 'closed']).default('to_receive'),
      ),
      expectedDate: only(has('expectedDate'), optionalDate),
      updatePrices: has('updatePrices')
        ? checkbox
        : z
            .unknown()
            .optional()
            .transform(() => false),
      paymentKind: only(has('paymentKind'), z.enum(paymentKind.enumValues).default('supplier')),
      paymentDueDate: only(has('paymentDueDate'), optionalDate),
      bankAccountId: only(has('bankAccountId'), eitherPlace ? optionalId : requiredId),
      cashDeskId: only(has('cashDeskId'), eitherPlace ? optionalId : requiredId),
      employeeId: only(has('employeeId'), optionalId),
      paymentPurpose: optionalText,
      amount: only(
        !rules.lines,
        typedDecimal(2, 'money_invalid').refine((v) => new Decimal(v).gt(0), 'money_invalid'),
      ),
      allocations: has('allocations')
        ? z.array(allocation).max(100, 'too_long').default([])
        : z.array(allocation).max(0).default([]),
      lines: rules.lines
        ? z.array(line).min(1, 'lines_required').max(1000, 'too_long')
        : z.array(line).max(0).default([]),
    })
    .superRefine((doc, ctx) => {
      if (rules.warehouseTo && doc.warehouseToId === doc.warehouseId) {
        ctx.addIssue({ code: 'custom', path: ['warehouseToId'], message: 'same_warehouse' });
      }
      doc.lines.forEach((l, i) => {
        // Sales documents ship at their order's prices and returns come back at the sale's: not asked for.
        if (!rules.price || (rules.price === 'sale' && (l.gift || pricing !== 'sale'))) return;
        if (l.price === undefined)
          ctx.addIssue({ code: 'custom', path: ['lines', i, 'price'], message: 'required' });
        else if (rules.price === 'sale' && new Decimal(l.price).lte(0))
          ctx.addIssue({ code: 'custom', path: ['lines', i, 'price'], message: 'price_positive' });
      });
      if (doc.paymentKind) {
        // An advance goes to an employee, anything else to a partner: the other is not asked for.
        const advance = doc.paymentKind === 'employee_advance';
        if (advance && doc.employeeId === null)
          ctx.addIssue({ code: 'custom', path: ['employeeId'], message: 'required' });
        if (!advance && doc.partnerId === null)
          ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'required' });
      }
      if (eitherPlace && (doc.bankAccountId === null) === (doc.cashDeskId === null))
        ctx.addIssue({ code: 'custom', path: ['bankAccountId'], message: 'account_or_cash_desk' });
      if (doc.amount !== null) {
        const allocated = Decimal.sum(0, ...doc.allocations.map((a) => a.amount));
        if (allocated.gt(doc.amount))
          ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'allocated_above_amount' });
      }
    })
    .transform((doc) => ({
      ...doc,
      ...(doc.paymentKind && {
        partnerId: doc.paymentKind === 'employee_advance' ? null : doc.partnerId,
        employeeId: doc.paymentKind === 'employee_advance' ? doc.employeeId : null,
      }),
      lines: doc.lines.map((l) => ({
        productId: l.productId,
        quantity: l.quantity,
        price: rules.price && !(rules.price === 'sale' && l.gift) ? (l.price ?? '0.00') : '0.00',
        vatRate: rules.price === 'with_vat' ? (l.vatRate ?? '22') : ('none' as VatRate),
        gift: rules.price === 'sale' && l.gift,
        action: has('lineAction') ? (l.action ?? 'reserve') : null,
      })),
    }));
}

/** Built once per kind, on first use: zod compiles a schema, which is not free on a posting path. */
const schemas = new Map<DocumentKind, ReturnType<typeof buildSchema>>();

export type DocumentInput = z.output<ReturnType<typeof buildSchema>>;
export type InputLine = DocumentInput['lines'][number];
