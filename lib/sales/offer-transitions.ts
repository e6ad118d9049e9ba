import type { documents } from '@/db/schema';

export type OfferStatus = NonNullable<(typeof documents.$inferSelect)['offerStatus']>;

/**
 * Where an offer may go from each status. A manager marks it sent, accepted or rejected; "expired" is
 * set by the scheduled job when its validity ends. A rejected or expired offer can be sent again.
 * Making an order from an offer accepts it.
 */
export const offerTransitions: Record<OfferStatus, readonly OfferStatus[]> = {
  draft: ['sent', 'accepted', 'rejected', 'expired'],
  sent: ['accepted', 'rejected', 'expired'],
  accepted: ['rejected'],
  rejected: ['sent'],
  expired: ['sent'],
};

/** The statuses an offer is accepted from. */
export const acceptedFrom = (Object.keys(offerTransitions) as OfferStatus[]).filter((from) =>
  offerTransitions[from].includes('accepted'),
);
