import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { StateCause } from './state-cause';

export const feedTypes = [
  'call',
  'email',
  'message',
  'meeting',
  'note',
  'document',
  'delivery',
  'event',
] as const;
export type FeedType = (typeof feedTypes)[number];

/** A type filter from a URL (`call,email`): the known types in it, none meaning all. */
export const parseFeedTypes = (param: string | undefined): FeedType[] =>
  (param ?? '').split(',').filter((t): t is FeedType => (feedTypes as readonly string[]).includes(t));

export type FeedItem = {
  /** Unique across the union: "interaction:12", "document:7", "delivery:2:7", "event:3". */
  key: string;
  type: FeedType;
  at: Date;
  /** Interaction direction, document kind:status:offer status, delivery status:stop result, or event kind. */
  detail: string | null;
  title: string | null;
  body: string | null;
  /** The document's or interaction's id, for links. */
  refId: number;
  userName: string | null;
  /** An interaction's attached files (id and name), for download links. */
  attachments: { id: number; name: string }[] | null;
  /** A phone call's number, result, length and recording (lib/telephony). */
  call: {
    phone: string;
    result: 'answered' | 'missed' | 'busy' | 'failed' | null;
    durationSeconds: number | null;
    recording: string | null;
  } | null;
  /** A state change's cause, rendered in the reader's language (lib/crm/state-cause.ts). */
  cause: StateCause | null;
  /** A Telegram message's delivery (a reply: queued, sent, failed, blocked; incoming: received). */
  telegramStatus: 'received' | 'queued' | 'sent' | 'failed' | 'blocked' | null;
  /** An incoming letter: whether it has HTML to show, and what of it was not kept (lib/mail). */
  letter: {
    html: boolean;
    tooLarge?: boolean;
    unreadable?: boolean;
    skipped?: { name: string; size: number }[];
  } | null;
};

/**
 * `chain(id)`: the documents created for the interest and, at any depth, those based on them — for a
 * `with recursive` query.
 */
export const documentChain = (interestId: number) => sql`chain as (
  select id from documents where interest_id = ${interestId}
  union
  select d.id from documents d join chain c on d.based_on_id = c.id
)`;

/**
 * Лента взаимодействий: the interest's interactions, every document of its chain (created for it, or
 * based on one that was, at any depth), the trips delivering them and its state changes, newest first. Nothing has to be linked
 * by hand: a document based on the interest's offer shows up here by itself.
 */
export async function interestFeed(
  db: DbOrTx,
  interestId: number,
  types: readonly FeedType[] = feedTypes,
): Promise<FeedItem[]> {
  const wanted = `{${types.join(',')}}`;
  return (await db.execute(sql`
    with recursive ${documentChain(interestId)}, feed as (
      select 'interaction:' || i.id as key, i.kind::text as type, i.at, i.at as recorded, i.direction::text as detail,
        i.subject as title, i.body, i.id as "refId", u.name as "userName",
        (select json_agg(json_build_object('id', a.id, 'name', a.file_name) order by a.id)
         from interaction_attachments a where a.interaction_id = i.id) as attachments,
        (select json_build_object('phone', c.phone, 'result', c.result, 'durationSeconds', c.duration_seconds,
           'recording', c.recording) from calls c where c.interaction_id = i.id) as call,
        (select m.status::text from telegram_messages m where m.interaction_id = i.id) as "telegramStatus",
        (select jsonb_build_object('html', e.html is not null) || e.notes
         from incoming_emails e where e.interaction_id = i.id) as letter,
        null::jsonb as cause
      from interactions i left join users u on u.id = i.author_id
      where i.interest_id = ${interestId}
      union all
      select 'document:' || d.id, 'document', d.date, d.recorded_at, d.kind::text || ':' || d.status::text || ':' || coalesce(d.offer_status::text, ''),
        d.number, d.comment, d.id, u.name, null, null, null, null, null
      from documents d join chain c on c.id = d.id left join users u on u.id = d.author_id
      where d.status <> 'deleted'
      union all
      -- A trip carrying one of the chain's documents, where it stands now (and what became of the stop).
      select 'delivery:' || t.id || ':' || s.document_id, 'delivery', t.updated_at, t.updated_at,
        t.status::text || ':' || s.result::text, t.number, s.reason, t.id, u.name, null, null, null, null, null
      from delivery_stops s join chain c on c.id = s.document_id
      join delivery_tasks t on t.id = s.delivery_id left join users u on u.id = t.author_id
      union all
      select 'event:' || e.id, 'event', e.at, e.at, e.kind::text, e.from_value || ' → ' || e.to_value, null, e.id, u.name, null, null, null, null,
        case when e.cause_code is not null then jsonb_build_object('code', e.cause_code, 'params', e.cause_params) end
      from interest_events e left join users u on u.id = e.user_id
      where e.interest_id = ${interestId}
    )
    -- In the order things happened in the system: a payment the bank dates by the day alone comes
    -- after the call that preceded it, not at that day's midnight.
    select key, type, at, detail, title, body, "refId", "userName", attachments, call, "telegramStatus", letter, cause
    from feed where type = any(${wanted}::text[]) order by recorded desc, key desc
  `)) as unknown as FeedItem[];
}
