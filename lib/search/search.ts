import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/access/rules';
import { containsPattern } from '@/lib/catalogs/catalog';
import { companyClock } from '@/lib/crm/workplace';
import { type DocumentKind, kindSlugs } from '@/lib/documents/kinds';
import { MIN_SEARCH_LENGTH, parseSearch } from './query';

export const searchKinds = ['partner', 'contact', 'interest', 'document', 'product'] as const;
export type SearchKind = (typeof searchKinds)[number];

export type SearchHit = {
  kind: SearchKind;
  id: number;
  /** Partner, contact person, product: the name; interest: the subject; document: its number. */
  title: string;
  /** Partner: INN; contact person and interest: the partner; document: the partner; product: the SKU. */
  detail: string | null;
  /** Document: its kind and status. */
  documentKind: DocumentKind | null;
  status: string | null;
  /** Document: its day on the company's clock (YYYY-MM-DD), as its card shows it. */
  date: string | null;
  /** The user is responsible for it: shown first within its group. */
  mine: boolean;
  /** The page the hit opens. */
  href: string;
};
export type SearchGroup = { kind: SearchKind; hits: SearchHit[] };

/** Hits per kind: a list to choose from while typing, not a report. */
export const HITS_PER_KIND = 5;
/** Substring matches read per kind before ranking: enough for the best few, bounded when a word is common. */
const CANDIDATES = 40;
/** The part of a long text (its end) the trigram index is asked for. */
const PROBE_LENGTH = 10;

type Row = Omit<SearchHit, 'href' | 'date'> & { date: Date | string | null };

const prefixPattern = (text: string) =>
  `${text.toLocaleLowerCase('ru').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Finds anything by what a user types: partners by name, INN or phone (any spelling, through the
 * phone normalisation), contact persons by name or phone, interests by subject, documents by number
 * ("12", "000012", "КП 12"), products by name or SKU. One statement: each kind's candidates come from
 * its own index (a name's start from the btree, a substring from the trigram index, a number or a
 * phone by equality), then the best few per kind are kept — names starting with the text first, then
 * what the user is responsible for. Everyone signed in reads everything (lib/access/rules.ts), so
 * nothing is hidden from a manager; archived catalog items are left out as the lookups leave them.
 */
export async function searchEverything(db: DbOrTx, actor: Actor, input: string): Promise<SearchGroup[]> {
  const parsed = parseSearch(input);
  if (!parsed) return [];
  const { text, phone, document } = parsed;
  const me = actor.id;
  // A phone written as one ("+7 (916) …", "8 916 …") is no name; bare digits may still be an INN or SKU.
  const words = text.length >= MIN_SEARCH_LENGTH && !(phone && /\D/.test(text));
  const substring = text.length >= 3; // a trigram needs three characters
  const prefix = prefixPattern(text);
  const probe = containsPattern(text.slice(-PROBE_LENGTH));
  const parts: SQL[] = [];

  // Each text-searched kind: its name's start in order (btree), and any substring (trigram), bounded.
  const byText = (
    kind: SearchKind,
    from: SQL,
    name: SQL,
    searched: SQL,
    columns: SQL,
    where: SQL = sql`true`,
  ) => {
    parts.push(sql`(select ${kind}::text as kind, ${columns}, 0 as rank from ${from}
      where ${where} and lower(${name}) like ${prefix} order by lower(${name}) using ~<~ limit ${HITS_PER_KIND})`);
    if (!substring) return;
    // A long text's trigrams are many and some are in most rows: its end (the last typed, a name's
    // distinctive part or number) finds the candidates through the index, the whole text is then checked
    // on those few (a filter the index is not asked about).
    const whole =
      text.length > PROBE_LENGTH ? sql`and strpos(lower(${searched}), lower(${text})) > 0` : sql``;
    // row_number() instead of LIMIT: planned for all matches, so through the trigram index, not by walking
    // another index in the hope of meeting 40 early; it still stops after 40 (a window run condition).
    parts.push(sql`(select ${kind}::text as kind, id, title, detail, mine, 1 as rank from (
      select ${columns}, row_number() over () as n from ${from}
      where ${where} and ${searched} ilike ${probe} ${whole}) c where n <= ${CANDIDATES})`);
  };

  if (words) {
    byText(
      'partner',
      sql`partners p`,
      sql`p.name`,
      sql`(p.name || ' ' || coalesce(p.inn, ''))`,
      sql`p.id, p.name as title, p.inn as detail, p.responsible_id = ${me} as mine`,
      sql`p.archived_at is null`,
    );
    // The partner of a hit is read for the few hits only (a join would be planned for every match).
    const partnerOf = (row: SQL, column: SQL) => sql`(select ${column} from partners p where p.id = ${row})`;
    byText(
      'contact',
      sql`contact_persons c`,
      sql`c.name`,
      sql`c.name`,
      sql`c.id, c.name as title, ${partnerOf(sql`c.partner_id`, sql`p.name`)} as detail,
        ${partnerOf(sql`c.partner_id`, sql`p.responsible_id`)} is not distinct from ${me} as mine`,
      sql`c.archived_at is null`,
    );
    byText(
      'interest',
      sql`interests i`,
      sql`i.title`,
      sql`i.title`,
      sql`i.id, i.title as title, ${partnerOf(sql`i.partner_id`, sql`p.name`)} as detail,
        i.responsible_id = ${me} as mine`,
    );
    byText(
      'product',
      sql`products g`,
      sql`g.name`,
      sql`(g.name || ' ' || g.sku)`,
      sql`g.id, g.name as title, g.sku as detail, false as mine`,
      sql`g.archived_at is null`,
    );
  }
  if (phone) {
    // The partner's own phone (btree) and its contact persons' (GIN), both stored in E.164. No LIMIT on
    // the contacts: with one, the planner expects many matches and reads the table instead of the index;
    // a phone is shared by a few contacts at most.
    const partner = sql`select 'partner' as kind, p.id, p.name as title, p.inn as detail,
      p.responsible_id = ${me} as mine, -1 as rank`;
    parts.push(sql`(${partner} from partners p
      where p.phone = ${phone} and p.archived_at is null limit ${HITS_PER_KIND})`);
    parts.push(sql`(${partner} from contact_persons c join partners p on p.id = c.partner_id
      where c.phones @> array[${phone}]::text[] and c.archived_at is null and p.archived_at is null)`);
    parts.push(sql`(select 'contact' as kind, c.id, c.name as title, p.name as detail,
        p.responsible_id = ${me} as mine, -1 as rank
      from contact_persons c join partners p on p.id = c.partner_id
      where c.phones @> array[${phone}]::text[] and c.archived_at is null and p.archived_at is null)`);
  }
  const common = sql`, null::document_kind as document_kind, null::text as status, null::timestamptz as date`;
  const withDocumentColumns = parts.map((part) => sql`select *${common} from ${part} x`);
  if (document) {
    withDocumentColumns.push(sql`select * from (select 'document' as kind, d.id, d.number as title,
        p.name as detail, (d.responsible_id = ${me} or i.responsible_id = ${me}) is true as mine, -1 as rank,
        d.kind as document_kind, d.status::text as status, d.date
      from documents d left join partners p on p.id = d.partner_id left join interests i on i.id = d.interest_id
      where d.number = ${document.number} and d.kind = any(${`{${document.kinds.join(',')}}`}::document_kind[])
      order by d.date desc limit ${HITS_PER_KIND}) x`);
  }
  if (withDocumentColumns.length === 0) return [];

  const query = sql`
    with found as (${sql.join(withDocumentColumns, sql` union all `)}),
    one as (select distinct on (kind, id) * from found order by kind, id, rank),
    ranked as (select *, row_number() over (partition by kind order by rank, mine desc, date desc nulls last,
      lower(title), id) as n from one)
    select kind, id, title, detail, document_kind as "documentKind", status, date, mine
    from ranked where n <= ${HITS_PER_KIND}
    order by kind, n
  `;
  // Every part is bounded by an index, but a common word («ООО») tempts the planner into reading the
  // whole table, and ILIKE on every row is slow: an index is always the cheaper way here, so the
  // transaction forbids the sequential scan — and JIT, which the cost of a forbidden path would wake
  // (compiling takes longer than the whole search). The plan is made for the typed text each time: a
  // generic plan of the prepared statement knows no prefix to range over and no trigrams to count.
  const rows = (await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
      set_config('plan_cache_mode', 'force_custom_plan', true)`);
    return tx.execute(query);
  })) as unknown as Row[];

  // A number or a phone is what the user most likely meant: its group comes first.
  const order: SearchKind[] = document
    ? ['document', 'partner', 'contact', 'interest', 'product']
    : phone
      ? ['partner', 'contact', 'interest', 'document', 'product']
      : [...searchKinds];
  return order
    .map((kind) => ({
      kind,
      hits: rows
        .filter((r) => r.kind === kind)
        .map((r) => ({
          ...r,
          date: r.date === null ? null : companyClock(new Date(r.date)).day,
          href: hrefOf(r),
        })),
    }))
    .filter((g) => g.hits.length > 0);
}

function hrefOf(hit: Pick<SearchHit, 'kind' | 'id' | 'documentKind'>): string {
  switch (hit.kind) {
    case 'partner':
      return `/catalogs/partners/${hit.id}`;
    case 'contact':
      return `/catalogs/contacts/${hit.id}`;
    case 'interest':
      return `/crm/interests/${hit.id}`;
    case 'product':
      return `/products/${hit.id}`;
    case 'document':
      return `/documents/${kindSlugs[hit.documentKind!]}/${hit.id}`;
  }
}
