import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { publish } from '@/lib/live/publish';

/** How long before its due time a task's responsible user is reminded. */
export const REMIND_BEFORE_MINUTES = 30;

/**
 * Open tasks coming due are marked reminded (once each) and their users' task lists refresh live,
 * where the task shows its reminder.
 */
export async function remindDueTasks(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const rows = (await db.execute(sql`
    update tasks set reminded_at = ${now.toISOString()}::timestamptz
    where done_at is null and reminded_at is null
      and due_at <= ${now.toISOString()}::timestamptz + ${`${REMIND_BEFORE_MINUTES} minutes`}::interval
    returning responsible_id`)) as unknown as { responsible_id: number }[];
  const users = [...new Set(rows.map((r) => r.responsible_id))];
  if (users.length > 0) await publish(db, ...users.map((id) => `tasks:${id}` as const));
  return rows.length;
}
