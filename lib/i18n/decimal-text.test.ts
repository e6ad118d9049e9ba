import { describe, expect, it } from 'vitest';
import { documentSchema } from '@/lib/documents/document-input';
import { fitsStyle, formatDecimal, parseDecimal } from './decimal-text';
import { intlLocale } from './translate';

const ru = intlLocale.ru;
const en = intlLocale.en;

describe('numbers typed and shown in the user locale', () => {
  it('reads Russian: spaces group, a comma or a dot ends the whole part', () => {
    expect(parseDecimal(ru, '6 750,00')).toBe('6750.00');
    expect(parseDecimal(ru, '6\u00a0750,5')).toBe('6750.5');
    expect(parseDecimal(ru, '6750.00')).toBe('6750.00');
    expect(parseDecimal(ru, ' 12 ')).toBe('12');
  });

  it('reads English: commas group, the dot ends the whole part', () => {
    expect(parseDecimal(en, '6,750.00')).toBe('6750.00');
    expect(parseDecimal(en, '1,234,567.891')).toBe('1234567.891');
    expect(parseDecimal(en, '6 750.5')).toBe('6750.5');
    // A comma groups in English, so "6,75" is what the field will show as 675.00, not 6.75.
    expect(parseDecimal(en, '6,75')).toBe('675');
  });

  it('leaves what is not a number to the server, which refuses it too', () => {
    const price = (text: string) =>
      documentSchema('goods_receipt').safeParse({
        date: '2026-11-20T10:00:00Z',
        partnerId: '1',
        warehouseId: '1',
        lines: [{ productId: '1', quantity: '1', price: text }],
      }).success;
    expect(price('6750.5')).toBe(true);
    for (const [locale, text] of [
      [ru, 'abc'],
      [ru, '1,5,2'],
      [ru, '6,750.00'],
      [ru, '-5'],
      [en, '1.5.2'],
      [en, '.5'],
      [en, '5.'],
      [en, ''],
    ] as const) {
      expect(parseDecimal(locale, text), `${locale} ${text}`).toBeNull();
      expect(price(text), `${locale} ${text}`).toBe(false);
    }
  });

  it('shows canonical values the way the locale writes them, exactly', () => {
    expect(formatDecimal(ru, '6750.00', 'money')).toBe('6\u00a0750,00');
    expect(formatDecimal(en, '6750', 'money')).toBe('6,750.00');
    expect(formatDecimal(ru, '123456789012.35', 'money')).toBe('123\u00a0456\u00a0789\u00a0012,35');
    expect(formatDecimal(ru, '4.000', 'quantity')).toBe('4');
    expect(formatDecimal(en, '1500.5', 'quantity')).toBe('1,500.5');
    expect(formatDecimal(ru, '15.00', 'percent')).toBe('15');
    expect(formatDecimal(ru, '2,5 кг', 'quantity')).toBe('2,5 кг');
    expect(fitsStyle('1.005', 'money')).toBe(false);
    expect(fitsStyle('1.005', 'quantity')).toBe(true);
  });
});
