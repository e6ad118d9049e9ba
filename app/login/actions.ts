'use server';

import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { CredentialsSignin } from 'next-auth';
import { param, publicAction } from '@/app/_server/action';
import { signIn, signOut } from '@/app/_server/auth';
import { formValues } from '@/app/_server/forms';
import { currentUser } from '@/app/_server/guard';
import { getTranslator, rememberLocale } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { revokeSessions } from '@/lib/users/users';
import { localPath } from '@/lib/validation/local-path';

export type LoginState = { error?: string; email?: string };

export const login = publicAction([param.state, param.form], async (_state, data): Promise<LoginState> => {
  const values = formValues(data);
  const email = String(values.email ?? '').trim();
  const password = String(values.password ?? '');
  const { t } = await getTranslator();
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (error) {
    if (!(error instanceof CredentialsSignin)) throw error;
    const [, seconds] = error.code.split('throttled:');
    return { email, error: seconds ? t('auth.throttled', { seconds }) : t('auth.invalid') };
  }
  const [user] = await getDb()
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  if (user) await rememberLocale(user.locale);
  redirect(localPath(values.next) ?? '/');
});

export const logout = publicAction([param.form], async (): Promise<void> => {
  const user = await currentUser();
  // Revoked before the cookie is cleared: a copy of the cookie must not outlive the sign-out.
  if (user) await revokeSessions(getDb(), user.id);
  await signOut({ redirectTo: '/login' });
});
