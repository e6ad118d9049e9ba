import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { DocumentForbiddenError, DocumentNotFoundError, lockDocument } from '@/lib/documents/posting';
import { type OfferStatus, offerTransitions as transitions } from './offer-transitions';

export type { OfferStatus } from './offer-transitions';

/** What a manager sets by hand; "expired" is the scheduled job's. */
export const offerMoves = ['sent', 'accepted', 'rejected'] as const;

/** The statuses a manager can set by hand from the current one, in the order buttons show them. */
export const manualOfferStatuses = (from: OfferStatus) =>
  offerMoves.filter((to) => transitions[from].includes(to));

export class OfferNotFoundError extends Error {}
/** The offer is another manager's (lib/access/rules). */
export class OfferForbiddenError extends Error {}

/** The move is not allowed from the offer's current status, or the offer is marked for deletion. */
export class OfferStatusError extends Error {
  constructor(
    readonly from: OfferStatus | 'deleted',
    readonly to: OfferStatus,
  ) {
    super(`an offer cannot go from ${from} to ${to}`);
    this.name = 'OfferStatusError';
  }
}

/**
 * Sets a commercial offer's status (offers post nothing: this is their whole life cycle), with an audit
 * row, on the locked header. Setting the status it already has changes nothing.
 */
export async function setOfferStatus(
  db: DbOrTx,
  id: number,
  to: OfferStatus,
  actor: Actor | null,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const offer = await lockDocument(tx, id, actor, 'commercial_offer').catch((error) => {
      if (error instanceof DocumentNotFoundError) throw new OfferNotFoundError(`offer ${id} not found`);
      if (error instanceof DocumentForbiddenError) throw new OfferForbiddenError();
      throw error;
    });
    const from = offer.offerStatus ?? 'draft';
    if (offer.status === 'deleted') throw new OfferStatusError('deleted', to);
    if (from === to) return { changed: false };
    if (!transitions[from].includes(to)) throw new OfferStatusError(from, to);
    await tx.update(documents).set({ offerStatus: to }).where(eq(documents.id, id));
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: 'offer_status',
      entity: 'document',
      entityId: id,
      data: { from, to },
    });
    return { changed: true };
  });
}
