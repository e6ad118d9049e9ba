/**
 * `npm run bench:search`: server time of the global search (lib/search, the function the top bar's
 * /api/search calls) by the kind of thing typed, p50/p95, on the database at DATABASE_URL. Fill it first
 * with `npm run db:generate -- --documents 1000000 --partners 98000` (100 000 partners with INN, phone
 * and a contact person). Each run types something else, drawn from the data. The last line is the p95
 * over every run against the target of 50 ms.
 */
import { sql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { searchEverything } from '@/lib/search/search';
import { percentile } from './bench-http';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'Set DATABASE_URL to a database filled by `npm run db:generate -- --documents 1000000 --partners 98000`.',
  );
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const TARGET_MS = 50;
const { db, close } = connect(url, { max: 1 });

type Sample = { name: string; inn: string | null; phone: string | null };
const [facts] = (await db.execute(sql`
  select (select count(*) from partners)::int as partners, (select count(*) from documents)::int as documents,
    (select count(*) from contact_persons)::int as contacts, (select count(*) from interests)::int as interests,
    (select count(*) from products)::int as products,
    (select json_agg(p) from (select name, inn, phone from partners where inn is not null and phone is not null
      order by random() limit 300) p) as partner_samples,
    (select array_agg(phones[1]) from (select phones from contact_persons where cardinality(phones) > 0
      order by random() limit 300) c) as contact_phones,
    (select array_agg(title) from (select title from interests order by random() limit 300) i) as interest_titles,
    (select array_agg(x) from (select name || ' ' || sku as x from products order by random() limit 300) g) as products_named,
    (select max(number)::int from documents where kind = 'commercial_offer') as offers,
    (select max(number)::int from documents where kind = 'customer_order') as orders,
    (select max(number)::int from documents) as last_number,
    (select array_agg(distinct responsible_id) from interests) as managers`)) as unknown as {
  partners: number;
  documents: number;
  contacts: number;
  interests: number;
  products: number;
  partner_samples: Sample[] | null;
  contact_phones: string[] | null;
  interest_titles: string[] | null;
  products_named: string[] | null;
  offers: number | null;
  orders: number | null;
  last_number: number | null;
  managers: number[] | null;
}[];
const f = facts!;
console.log(
  `database: ${f.partners} partners, ${f.contacts} contact persons, ${f.interests} interests, ${f.documents} documents, ${f.products} products`,
);
if (!f.partner_samples?.length || !f.contact_phones?.length || !f.managers?.length) {
  console.error(
    'No partners with INN and phone: run `npm run db:generate -- --documents N --partners N` first.',
  );
  process.exit(2);
}
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const number = (max: number | null) => 1 + Math.floor(Math.random() * Math.max(1, max ?? 1));
/** The distinctive word of a generated name: «Кристаллстрой lx3-12» → "Кристаллстрой". */
const word = (name: string) => name.replace(/^.*«/, '').split(/[\s»]/)[0]!;
/** +79161234567 as people write it: 8 916 123-45-67. */
const spoken = (e164: string) =>
  `8 ${e164.slice(2, 5)} ${e164.slice(5, 8)}-${e164.slice(8, 10)}-${e164.slice(10, 12)}`;
const bracketed = (e164: string) =>
  `+7 (${e164.slice(2, 5)}) ${e164.slice(5, 8)} ${e164.slice(8, 10)} ${e164.slice(10, 12)}`;

const queries: { name: string; typed: () => string }[] = [
  {
    name: 'partner, start of a name (2 letters)',
    typed: () => pick(f.partner_samples!).name.slice(0, 2),
  },
  {
    name: 'partner, part of a name (5 letters)',
    typed: () => word(pick(f.partner_samples!).name).slice(1, 6),
  },
  {
    name: 'partner, the name in quotes',
    typed: () => /«(.*)»/.exec(pick(f.partner_samples!).name)?.[1] ?? '',
  },
  { name: 'a common word ("ООО")', typed: () => 'ООО' },
  { name: 'partner, INN (10 digits)', typed: () => pick(f.partner_samples!).inn! },
  { name: 'partner, part of an INN (6 digits)', typed: () => pick(f.partner_samples!).inn!.slice(2, 8) },
  { name: 'partner, phone "8 916 123-45-67"', typed: () => spoken(pick(f.partner_samples!).phone!) },
  { name: 'contact person, phone "+7 (925) 123 45 67"', typed: () => bracketed(pick(f.contact_phones!)) },
  { name: 'contact person, surname', typed: () => pick(['Петров', 'Смирнов', 'Козлов', 'Иванов']) },
  { name: 'interest, subject', typed: () => pick(f.interest_titles ?? ['Интерес']) },
  { name: 'document, number "12"', typed: () => String(number(f.last_number)) },
  { name: 'document, number "000012"', typed: () => String(number(f.last_number)).padStart(6, '0') },
  { name: 'document, "КП 12"', typed: () => `КП ${number(f.offers)}` },
  { name: 'document, "ЗК 12"', typed: () => `ЗК ${number(f.orders)}` },
  {
    name: 'product, name',
    typed: () =>
      pick(f.products_named ?? ['Товар'])
        .split(' ')
        .slice(0, 2)
        .join(' '),
  },
  {
    name: 'product, SKU',
    typed: () =>
      pick(f.products_named ?? ['GEN'])
        .split(' ')
        .at(-1)!,
  },
];

const all: number[] = [];
for (const query of queries) {
  const actor = { id: pick(f.managers), role: 'manager' as const };
  for (let i = 0; i < 3; i++) await searchEverything(db, actor, query.typed()); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const typed = query.typed();
    const t0 = performance.now();
    const groups = await searchEverything(db, { id: pick(f.managers), role: 'manager' }, typed);
    times.push(performance.now() - t0);
    if (groups.length > 0) hits++;
  }
  all.push(...times);
  times.sort((a, b) => a - b);
  console.log(
    `${query.name.padEnd(44)} p50 ${percentile(times, 0.5).toFixed(1).padStart(6)} ms   p95 ${percentile(
      times,
      0.95,
    )
      .toFixed(1)
      .padStart(6)} ms   found something ${hits}/${RUNS}`,
  );
}
await close();
all.sort((a, b) => a - b);
const p95 = percentile(all, 0.95);
console.log(
  `search p95 over ${all.length} queries: ${p95.toFixed(1)} ms (p50 ${percentile(all, 0.5).toFixed(1)} ms); target ${TARGET_MS} ms: ${p95 <= TARGET_MS ? 'met' : 'MISSED'}`,
);
