import type { NextAuthConfig } from 'next-auth';
import { decodeSessionToken, encodeSessionToken, expectedAuthAnswer } from '@/lib/users/session-token';
import type { Locale, Role } from '@/lib/users/users';

declare module 'next-auth' {
  interface User {
    role?: Role;
    locale?: Locale;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; sessionVersion: number };
  }
}

/** The part of the auth setup that the proxy can load: no database, no password hashing. */
export const authConfig = {
  trustHost: true,
  logger: {
    error(error) {
      if (!expectedAuthAnswer(error)) console.error(error);
    },
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: '/login' },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? '';
      session.user.role = token.role as Role;
      // A token from before session versions matches no user: its holder signs in again.
      session.user.sessionVersion = typeof token.sessionVersion === 'number' ? token.sessionVersion : 0;
      return session;
    },
  },
} satisfies NextAuthConfig;
