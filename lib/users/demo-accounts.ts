import { randomBytes } from 'node:crypto';
import { and, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { demoUsers } from '@/db/demo-accounts';
import { users } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { setSetting } from '@/lib/settings/settings';
import { hashPassword } from './users';

const demoEmails = demoUsers.map((u) => u.email);

/**
 * Retires the demo accounts, whose password everyone knows. Documents and partners point at them, so they
 * stay as inactive rows with a password nobody knows, their sessions revoked. Refused while no other
 * active administrator exists: the admin creates their own account first.
 */
export async function removeDemoAccounts(
  db: DbOrTx,
  actorId: number | null,
): Promise<{ ok: true } | { ok: false; error: 'demo_last_admin' }> {
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  return db.transaction(async (tx) => {
    // The same lock as updateUser's: a concurrent demotion cannot leave the app without an admin.
    await tx.execute(sql`select id from users where role = 'admin' for update`);
    const [admins] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true), notInArray(users.email, demoEmails)));
    if (!admins?.n) return { ok: false, error: 'demo_last_admin' } as const;
    const retired = await tx
      .update(users)
      .set({ active: false, passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(inArray(users.email, demoEmails))
      .returning({ id: users.id });
    await setSetting(tx, 'demo_accounts', false);
    await writeAudit(tx, {
      userId: actorId,
      action: 'remove_demo_accounts',
      entity: 'user',
      data: { ids: retired.map((u) => u.id) },
    });
    return { ok: true } as const;
  });
}
