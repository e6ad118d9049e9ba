import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { intlLocale } from '@/lib/i18n/translate';
import { DateTextsProvider } from './_components/DateInput';
import { getTranslator } from './_server/locale';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Торг', template: '%s · Торг' },
  // The .ico for browsers and tools that ask for /favicon.ico whatever the page says (public/).
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/favicon.svg', type: 'image/svg+xml' },
    ],
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  const dateTexts = {
    intlLocale: intlLocale[locale],
    date: t('input.datePattern'),
    datetime: t('input.dateTimePattern'),
    typed: t('input.dateTyped'),
    picker: t('input.datePicker'),
  };
  return (
    <html lang={locale}>
      <body>
        <DateTextsProvider texts={dateTexts}>{children}</DateTextsProvider>
      </body>
    </html>
  );
}
