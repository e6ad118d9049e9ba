import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  callPops,
  calls,
  clientSettlementBalances,
  contactPersons,
  interactions,
  interests,
  partners,
} from '@/db/schema';
import { type Actor, canEditOwned } from '@/lib/access/rules';
import { openStates } from '@/lib/crm/interest-state';
import { commandTransaction, publish } from '@/lib/live/publish';
import { identifyCaller } from './identify';

/** At most this many pops at once on a page: a queue of callers is shown as its newest. */
const MAX_POPS = 5;

/**
 * The user's pending screen-pops, newest first, each with what the manager needs while the phone
 * rings: the company and contact, other partners with this number, open interests with their states,
 * the client's debt and the last three interactions.
 */
export async function pendingPops(db: DbOrTx, userId: number) {
  const rows = await db
    .select({
      popId: callPops.id,
      callId: calls.id,
      direction: calls.direction,
      phone: calls.phone,
      state: calls.state,
      result: calls.result,
      startedAt: calls.startedAt,
      durationSeconds: calls.durationSeconds,
      interactionId: calls.interactionId,
      partnerId: calls.partnerId,
      partner: partners.name,
      contact: contactPersons.name,
      position: contactPersons.position,
    })
    .from(callPops)
    .innerJoin(calls, eq(calls.id, callPops.callId))
    .leftJoin(partners, eq(partners.id, calls.partnerId))
    .leftJoin(contactPersons, eq(contactPersons.id, calls.contactId))
    .where(and(eq(callPops.userId, userId), isNull(callPops.dismissedAt)))
    .orderBy(desc(callPops.createdAt), desc(callPops.id))
    .limit(MAX_POPS);
  return Promise.all(
    rows.map(async (pop) => {
      const partnerId = pop.partnerId;
      const [others, openInterests, debt, recent] = await Promise.all([
        identifyCaller(db, pop.phone).then((m) => m.filter((x) => x.partnerId !== partnerId)),
        partnerId
          ? db
              .select({ id: interests.id, title: interests.title, state: interests.state })
              .from(interests)
              .where(and(eq(interests.partnerId, partnerId), inArray(interests.state, openStates)))
              .orderBy(desc(interests.stateChangedAt))
              .limit(5)
          : [],
        partnerId
          ? db
              .select({ amount: sql<string>`coalesce(sum(${clientSettlementBalances.amount}), 0)::text` })
              .from(clientSettlementBalances)
              .where(eq(clientSettlementBalances.partnerId, partnerId))
              .then((r) => r[0]?.amount ?? '0')
          : '0',
        partnerId
          ? db
              .select({
                id: interactions.id,
                kind: interactions.kind,
                direction: interactions.direction,
                at: interactions.at,
                subject: interactions.subject,
                body: interactions.body,
              })
              .from(interactions)
              .where(and(eq(interactions.partnerId, partnerId), ne(interactions.id, pop.interactionId)))
              .orderBy(desc(interactions.at), desc(interactions.id))
              .limit(3)
          : [],
      ]);
      return { ...pop, others, openInterests, debt, recent };
    }),
  );
}
export type Pop = Awaited<ReturnType<typeof pendingPops>>[number];

/** Closes a pop on every page of its user; only its user (or a leader or admin) may. */
export async function dismissPop(
  db: DbOrTx,
  popId: number,
  actor: Actor,
): Promise<'ok' | 'forbidden' | 'not_found'> {
  return commandTransaction(db, async (tx) => {
    const [pop] = await tx.select().from(callPops).where(eq(callPops.id, popId)).for('update');
    if (!pop) return 'not_found';
    if (!canEditOwned(actor, { responsibleId: pop.userId })) return 'forbidden';
    if (pop.dismissedAt) return 'ok';
    await tx.update(callPops).set({ dismissedAt: sql`now()` }).where(eq(callPops.id, popId));
    await publish(tx, `calls:${pop.userId}`);
    return 'ok';
  });
}
