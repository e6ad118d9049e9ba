import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { signIn as checkCredentials } from '@/lib/users/sign-in';
import { authConfig } from './auth.config';

/** Carries the pause to the login form; the code travels through next-auth's CredentialsSignin. */
class Throttled extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled:${seconds}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  // A wrong password is an expected answer, not a server error worth a stack trace in the log.
  logger: {
    error(error) {
      if (!(error instanceof CredentialsSignin)) console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const result = await checkCredentials(
          getDb(),
          String(credentials.email ?? ''),
          String(credentials.password ?? ''),
        );
        if (result.ok) {
          const { user } = result;
          return {
            id: String(user.id),
            name: user.name,
            email: user.email,
            role: user.role,
            locale: user.locale,
          };
        }
        if (result.reason === 'throttled') throw new Throttled(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
});
