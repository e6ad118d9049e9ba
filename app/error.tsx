'use client';

import { useEffect, useState } from 'react';

/** The page's language, as the root layout set it: this boundary renders in the browser. */
function usePageLocale(): 'ru' | 'en' {
  const [locale, setLocale] = useState<'ru' | 'en'>('ru');
  useEffect(() => setLocale(document.documentElement.lang === 'en' ? 'en' : 'ru'), []);
  return locale;
}

const text = {
  ru: {
    title: 'Ошибка, код',
    hint: 'Сообщите код администратору: по нему он найдёт запись в журнале сервера.',
    retry: 'Повторить',
    home: 'На главную',
  },
  en: {
    title: 'Error, code',
    hint: 'Tell the administrator the code: it finds the entry in the server log.',
    retry: 'Try again',
    home: 'Home',
  },
} as const;

/**
 * Anything a page or a command did not expect: the server logged it under `digest` (instrumentation.ts),
 * and the user sees that code instead of a bare 500 page.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = text[usePageLocale()];
  return (
    <main className="standalone" role="alert">
      <h1>
        {t.title} {error.digest ?? '—'}
      </h1>
      <p>{t.hint}</p>
      <p className="toolbar">
        <button type="button" onClick={reset}>
          {t.retry}
        </button>
        <a href="/">{t.home}</a>
      </p>
    </main>
  );
}
