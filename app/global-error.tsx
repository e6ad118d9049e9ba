'use client';

import ErrorPage from './error';

/** An error in the root layout itself: the same page, with the document it would have had. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="ru">
      <body>
        <ErrorPage {...props} />
      </body>
    </html>
  );
}
