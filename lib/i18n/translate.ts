import type { Locale } from '@/lib/users/users';
import { catalogs, type MessageKey } from './messages';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, params) => {
    const text: string = messages[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text;
  };
}

/**
 * Field error codes from lib/validation ("phone_invalid:abc") as a sentence in the user's language; a
 * number in the detail ("allocation_above_debt:12825.00") is written the locale's way.
 */
export function errorText(t: Translate, code: string, locale?: Locale): string {
  const [key, detail] = code.split(/:(.*)/s, 2) as [string, string | undefined];
  const known = `error.${key}` as MessageKey;
  const text = t(known) === known ? t('error.invalid') : t(known);
  if (!detail) return text;
  const number = locale && /^-?\d+(\.\d+)?$/.test(detail);
  const shown = number
    ? new Intl.NumberFormat(intlLocale[locale], {
        minimumFractionDigits: detail.split('.')[1]?.length ?? 0,
      }).format(detail as unknown as number)
    : detail;
  return `${text.replace(/\.$/, '')}: ${shown}`;
}

export const intlLocale = { ru: 'ru-RU', en: 'en-GB' } as const;

/** Money from a decimal string; Intl formats strings exactly, without going through a float. */
export function formatMoney(locale: Locale, amount: string | null, currency = 'RUB'): string {
  if (amount === null) return '';
  return new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency }).format(
    amount as unknown as number,
  );
}

/** A percentage to one decimal place ("39,0 %"), from a decimal string. */
export function formatPercent(locale: Locale, value: string | null): string {
  if (value === null) return '';
  return `${new Intl.NumberFormat(intlLocale[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value as unknown as number)} %`;
}

/** A quantity (numeric(15,3) as a decimal string) in the locale's style, trailing zeros dropped. */
export function formatQuantity(locale: Locale, quantity: string | null): string {
  if (quantity === null) return '';
  return new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 3 }).format(
    quantity as unknown as number,
  );
}

/** The company's time zone for moments (timestamps); calendar dates (YYYY-MM-DD) are shown as they are. */
export const timeZone = process.env.TORG_TIMEZONE ?? 'Europe/Moscow';

export function formatDate(locale: Locale, value: Date | string | null): string {
  if (value === null) return '';
  const isCalendarDate = typeof value === 'string';
  const date = isCalendarDate ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'short',
    timeZone: isCalendarDate ? 'UTC' : timeZone,
  }).format(date);
}
