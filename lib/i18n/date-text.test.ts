import { describe, expect, it } from 'vitest';
import { completeDateTyping, formatDateText, parseDateText } from './date-text';
import { intlLocale } from './translate';

const ru = intlLocale.ru;
const en = intlLocale.en;

describe('dates typed and shown in the user locale', () => {
  it('shows what forms send the locale way', () => {
    expect(formatDateText(ru, '2026-12-07')).toBe('07.12.2026');
    expect(formatDateText(ru, '2026-12-07T14:30')).toBe('07.12.2026 14:30');
    expect(formatDateText(en, '2026-12-07')).toBe('07/12/2026');
    expect(formatDateText(en, '2026-12-07T09:05')).toBe('07/12/2026 09:05');
    // A refused text stays as typed, for the user to correct.
    expect(formatDateText(ru, '31.02.2026')).toBe('31.02.2026');
    expect(formatDateText(ru, '')).toBe('');
  });

  it('reads Russian dates and moments into the values the server parses', () => {
    expect(parseDateText(ru, '07.12.2026', 'date')).toBe('2026-12-07');
    expect(parseDateText(ru, ' 7.1.26 ', 'date')).toBe('2026-01-07');
    expect(parseDateText(ru, '07/12/2026', 'date')).toBe('2026-12-07');
    expect(parseDateText(ru, '07.12.2026 14:30', 'datetime')).toBe('2026-12-07T14:30');
    expect(parseDateText(ru, '07.12.2026, 9:05', 'datetime')).toBe('2026-12-07T09:05');
    expect(parseDateText(ru, '29.02.2028', 'date')).toBe('2028-02-29');
  });

  it('reads English dates day first, as the app shows them', () => {
    expect(parseDateText(en, '07/12/2026', 'date')).toBe('2026-12-07');
    expect(parseDateText(en, '31/12/2026 23:59', 'datetime')).toBe('2026-12-31T23:59');
    expect(parseDateText(en, '12/31/2026', 'date')).toBeNull();
  });

  it('takes a pasted canonical value as it is', () => {
    expect(parseDateText(ru, '2026-12-07', 'date')).toBe('2026-12-07');
    expect(parseDateText(en, '2026-12-07T14:30', 'datetime')).toBe('2026-12-07T14:30');
    expect(parseDateText(ru, '2026-02-31', 'date')).toBeNull();
  });

  it('refuses what is no date, and a moment without its time', () => {
    expect(parseDateText(ru, '', 'date')).toBe('');
    for (const text of [
      '31.02.2026',
      '29.02.2026',
      '00.12.2026',
      '07.13.2026',
      '07.12.202',
      'abc',
      '07.12',
    ]) {
      expect(parseDateText(ru, text, 'date'), text).toBeNull();
      expect(parseDateText(en, text.replaceAll('.', '/'), 'date'), text).toBeNull();
    }
    expect(parseDateText(ru, '07.12.2026 14:30', 'date')).toBeNull();
    expect(parseDateText(ru, '07.12.2026', 'datetime')).toBeNull();
    expect(parseDateText(ru, '07.12.2026 24:00', 'datetime')).toBeNull();
    expect(parseDateText(ru, '07.12.2026 14:60', 'datetime')).toBeNull();
    expect(parseDateText(ru, '2026-11-30T25:61', 'datetime')).toBeNull();
    expect(parseDateText(ru, '275760-09-13', 'date')).toBeNull();
  });

  it('adds the marks while digits are typed', () => {
    const typed = (locale: string, keys: string, kind: 'date' | 'datetime') =>
      [...keys].reduce((text, key) => completeDateTyping(locale, text + key, kind), '');
    expect(typed(ru, '07122026', 'date')).toBe('07.12.2026');
    expect(typed(ru, '071220261430', 'datetime')).toBe('07.12.2026 14:30');
    expect(typed(en, '07122026', 'date')).toBe('07/12/2026');
    // Typing the marks oneself works as well; a one-digit day keeps its own mark.
    expect(typed(ru, '07.12.2026', 'date')).toBe('07.12.2026');
    expect(typed(ru, '7.1.2026', 'date')).toBe('7.1.2026');
    expect(completeDateTyping(ru, '07122', 'date')).toBe('07.12.2');
    expect(completeDateTyping(ru, '2026-12-07', 'date')).toBe('2026-12-07');
    expect(completeDateTyping(ru, '07.12.20261', 'date')).toBe('07.12.20261');
  });
});
