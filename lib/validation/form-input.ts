import { fromDateTimeLocal } from '@/lib/i18n/formats';

const lineField = /^lines\.(\d{1,4})\.(\w+)$/;

/**
 * A form with a lines editor (documents, interests) as the nested input their schemas parse: flat
 * fields "lines.0.quantity" become `lines[0].quantity`, in the form's order; a `date` was typed on the
 * company's clock.
 */
export function nestedFormInput(fields: Record<string, unknown>) {
  const header: Record<string, unknown> = {};
  const lines = new Map<number, Record<string, unknown>>();
  for (const [name, value] of Object.entries(fields)) {
    const match = lineField.exec(name);
    if (!match) {
      header[name] = value;
      continue;
    }
    const index = Number(match[1]);
    if (!lines.has(index)) lines.set(index, {});
    lines.get(index)![match[2]!] = value;
  }
  return {
    ...header,
    date: typeof header.date === 'string' ? fromDateTimeLocal(header.date) : header.date,
    lines: [...lines.entries()].sort(([a], [b]) => a - b).map(([, line]) => line),
  };
}
