/**
 * `npm run bench:workplace`: server time (the query functions the pages call) of the manager's
 * workplace and of the interest card, p50/p95, on the database at DATABASE_URL. It adds its own data
 * each run: one manager with 500 open interests (two product lines each) and 2 000 open tasks, the
 * partners and products they need, and a busy inbox and feed.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { interestFeed } from '@/lib/crm/feed';
import { inbox } from '@/lib/crm/interactions';
import { interestCard, interestDocuments, interestLinesOf, interestTasks } from '@/lib/crm/interest-card';
import { kanban } from '@/lib/crm/kanban';
import { openTasks } from '@/lib/crm/tasks';
import { calendarRange, companyClock } from '@/lib/crm/workplace';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to measure on (it is migrated first).');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
await runMigrations(url);
const { db, close } = connect(url, { max: 1 });
const run = randomBytes(3).toString('hex');

// The data, in set-based SQL so that filling takes seconds.
const [manager] = (await db.execute(sql`
  insert into users (email, name, role, password_hash)
  values (${`bench-${run}@torg.test`}, ${`Менеджер ${run}`}, 'manager', 'x') returning id`)) as unknown as {
  id: number;
}[];
const managerId = manager!.id;
await db.execute(sql`
  insert into partners (name, phone, responsible_id)
  select ${`Клиент ${run} `} || g, '+7916' || lpad(g::text, 7, '0'), ${managerId} from generate_series(1, 200) g`);
await db.execute(sql`
  insert into products (sku, name) select ${`B${run}-`} || g, ${`Товар ${run} `} || g from generate_series(1, 300) g`);
await db.execute(sql`
  insert into interests (title, partner_id, responsible_id, state, state_changed_at, expected_amount)
  select 'Интерес ' || g, p.ids[1 + g % 200], ${managerId},
    (array['new','consultation','offer_sent','awaiting_payment','shipment_control'])[1 + g % 5]::interest_state,
    now() - (g % 30) * interval '1 day', 10000 + g * 100
  from generate_series(1, 500) g,
    (select array_agg(id order by id) as ids from partners where responsible_id = ${managerId}) p`);
const interestIds = (
  (await db.execute(
    sql`select array_agg(id order by id) as ids from interests where responsible_id = ${managerId}`,
  )) as unknown as {
    ids: number[];
  }[]
)[0]!.ids;
await db.execute(sql`
  insert into interest_lines (interest_id, line_no, product_id, quantity, price, amount)
  select i.id, n, pr.ids[1 + (i.id * 7 + n) % 300], n, 1500, 1500 * n
  from interests i, generate_series(1, 2) n,
    (select array_agg(id order by id) as ids from products where sku like ${`B${run}-%`}) pr
  where i.responsible_id = ${managerId}`);
// 2 000 tasks, four per interest, spread from two weeks ago to two months ahead.
await db.execute(sql`
  insert into tasks (title, due_at, responsible_id, interest_id, author_id)
  select 'Задача ' || g, now() + ((g % 75) - 14) * interval '1 day' + (g % 10) * interval '1 hour',
    ${managerId}, ${sql.raw(`(array[${interestIds.join(',')}])`)}[1 + g % 500], ${managerId}
  from generate_series(1, 2000) g`);
// The inbox holds unprocessed messages from everyone; each interest has a feed of 20 interactions.
await db.execute(sql`
  insert into interactions (kind, direction, at, from_address, body)
  select 'call', 'incoming', now() - g * interval '5 minutes', '+7916' || lpad(g::text, 7, '0'), 'Входящий ' || g
  from generate_series(1, 150) g`);
await db.execute(sql`
  insert into interactions (kind, direction, at, partner_id, interest_id, body, processed)
  select (array['call','email','message','meeting','note'])[1 + n % 5]::interaction_kind, 'incoming',
    now() - n * interval '1 day', i.partner_id, i.id, 'Разговор ' || n, true
  from interests i, generate_series(1, 20) n where i.responsible_id = ${managerId}`);
await db.execute(sql`analyze`);
console.log(`manager ${managerId}: ${interestIds.length} open interests, 2000 tasks, 150 in the inbox`);

async function measure(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${name.padEnd(56)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

const pick = () => interestIds[Math.floor(Math.random() * interestIds.length)]!;

// Everything the workplace shows, one query after another on one connection (all its tabs at once).
await measure('workplace (inbox + kanban + open tasks + week calendar)', async () => {
  const now = new Date();
  const week = calendarRange('week', companyClock(now).day);
  await inbox(db);
  await kanban(db, { responsibleId: managerId }, now);
  await openTasks(db, { responsibleId: managerId });
  await openTasks(db, { responsibleId: managerId, from: week.from, until: week.until });
});

// What the interest card loads: header, feed, product lines, tasks and the documents of its chain.
await measure('interest card (header + feed + lines + tasks + documents)', async () => {
  const id = pick();
  await interestCard(db, id);
  await interestFeed(db, id);
  await interestLinesOf(db, id);
  await interestTasks(db, id);
  await interestDocuments(db, id);
});

await close();
