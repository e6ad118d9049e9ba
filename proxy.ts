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

/**
 * Runs for pages only (see `config`): sets each page's Content-Security-Policy with a fresh nonce and
 * sends anonymous visitors to the login page. Pages, actions and routes check the user and role
 * themselves; server actions and route handlers do not pass through here, so uploads are not held to
 * the proxy's body limit.
 */
export const proxy = auth((request) => {
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
      source: '/((?!api/|_next/|favicon|.*\\.(?:svg|png|ico|css|js|woff2?|map)$).*)',
      // Server actions post to a page's address; they check the user themselves.
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
};
