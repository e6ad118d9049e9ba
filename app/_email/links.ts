/** A `?back=` target: only a path of this app, never another site. */
export function safeBack(value: string | undefined): string | null {
  return value && /^\/(?![/\\])/.test(value) ? value : null;
}

/** The page to return to after sending, with `?email=<id>` for EmailNotice. */
export function withEmailNotice(path: string, emailId: number): string {
  const url = new URL(path, 'http://torg.local');
  url.searchParams.set('email', String(emailId));
  return `${url.pathname}${url.search}`;
}
