import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { openStates } from '@/lib/crm/interest-state';
import { normalizePhone } from '@/lib/validation/fields';

export type CallerMatch = {
  partnerId: number;
  partner: string;
  responsibleId: number | null;
  contactId: number | null;
  contact: string | null;
  hasOpenInterest: boolean;
  /** Up to two of its open interests: a call goes into the feed of the client's only one. */
  openInterestIds: number[];
};

/** A number longer than this is no phone number; libphonenumber is not asked. */
const MAX_PHONE_INPUT = 64;

/**
 * Who is calling: the partners whose own phone or whose contact person's phone is this number (in any
 * spelling libphonenumber reads: 8 916…, 7916…, +7 (916) …, with an extension), one per partner — by
 * the contact when there is one — those with an open interest first. One index scan each: the contacts'
 * phones (GIN) and the partners' phone (B-tree), both stored in E.164.
 */
export async function identifyCaller(db: DbOrTx, number: string | null): Promise<CallerMatch[]> {
  const phone = number && number.length <= MAX_PHONE_INPUT ? normalizePhone(number) : null;
  if (!phone) return [];
  return (await db.execute(callerQuery(phone))) as unknown as CallerMatch[];
}

/** The lookup of an E.164 number (its plan is checked by a test at 100 000 partners). */
export function callerQuery(phone: string) {
  const open = `{${openStates.join(',')}}`;
  return sql`
    with found as (
      select c.partner_id, c.id as contact_id from contact_persons c
      where c.phones @> array[${phone}]::text[] and c.archived_at is null
      union all
      select p.id, null from partners p where p.phone = ${phone} and p.archived_at is null
    ), one as (
      select distinct on (partner_id) partner_id, contact_id from found order by partner_id, contact_id nulls last
    )
    select p.id as "partnerId", p.name as partner, p.responsible_id as "responsibleId",
      c.id as "contactId", c.name as contact,
      o.ids as "openInterestIds", cardinality(o.ids) > 0 as "hasOpenInterest"
    from one join partners p on p.id = one.partner_id and p.archived_at is null
    left join contact_persons c on c.id = one.contact_id
    cross join lateral (
      select array(select i.id from interests i where i.partner_id = p.id
        and i.state = any(${open}::interest_state[]) order by i.id limit 2) as ids
    ) o
    order by "hasOpenInterest" desc, p.name, p.id
    limit 20
  `;
}
