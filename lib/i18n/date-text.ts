/**
 * Dates as a person types and reads them in their locale ("07.12.2026 14:30" in Russian, "07/12/2026
 * 14:30" in English) and as forms send them: what `<input type="date">` and `type="datetime-local">`
 * send ("2026-12-07", "2026-12-07T14:30"), so the server reads them one way whoever typed them. Pure,
 * for the browser as well as the server.
 */

/** A calendar date, or a wall-clock moment (date and time to the minute). */
export type DateKind = 'date' | 'datetime';

type Part = 'day' | 'month' | 'year';
const width: Record<Part, number> = { day: 2, month: 2, year: 4 };

/** The locale's short date: the order of its parts and the mark between them (ru "д.м.г", en-GB "д/м/г"). */
function layout(intlLocale: string): { order: Part[]; mark: string } {
  const parts = new Intl.DateTimeFormat(intlLocale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(2026, 11, 7)));
  const order = parts.map((p) => p.type).filter((t): t is Part => t in width);
  return { order, mark: parts.find((p) => p.type === 'literal')?.value ?? '.' };
}

const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;
const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** The canonical value of a date, or null when there is no such date or time (31.02, 24:00). */
function canonical(kind: DateKind, y: number, m: number, d: number, time?: [number, number]): string | null {
  const check = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 31 February over into March; such a date simply does not exist.
  if (y < 1000 || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return null;
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (kind === 'date') return time ? null : date;
  if (!time || time[0] > 23 || time[1] > 59) return null;
  return `${date}T${pad(time[0])}:${pad(time[1])}`;
}

/**
 * What the user typed, read by their locale, as the value the form sends; '' for nothing typed; null
 * when it is not a date (or lacks the time a moment needs). Any of . / - marks the parts, a one-digit
 * day or month and a two-digit year (20yy) are read too, and so is the canonical value itself (pasted).
 */
export function parseDateText(intlLocale: string, text: string, kind: DateKind): string | null {
  const s = text.trim();
  if (s === '') return '';
  const given = iso.exec(s);
  if (given) {
    const [y, m, d, hh, mm] = given.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
    return canonical(kind, y!, m!, d!, hh === undefined ? undefined : [hh, mm!]);
  }
  const typed = /^(\d{1,4})[./-](\d{1,4})[./-](\d{1,4})(?:(?:\s*,\s*|\s+|T)(\d{1,2})[:.](\d{2}))?$/.exec(s);
  if (!typed) return null;
  const { order } = layout(intlLocale);
  const value = Object.fromEntries(order.map((part, i) => [part, typed[i + 1]!])) as Record<Part, string>;
  if (value.day.length > 2 || value.month.length > 2 || ![2, 4].includes(value.year.length)) return null;
  const year = Number(value.year) + (value.year.length === 2 ? 2000 : 0);
  const time =
    typed[4] === undefined ? undefined : ([Number(typed[4]), Number(typed[5])] as [number, number]);
  return canonical(kind, year, Number(value.month), Number(value.day), time);
}

/** A canonical value as the locale shows it ("07.12.2026 14:30"); anything else (a refused text) as it is. */
export function formatDateText(intlLocale: string, value: string): string {
  const given = iso.exec(value.trim());
  if (!given) return value;
  const [year, month, day, hour, minute] = given.slice(1) as [string, string, string, string?, string?];
  const { order, mark } = layout(intlLocale);
  const date = order.map((part) => ({ day, month, year })[part]).join(mark);
  return hour === undefined ? date : `${date} ${hour}:${minute}`;
}

/**
 * Typing help: once a part is full ("07", "07.12"), the mark before the next one is added, and a digit
 * typed past a full part starts the next one ("07122" → "07.12.2"). Only for text that is digits and
 * marks; a pasted canonical value and anything else are left as they are.
 */
export function completeDateTyping(intlLocale: string, text: string, kind: DateKind): string {
  if (!/^[\d./\-:, ]*\d$/.test(text) || /^\d{4}-/.test(text)) return text;
  const { order, mark } = layout(intlLocale);
  const widths = [...order.map((part) => width[part]), ...(kind === 'datetime' ? [2, 2] : [])];
  const marks = [mark, mark, ' ', ':'];
  const groups: string[] = [];
  for (let rest of text.split(/[./\-:, ]+/)) {
    while (groups.length < widths.length && rest.length > widths[groups.length]!) {
      groups.push(rest.slice(0, widths[groups.length]));
      rest = rest.slice(widths[groups.length - 1]!);
    }
    groups.push(rest);
  }
  if (groups.length > widths.length) return text;
  const last = groups.length - 1;
  const full = groups[last]!.length === widths[last] && last < widths.length - 1;
  return groups.map((g, i) => g + (i < last || full ? marks[i] : '')).join('');
}
