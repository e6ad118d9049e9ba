import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { clientAddress, trustedProxies } from '@/lib/users/client-address';
import { signIn as checkCredentials } from '@/lib/users/sign-in';
import { authConfig } from './auth.config';

/** Carries the pause to the login form; the code travels through next-auth's CredentialsSignin. */
class Throttled extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled:${seconds}`;
  }
}

const proxies = trustedProxies(process.env.TORG_TRUST_PROXY);

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await checkCredentials(
          getDb(),
          String(credentials.email ?? ''),
          String(credentials.password ?? ''),
          { ip: clientAddress(request.headers, proxies) },
        );
        if (result.ok) {
          const { user } = result;
          return {
            id: String(user.id),
            name: user.name,
            email: user.email,
            role: user.role,
            locale: user.locale,
            sessionVersion: user.sessionVersion,
          };
        }
        if (result.reason === 'throttled') throw new Throttled(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
});
