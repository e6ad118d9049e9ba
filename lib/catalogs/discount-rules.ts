import Decimal from 'decimal.js';
import { z } from 'zod';
import { discountRules } from '@/db/schema';
import { optionalDecimal, typedDecimal } from '@/lib/validation/decimal';
import { optionalText, requiredText } from '@/lib/validation/fields';
import { defineCatalog, LEADERS, listByName } from './catalog';

export const discountRuleKinds = discountRules.kind.enumValues;

/** Which field each kind of rule is conditioned on: that one is required, the others are cleared. */
const conditionOf = {
  segment: 'segment',
  line_quantity: 'minQuantity',
  document_total: 'minAmount',
} as const;

export const discountRuleCatalog = defineCatalog({
  entity: 'discount_rule',
  editRoles: LEADERS,
  table: discountRules,
  schema: z
    .object({
      name: requiredText,
      kind: z.enum(discountRuleKinds, { error: 'required' }),
      segment: optionalText,
      minQuantity: optionalDecimal(3, 'quantity_invalid'),
      minAmount: optionalDecimal(2, 'money_invalid'),
      percent: typedDecimal(2, 'percent_invalid').refine((v) => new Decimal(v).lte(100), 'percent_invalid'),
    })
    .superRefine((rule, ctx) => {
      const field = conditionOf[rule.kind];
      if (rule[field] === null) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
    })
    .transform((rule) => ({
      ...rule,
      segment: rule.kind === 'segment' ? rule.segment : null,
      minQuantity: rule.kind === 'line_quantity' ? rule.minQuantity : null,
      minAmount: rule.kind === 'document_total' ? rule.minAmount : null,
    })),
  unique: { discount_rules_name_unique: { field: 'name', message: 'duplicate_name' } },
  toForm: (row) => ({
    name: row.name,
    kind: row.kind,
    segment: row.segment ?? '',
    minQuantity: row.minQuantity ?? '',
    minAmount: row.minAmount ?? '',
    percent: row.percent,
  }),
});
export const listDiscountRules = listByName(discountRuleCatalog, discountRules);
