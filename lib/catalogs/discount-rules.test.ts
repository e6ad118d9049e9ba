import { describe, expect, it } from 'vitest';
import { fieldErrors } from '@/lib/validation/fields';
import { discountRuleCatalog } from './discount-rules';

const parse = (input: Record<string, string>) => {
  const result = discountRuleCatalog.spec.schema.safeParse(input);
  return result.success ? result.data : fieldErrors(result.error);
};

describe('discount rule input', () => {
  it('keeps the condition its kind needs and clears the others', () => {
    expect(
      parse({
        name: 'Опт',
        kind: 'line_quantity',
        segment: 'Опт',
        minQuantity: '10',
        minAmount: '',
        percent: '3,5',
      }),
    ).toEqual({
      name: 'Опт',
      kind: 'line_quantity',
      segment: null,
      minQuantity: '10.000',
      minAmount: null,
      percent: '3.50',
    });
  });

  it('asks for the field the kind needs and a percent from 0 to 100', () => {
    expect(parse({ name: 'Крупный заказ', kind: 'document_total', minAmount: '', percent: '101' })).toEqual({
      percent: 'percent_invalid',
      minAmount: 'required',
    });
    expect(parse({ name: 'Сегмент', kind: 'segment', segment: ' ', percent: '5' })).toEqual({
      segment: 'required',
    });
    expect(parse({ name: 'Сегмент', kind: 'segment', segment: 'Опт', percent: '-1' })).toEqual({
      percent: 'percent_invalid',
    });
    expect(parse({ name: 'x', kind: 'line_quantity', minQuantity: 'много', percent: '5' })).toEqual({
      minQuantity: 'quantity_invalid',
    });
  });
});
