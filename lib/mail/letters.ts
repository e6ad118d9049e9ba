import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incomingEmails } from '@/db/schema';

/** The sanitised HTML of an incoming letter (by its interaction), or null when it has none. */
export async function letterHtml(db: DbOrTx, interactionId: number): Promise<string | null> {
  const [row] = await db
    .select({ html: incomingEmails.html })
    .from(incomingEmails)
    .where(eq(incomingEmails.interactionId, interactionId));
  return row?.html ?? null;
}
