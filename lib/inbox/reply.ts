import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { interactions } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import type { InteractionResult } from '@/lib/crm/interactions';
import { replyInTelegram } from '@/lib/telegram/reply';

/** «Ответить» in the inbox: a Telegram message is answered in its chat. */
export async function replyTo(
  db: DbOrTx,
  interactionId: number,
  input: unknown,
  actor: Actor,
): Promise<InteractionResult> {
  const [item] = await db
    .select({ kind: interactions.kind })
    .from(interactions)
    .where(eq(interactions.id, interactionId));
  if (item?.kind === 'message') return replyInTelegram(db, { interactionId }, input, actor);
  return { ok: false, errors: { interactionId: 'not_found' } };
}
