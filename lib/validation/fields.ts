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

/** An id from a form ('' when not chosen) or from code (null when there is none). */
export const optionalId = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'invalid' });
      return z.NEVER;
    }
    return n;
  });
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

export const optionalEmail = optionalText.transform((v, ctx) => {
  if (v === null) return null;
  const email = v.toLowerCase();
  if (!z.email().safeParse(email).success) ctx.addIssue({ code: 'custom', message: 'email_invalid' });
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

const email = z.email();
/** Lower case; at most 254 characters, the longest address SMTP carries. */
function normalizeEmail(item: string): string | null {
  const e = item.toLowerCase();
  return e.length <= 254 && email.safeParse(e).success ? e : null;
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

export const isoDate = z
  .string({ error: 'required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_invalid')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'date_invalid');

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
