import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { DocumentRuleError } from '@/lib/documents/errors';
import { inTransaction, lockDocument, publishDocument } from '@/lib/documents/posting';
import type { Refusal } from '@/lib/validation/result';
import { type OfferStatus, offerTransitions as transitions } from './offer-transitions';

export type { OfferStatus } from './offer-transitions';

/** What a manager sets by hand; "expired" is the scheduled job's. */
export const offerMoves = ['sent', 'accepted', 'rejected'] as const;

/** The statuses a manager can set by hand from the current one, in the order buttons show them. */
export const manualOfferStatuses = (from: OfferStatus) =>
  offerMoves.filter((to) => transitions[from].includes(to));

export type OfferStatusResult = { ok: true; changed: boolean } | Refusal;

/**
 * Sets a commercial offer's status (offers post nothing: this is their whole life cycle), with an audit
 * row, on the locked header. Setting the status it already has changes nothing; a move its status does
 * not allow (or an offer marked for deletion) is refused with `offer_status`.
 */
export async function setOfferStatus(
  db: DbOrTx,
  id: number,
  to: OfferStatus,
  actor: Actor | null,
): Promise<OfferStatusResult> {
  let changed = false;
  const result = await inTransaction(db, async (tx) => {
    const offer = await lockDocument(tx, id, actor, 'commercial_offer');
    const from = offer.offerStatus ?? 'draft';
    if (offer.status === 'deleted' || (from !== to && !transitions[from].includes(to)))
      throw new DocumentRuleError({ _form: 'offer_status' });
    if (from === to) return id;
    await Promise.all([
      tx.update(documents).set({ offerStatus: to }).where(eq(documents.id, id)),
      writeAudit(tx, {
        userId: actor?.id ?? null,
        action: 'offer_status',
        entity: 'document',
        entityId: id,
        data: { from, to },
      }),
      publishDocument(tx, id),
    ]);
    changed = true;
    return id;
  });
  return result.ok ? { ok: true, changed } : { ok: false, errors: result.errors };
}
