/** The page to return to after sending, with `?email=<id>` for EmailNotice. */
export function withEmailNotice(path: string, emailId: number): string {
  const url = new URL(path, 'http://torg.local');
  url.searchParams.set('email', String(emailId));
  return `${url.pathname}${url.search}`;
}
