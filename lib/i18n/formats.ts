import type { Locale } from '@/lib/users/users';
import { intlLocale, timeZone } from './translate';

/** Formats beyond translate.ts: moments with the time, and the company clock for forms. */

export function formatDateTime(locale: Locale, value: Date): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone,
  }).format(value);
}

const wallClockFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClock(moment: Date) {
  const parts = Object.fromEntries(wallClockFormat.formatToParts(moment).map((p) => [p.type, p.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/** How far the company's clock is ahead of UTC at a moment, in ms. */
function zoneOffset(moment: Date): number {
  const c = wallClock(moment);
  const asUtc = Date.UTC(+c.year, +c.month - 1, +c.day, +c.hour, +c.minute, +c.second);
  return asUtc - Math.floor(moment.getTime() / 1000) * 1000;
}

/** A moment as the company's clock shows it, for `<input type="datetime-local">`: "2026-05-04T10:30". */
export function toDateTimeLocal(moment: Date): string {
  const c = wallClock(moment);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}`;
}

/**
 * A datetime-local value read on the company's clock (not the server's), as an ISO moment. Anything
 * that is not such a value comes back unchanged, for the document schema to refuse.
 */
export function fromDateTimeLocal(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(asUtc);
  // Date.UTC rolls 31 February over into March; such a date is simply wrong.
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23) return 'invalid';
  // The offset at the wall time itself, then at the moment found: right next to a DST change too.
  const first = asUtc - zoneOffset(check);
  return new Date(asUtc - zoneOffset(new Date(first))).toISOString();
}
