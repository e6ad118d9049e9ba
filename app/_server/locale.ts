import { cookies } from 'next/headers';
import { translator } from '@/lib/i18n/translate';
import { type Locale, locales } from '@/lib/users/users';

export const LOCALE_COOKIE = 'torg-locale';

/** The user's language: set from their profile at sign-in and when they switch it. */
export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return locales.includes(value as Locale) ? (value as Locale) : 'ru';
}

export async function getTranslator() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}

export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
    httpOnly: true,
  });
}
