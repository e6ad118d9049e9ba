import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { interactions } from '@/db/schema';
import type { InteractionResult } from '@/lib/crm/interactions';
import type { EmailActor } from '@/lib/email/send-email';
import { replyByEmail } from '@/lib/mail/reply';
import { replyInTelegram } from '@/lib/telegram/reply';

/** «Ответить» in the inbox: a Telegram message in its chat, a letter by a letter back. */
export async function replyTo(
  db: DbOrTx,
  interactionId: number,
  input: unknown,
  actor: EmailActor,
): Promise<InteractionResult> {
  const [item] = await db
    .select({ kind: interactions.kind })
    .from(interactions)
    .where(eq(interactions.id, interactionId));
  if (item?.kind === 'message') return replyInTelegram(db, { interactionId }, input, actor);
  if (item?.kind === 'email') return replyByEmail(db, interactionId, input, actor);
  return { ok: false, errors: { interactionId: 'not_found' } };
}
