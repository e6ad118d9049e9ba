import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { currentContext } from '@/lib/ops/context';
import { activeUser, type Role, type SessionUser } from '@/lib/users/users';
import { auth } from './auth';

/**
 * The signed-in user as stored now, once per request: role changes apply at once, and a deactivated user
 * or a revoked session (sign-out, password reset) counts as signed out.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await activeUser(getDb(), id, session?.user?.sessionVersion ?? 0);
  // The request's log line and any error it meets name the user.
  const context = currentContext();
  if (context && user) context.userId = user.id;
  return user;
});

/**
 * Every page, action and route handler starts here: no user → login; wrong role → 403.
 * With no roles given, any signed-in user passes.
 */
export async function requireUser(...allowed: Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login?expired=1');
  if (allowed.length > 0 && !allowed.includes(user.role)) forbidden();
  return user;
}

export const canEdit = (user: SessionUser, roles: readonly Role[]) => roles.includes(user.role);
