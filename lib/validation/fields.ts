import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { isValidInn, isValidKpp } from './ru-requisites';

/**
 * Form fields arrive as strings. These helpers trim them, turn "" into null for optional fields,
 * and report problems as message keys (lib/i18n translates them at the field).
 */
export const requiredText = z.string({ error: 'required' }).trim().min(1, 'required').max(500, 'too_long');
export const optionalText = z
  .string()
  .trim()
  .max(2000, 'too_long')
  .optional()
  .transform((v) => (v ? v : null));

export const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/** Ids are PostgreSQL `serial`s: anything above this is no id of ours (and would overflow the query). */
export const MAX_ID = 2_147_483_647;

/** An id from a form ('' when not chosen) or from code (null when there is none). */
export const optionalId = z
  .union([z.string().max(20), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '') return null;
    const n = typeof v === 'string' && !/^\d+$/.test(v.trim()) ? Number.NaN : Number(v);
    if (!Number.isInteger(n) || n <= 0 || n > MAX_ID) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return n;
  });
/** An id from an address or its query, or null when it is no id of ours (the page then answers 404). */
export function idFrom(value: unknown): number | null {
  const parsed = optionalId.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One of `values`, or nothing: a form's unchosen select sends '', code sends null. */
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values).optional());

export const requiredId = optionalId.refine((v) => v !== null, 'required').transform((v) => v as number);

const digitsOnly = (v: string) => v.replace(/[\s-]/g, '');

export const optionalInn = optionalText.transform((v, ctx) => {
  if (v === null) return null;
  const inn = digitsOnly(v);
  if (!/^\d+$/.test(inn) || (inn.length !== 10 && inn.length !== 12)) {
    ctx.addIssue({ code: 'custom', message: 'inn_length' });
  } else if (!isValidInn(inn)) {
    ctx.addIssue({ code: 'custom', message: 'inn_checksum' });
  }
  return inn;
});
export const requiredInn = optionalInn.refine((v) => v !== null, 'required').transform((v) => v as string);

export const optionalKpp = optionalText.transform((v, ctx) => {
  if (v === null) return null;
  const kpp = digitsOnly(v).toUpperCase();
  if (!isValidKpp(kpp)) ctx.addIssue({ code: 'custom', message: 'kpp_format' });
  return kpp;
});

/** Normalises to E.164; numbers without a country code are read as Russian. */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'RU');
  return parsed?.isValid() ? parsed.number : null;
}

export const optionalPhone = optionalText.transform((v, ctx) => {
  if (v === null) return null;
  const phone = normalizePhone(v);
  if (!phone) ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
  return phone;
});

/** Built once: a zod schema made per call costs more than the check (a 50 000-row load makes many). */
const emailFormat = z.email();

export const optionalEmail = optionalText.transform((v, ctx) => {
  if (v === null) return null;
  const email = v.toLowerCase();
  if (!emailFormat.safeParse(email).success) ctx.addIssue({ code: 'custom', message: 'email_invalid' });
  return email;
});

/**
 * A textarea with one value per line (or comma-separated), each normalised, repeats dropped; all bad
 * values are named. With a limit, more than `max` different values are refused as soon as they are
 * counted, without reading the rest of a pasted list.
 */
function listOf(
  normalize: (item: string) => string | null,
  message: string,
  limit?: { max: number; message: string },
) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v ?? '')
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const result = new Set<string>();
      const bad: string[] = [];
      for (const item of items) {
        const normalized = normalize(item);
        if (normalized) result.add(normalized);
        else bad.push(item);
        if (limit && result.size + bad.length > limit.max) {
          ctx.addIssue({ code: 'custom', message: limit.message });
          return z.NEVER;
        }
      }
      if (bad.length) ctx.addIssue({ code: 'custom', message, params: { values: bad.join(', ') } });
      return [...result];
    });
}
export const phoneList = listOf(normalizePhone, 'phone_invalid');

/** Lower case; at most 254 characters, the longest address SMTP carries. */
function normalizeEmail(item: string): string | null {
  const e = item.toLowerCase();
  return e.length <= 254 && emailFormat.safeParse(e).success ? e : null;
}
export const emailList = listOf(normalizeEmail, 'email_invalid');
/** The addresses of one letter: at most `max` of them. */
export const recipientList = (max: number) =>
  listOf(normalizeEmail, 'email_invalid', { max, message: 'too_many_recipients' });

export const optionalTelegram = optionalText.transform((v, ctx) => {
  if (v === null) return null;
  const username = v.replace(/^@/, '').replace(/^https?:\/\/t\.me\//, '');
  if (!/^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(username))
    ctx.addIssue({ code: 'custom', message: 'telegram_invalid' });
  return username;
});

/** Money as a decimal string with at most 2 fractional digits; comma or dot, spaces allowed. */
export const money = z
  .string({ error: 'required' })
  .trim()
  .min(1, 'required')
  .transform((v, ctx) => {
    const normalized = v.replace(/[\s\u00a0]/g, '').replace(',', '.');
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(normalized)) {
      ctx.addIssue({ code: 'custom', message: 'money_invalid' });
      return z.NEVER;
    }
    return normalized;
  });

/**
 * A real day of the calendar as YYYY-MM-DD, years 1–9999 (what PostgreSQL's `date` takes). Date.parse
 * alone would take 2026-02-31 for 3 March.
 */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return year >= 1 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export const isoDate = z.string({ error: 'required' }).trim().refine(isCalendarDay, 'date_invalid');

/** A moment, as an ISO string or a Date, within years 1–9999 (PostgreSQL's timestamptz takes these). */
export const moment = z
  .union([z.string({ error: 'required' }).trim().max(40, 'date_invalid'), z.date()])
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => {
    const year = d.getUTCFullYear();
    return !Number.isNaN(d.getTime()) && year >= 1 && year <= 9999;
  }, 'date_invalid');

export type FieldErrors = Record<string, string>;

/** First message per field; custom params (e.g. the bad phone) are appended after a colon. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    // Nested fields are named by their path: "lines.2.quantity".
    const field = issue.path.length ? issue.path.map(String).join('.') : '_form';
    if (errors[field]) continue;
    const params = 'params' in issue ? (issue.params as { values?: string } | undefined) : undefined;
    const key = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
    errors[field] = params?.values ? `${key}:${params.values}` : key;
  }
  return errors;
}
