import { NextResponse } from 'next/server';
import NextAuth from 'next-auth';
import { authConfig } from '@/app/_server/auth.config';

const { auth } = NextAuth(authConfig);

/** Sends anonymous visitors to the login page. Pages and actions still check the user and role themselves. */
export const proxy = auth((request) => {
  if (request.auth) return NextResponse.next();
  const login = new URL('/login', request.nextUrl);
  if (request.nextUrl.pathname !== '/')
    login.searchParams.set('next', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
});

export const config = {
  matcher: ['/((?!login|api/auth|api/health|_next/|favicon|.*\\.(?:svg|png|ico|css|woff2?)$).*)'],
};
