import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { timeZone } from '@/lib/i18n/translate';

/**
 * Sent offers whose validity date has passed on the company's calendar become expired. The documents
 * trigger enqueues their interests' recomputes in the same transaction.
 */
export async function expireOffers(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const rows = (await db.execute(sql`
    update documents set offer_status = 'expired'
    where kind = 'commercial_offer' and offer_status = 'sent' and status <> 'deleted'
      and valid_until < (${now.toISOString()}::timestamptz at time zone ${timeZone})::date
    returning id`)) as unknown as { id: number }[];
  return rows.length;
}
