import { fromDateTimeLocal } from '@/lib/i18n/formats';

const rowField = /^(lines|allocations)\.(\d{1,4})\.(\w+)$/;

/**
 * A form with row editors (document lines, a payment's allocations; interest lines) as the nested
 * input their schemas parse: flat fields "lines.0.quantity" become `lines[0].quantity`, in the form's
 * order; a `date` was typed on the company's clock.
 */
export function nestedFormInput(fields: Record<string, unknown>) {
  const header: Record<string, unknown> = {};
  const rows = { lines: new Map<number, Record<string, unknown>>(), allocations: new Map() };
  for (const [name, value] of Object.entries(fields)) {
    const match = rowField.exec(name);
    if (!match) {
      header[name] = value;
      continue;
    }
    const list = rows[match[1] as keyof typeof rows];
    const index = Number(match[2]);
    if (!list.has(index)) list.set(index, {});
    list.get(index)![match[3]!] = value;
  }
  const ordered = (list: Map<number, Record<string, unknown>>) =>
    [...list.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return {
    ...header,
    date: typeof header.date === 'string' ? fromDateTimeLocal(header.date) : header.date,
    lines: ordered(rows.lines),
    allocations: ordered(rows.allocations),
  };
}
