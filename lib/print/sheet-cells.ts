import { formatQuantity } from '@/lib/i18n/translate';
import type { SheetCell, SheetRow } from './form-sheet';
import { printMoney } from './print-form';

/** The cells fixed-layout forms are drawn with (the УПД, ТОРГ-12, the cash orders). */
export const text = (value: string, colSpan = 1, rest: Partial<SheetCell> = {}): SheetCell => ({
  text: value,
  colSpan,
  ...rest,
});
export const blank = (colSpan = 1, rowSpan = 1): SheetCell => ({ text: '', colSpan, rowSpan });
export const small = (value: string, colSpan = 1, rest: Partial<SheetCell> = {}) =>
  text(value, colSpan, { size: 'small', ...rest });
/** A line to write on, with what we can fill in already. */
export const field = (value: string, colSpan = 1, rest: Partial<SheetCell> = {}) =>
  text(value, colSpan, { border: 'under', ...rest });
/** The small caption under a line: "(подпись)". */
export const caption = (value: string, colSpan = 1) => small(value, colSpan, { align: 'center' });
export const box = (value: string, colSpan = 1, rest: Partial<SheetCell> = {}) =>
  text(value, colSpan, { border: 'box', ...rest });
export const money = (value: string, rest: Partial<SheetCell> = {}): SheetCell => ({
  text: printMoney(value),
  border: 'box',
  align: 'right',
  number: { value, format: 'money' },
  ...rest,
});
export const quantity = (value: string, rest: Partial<SheetCell> = {}): SheetCell => ({
  text: formatQuantity('ru', value),
  border: 'box',
  align: 'right',
  number: { value, format: 'quantity' },
  ...rest,
});
/** A table header cell. */
export const head = (value: string, colSpan = 1, rowSpan = 1): SheetCell => ({
  text: value,
  colSpan,
  rowSpan,
  border: 'box',
  align: 'center',
  size: 'small',
});
export const row = (cells: SheetCell[], rest: Omit<SheetRow, 'cells'> = {}): SheetRow => ({ cells, ...rest });
