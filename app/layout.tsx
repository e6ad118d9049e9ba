import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale } from './_server/locale';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Торг', template: '%s · Торг' },
  icons: { icon: '/favicon.svg' },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await getLocale()}>
      <body>{children}</body>
    </html>
  );
}
