import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { incomingEmails } from '@/db/schema';
import { logInteraction } from '@/lib/crm/interactions';
import type { Letter } from './letter';

/** Where a letter was read: the mailbox's key, its UIDVALIDITY and the letter's UID and size. */
export type LetterPlace = { mailbox: string; uidValidity: number; uid: number; size: number };

type Thread = { interestId: number | null; partnerId: number | null; contactId: number | null };

/**
 * The interaction a reply answers: one of our letters (outgoing_emails.message_id) or a letter we
 * received, named in In-Reply-To or References — In-Reply-To first, then References from the nearest.
 */
async function threadOf(tx: Tx, letter: Letter): Promise<Thread | undefined> {
  const ids = [
    ...new Set([letter.inReplyTo, ...[...letter.references].reverse()].filter((id) => id !== null)),
  ];
  if (ids.length === 0) return undefined;
  const [thread] = (await tx.execute(sql`
    with named as (select id, ord from unnest(${sql.param(ids)}::text[]) with ordinality as n(id, ord))
    select i.interest_id as "interestId", i.partner_id as "partnerId", i.contact_id as "contactId"
    from named
    join lateral (
      select o.interaction_id from outgoing_emails o where o.message_id = named.id
      union all
      select e.interaction_id from incoming_emails e where e.message_id = named.id
    ) m on true
    join interactions i on i.id = m.interaction_id
    where i.interest_id is not null or i.partner_id is not null
    order by named.ord, i.interest_id is null
    limit 1`)) as unknown as Thread[];
  return thread;
}

/** The sender by address: a contact person's (GIN on their emails), else a partner's own. */
async function senderOf(tx: Tx, address: string | null): Promise<Thread | undefined> {
  if (!address) return undefined;
  const [found] = (await tx.execute(sql`
    select * from (
      select c.partner_id as "partnerId", c.id as "contactId", null::int as "interestId", 0 as rank
      from contact_persons c join partners p on p.id = c.partner_id and p.archived_at is null
      where c.emails @> array[${address}]::text[] and c.archived_at is null
      union all
      select p.id, null, null, 1 from partners p where lower(p.email) = ${address} and p.archived_at is null
    ) found order by rank, "partnerId" limit 1`)) as unknown as Thread[];
  return found;
}

/**
 * A letter becomes an incoming `email` interaction with its attachments. A reply to a letter of an
 * interest lands in that interest's feed, processed; any other is matched to a partner by the
 * sender's address (or to no one) and waits in the inbox.
 */
export async function importLetter(tx: Tx, place: LetterPlace, letter: Letter): Promise<number> {
  const thread = await threadOf(tx, letter);
  const match = thread ?? (await senderOf(tx, letter.from));
  const now = Date.now();
  // A date from the future (a wrong clock) would sit on top of the inbox for ever: the arrival counts then.
  const at = letter.date && letter.date.getTime() < now + 86_400_000 ? letter.date : new Date(now);
  const logged = await logInteraction(
    tx,
    {
      kind: 'email',
      direction: 'incoming',
      at,
      partnerId: match?.partnerId ?? null,
      contactId: match?.contactId ?? null,
      interestId: thread?.interestId ?? null,
      subject: letter.subject ?? undefined,
      body: letter.text || (letter.subject ? undefined : '—'),
      fromAddress: letter.from ?? undefined,
      processed: Boolean(thread?.interestId),
    },
    null,
    letter.attachments,
  );
  if (!logged.ok) throw new Error(`the letter could not be logged: ${JSON.stringify(logged)}`);
  await tx.insert(incomingEmails).values({
    interactionId: logged.id,
    ...place,
    messageId: letter.messageId,
    inReplyTo: letter.inReplyTo,
    references: letter.references,
    fromAddress: letter.from,
    html: letter.html,
    notes: {
      ...(letter.tooLarge ? { tooLarge: true } : {}),
      ...(letter.unreadable ? { unreadable: true } : {}),
      ...(letter.skipped.length ? { skipped: letter.skipped } : {}),
    },
  });
  return logged.id;
}
