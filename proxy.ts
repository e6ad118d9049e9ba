import { NextResponse } from 'next/server';
import NextAuth from 'next-auth';
import { authConfig } from '@/app/_server/auth.config';

const { auth } = NextAuth(authConfig);

/** Pages anyone may open (sign-in and the first administrator's setup under /login); the rest need a user. */
const publicPages = ['/login'];

/**
 * The Content-Security-Policy of a page: scripts only from this app, Next's own inline ones carrying
 * the request's nonce (Next reads it from this header and puts it on them); styles may be inline
 * (React style attributes, Turbo's progress bar). Nothing frames our pages.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** No address of ours is longer, and a longer one would come back in headers past what clients read. */
const MAX_URL_LENGTH = 4096;

/**
 * An address the app can read: within MAX_URL_LENGTH, its escapes decode as UTF-8, and no NUL
 * (PostgreSQL takes none in text). Next would answer a bad escape with a bare 500.
 */
function readableUrl(url: URL): boolean {
  const raw = url.pathname + url.search;
  if (raw.length > MAX_URL_LENGTH) return false;
  try {
    return !(decodeURIComponent(url.pathname) + decodeURIComponent(url.search)).includes('\0');
  } catch {
    return false;
  }
}

/**
 * Runs for every request but static files and server actions (see `config`): refuses an address the
 * app cannot read with 400; then, for pages, sets the Content-Security-Policy with a fresh nonce and
 * sends anonymous visitors to the login page. Pages, actions and routes check the user and role
 * themselves; server actions do not pass through here, so uploads are not held to its body limit.
 */
export const proxy = auth((request) => {
  if (!readableUrl(request.nextUrl))
    return new NextResponse('Bad request: the address cannot be read', { status: 400 });
  if (request.nextUrl.pathname.length > 1 && request.nextUrl.pathname.endsWith('/')) {
    const canonical = request.nextUrl.clone();
    canonical.pathname = canonical.pathname.replace(/\/+$/, '') || '/';
    return NextResponse.redirect(canonical, 308);
  }
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next();
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = contentSecurityPolicy(nonce);
  const path = request.nextUrl.pathname;
  let response: NextResponse;
  if (request.auth || publicPages.some((p) => path === p || path.startsWith(`${p}/`))) {
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL('/login', request.nextUrl);
    if (path !== '/') login.searchParams.set('next', path + request.nextUrl.search);
    response = NextResponse.redirect(login);
  }
  response.headers.set('Content-Security-Policy', csp);
  return response;
});

export const config = {
  matcher: [
    {
      source: '/((?!_next/|favicon|.*\\.(?:svg|png|ico|css|js|woff2?|map)$).*)',
      // Server actions post to a page's address; they check the user themselves.
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
};
