import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale } from './_server/locale';
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
  return (
    <html lang={await getLocale()}>
      <body>{children}</body>
    </html>
  );
}
