import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { interestEvents, interestState, interests, lossReasons } from '@/db/schema';
import { type Actor, canEditOwned } from '@/lib/access/rules';
import { commandTransaction, publish } from '@/lib/live/publish';
import { forbidden, type Refusal, refuse } from '@/lib/validation/result';
import type { StateCause } from './state-cause';
import { closeInterestTasks } from './tasks';

/** docs/domain.md, in the order a deal goes through them (the database enum's order). */
export const interestStates = interestState.enumValues;
export type InterestState = (typeof interestStates)[number];
export const openStates = interestStates.filter((s) => s !== 'won' && s !== 'lost');

/**
 * What a user may set by hand: "lost" (with its reason), and from "lost" back to "new" (reopening:
 * the automation then recomputes the state from the facts). Everything else follows the documents.
 */
export function manualStates(current: InterestState): InterestState[] {
  return current === 'lost' ? ['lost', 'new'] : [current, 'lost'];
}

export type StateChange = {
  /** Who changes it; null when the automation does. A user is held to the access rule. */
  by: Actor | null;
  /** Why, for the feed: a code and its parameters, rendered in the reader's language. */
  cause?: StateCause | null;
  lossReasonId?: number | null;
  /**
   * Marking it lost: close the interest's open tasks (mark them done, those the user may change) or
   * keep them open. Kept unless asked, so nothing the user was not asked about is closed.
   */
  openTasks?: 'close' | 'keep';
};

export type StateChangeResult = { ok: true; changed: boolean } | Refusal;

/**
 * The one way an interest's state changes — by the automation, or by a user within manualStates
 * (another state is refused with `automatic`: the documents decide it, docs/domain.md). Writes the
 * history row for the feed in the same transaction; a change to the state it already has is a no-op.
 * "Lost" needs a loss reason, and closes the open tasks when asked; leaving "lost" (reopening) clears
 * the reason. A user may change only what canEditOwned lets them edit.
 */
export async function changeInterestState(
  db: DbOrTx,
  interestId: number,
  to: InterestState,
  change: StateChange,
): Promise<StateChangeResult> {
  if (to === 'lost' && !change.lossReasonId) return refuse({ lossReasonId: 'loss_reason' });
  return commandTransaction(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(interests)
      .where(eq(interests.id, interestId))
      .for('no key update');
    if (!current) return refuse({ _form: 'not_found' });
    // Checked on the locked row, so a reassignment that commits first cannot slip past it.
    if (change.by && !canEditOwned(change.by, current)) return forbidden();
    if (change.by && to !== current.state && !manualStates(current.state).includes(to))
      return refuse({ state: 'automatic' });
    const lossReasonId = to === 'lost' ? change.lossReasonId! : null;
    if (current.state === to && current.lossReasonId === lossReasonId) return { ok: true, changed: false };
    if (lossReasonId !== null) {
      const [reason] = await tx
        .select({ id: lossReasons.id })
        .from(lossReasons)
        .where(eq(lossReasons.id, lossReasonId));
      if (!reason) return refuse({ lossReasonId: 'not_found' });
    }
    const now = new Date();
    await tx
      .update(interests)
      .set({ state: to, stateChangedAt: now, lossReasonId, version: current.version + 1 })
      .where(eq(interests.id, interestId));
    if (to === 'lost' && change.openTasks === 'close') {
      await closeInterestTasks(tx, interestId, change.by, now);
    }
    await publish(tx, `interest:${interestId}`, 'kanban');
    await tx.insert(interestEvents).values({
      interestId,
      kind: 'state',
      userId: change.by?.id ?? null,
      fromValue: current.state,
      toValue: to,
      causeCode: change.cause?.code ?? null,
      causeParams: change.cause?.params ?? null,
    });
    return { ok: true, changed: true };
  });
}
