import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/i18n/formats';
import { nestedFormInput } from './form-input';

describe('document form input', () => {
  it('nests line and allocation fields in the form order and reads the date on the company clock (Moscow)', () => {
    const input = nestedFormInput({
      date: '2026-05-04T10:30',
      warehouseId: '1',
      intent: 'post',
      'lines.1.productId': '7',
      'lines.1.quantity': '2',
      'lines.0.productId': '5',
      'lines.0.quantity': '1,5',
      'lines.0.price': '900',
      'allocations.0.orderId': '3',
      'allocations.0.amount': '100',
    });
    expect(input).toEqual({
      date: '2026-05-04T07:30:00.000Z',
      warehouseId: '1',
      intent: 'post',
      lines: [
        { productId: '5', quantity: '1,5', price: '900' },
        { productId: '7', quantity: '2' },
      ],
      allocations: [{ orderId: '3', amount: '100' }],
    });
  });

  it('round-trips the datetime-local value and leaves impossible dates for the schema to refuse', () => {
    const moment = new Date('2026-12-31T22:15:00Z');
    expect(toDateTimeLocal(moment)).toBe('2027-01-01T01:15');
    expect(fromDateTimeLocal(toDateTimeLocal(moment))).toBe(moment.toISOString());
    expect(fromDateTimeLocal('2026-02-30T10:00')).toBe('invalid');
    expect(fromDateTimeLocal('')).toBe('');
  });
});
