/**
 * `npm run bench:posting`: goods receipts of 5 lines posted by 8 concurrent clients on the PostgreSQL
 * server at DATABASE_URL, then pgbench (TPC-B, 8 clients, 2 threads) on the same server in the same
 * run. Like pgbench's `-j 2`, the clients run in two processes (four each), as two app processes would.
 * Both run on a working database: the app's after a history of 2 000 documents (pairs for sales)
 * posted the same way and `vacuum analyze`, pgbench's as `pgbench -i` leaves it (loaded and analysed).
 * Each process first posts for WARMUP_SECONDS with all its clients (connections, prepared statements,
 * the JIT's optimised code: a server that has been running), then both measure the same window, as
 * pgbench measures its run without its connections' set-up. Posting and pgbench take turns in
 * BENCH_CYCLES short cycles of BENCH_SECONDS each, the one that goes first alternating, so that both meet
 * the machine's drifting speed alike (a shared machine's speed drifts by a fifth and more within a
 * minute: in long rounds the two sides of one round met different machines).
 * Prints each cycle's documents/s, pgbench TPS and their ratio, then the run's ratio (the last line):
 * all documents posted per second of posting over all pgbench transactions per second of pgbench.
 * `npm run bench:posting -- --sales`: the sales variant: each client, signed in as a manager of its own,
 * posts a customer order of 5 lines
 * (reserving them) and then the sales document shipping it (stock out, reservation released, cost,
 * client settlements, sales register); both count as documents once the sales document is posted.
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { connect, type Db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import type { Actor } from '@/lib/access/rules';
import { saveDocument } from '@/lib/documents/save-document';
import { freshDatabase } from './bench-http';

const CLIENTS = 8;
const THREADS = 2;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 8);
const WARMUP_SECONDS = 15;
/** Documents (sales: orders with their sales documents) posted before the measurement. */
const HISTORY = 2_000;

const SALES = process.argv.includes('--sales');

type Fixture = {
  url: string;
  warehouse: number;
  suppliers: number[];
  clients: number[];
  products: number[];
  /** One manager per client: each posts as its own user, as people do. */
  managers: number[];
};
type Start = Fixture & {
  sales: boolean;
  clientCount: number;
  firstClient: number;
};
/** From the parent: a measured window that ends at `until` (it starts when this arrives), or the end. */
type Go = { until: number } | 'close';

/** One document (a receipt) or one order with its sales document, as `actor`, posted the way the app posts them. */
function poster(db: Db, fixture: Fixture, sales: boolean): (actor: Actor) => Promise<void> {
  const { warehouse, suppliers, products } = fixture;
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  const post = async (kind: 'customer_order' | 'sales', input: object, actor: Actor) => {
    const result = await saveDocument(db, kind, null, input, actor, { post: true });
    if (!result.ok) throw new Error(`posting failed: ${JSON.stringify(result)}`);
    return result.id;
  };
  const postOrderAndSale = async (actor: Actor) => {
    const partnerId = pick(fixture.clients);
    const lines = [...new Set(Array.from({ length: 5 }, () => pick(products)))].map((productId) => ({
      productId,
      quantity: String(1 + Math.floor(Math.random() * 5)),
      price: (100 + Math.random() * 9000).toFixed(2),
    }));
    const date = new Date().toISOString();
    const order = await post('customer_order', { date, partnerId, warehouseId: warehouse, lines }, actor);
    await post('sales', { date, partnerId, warehouseId: warehouse, basedOnId: order, lines }, actor);
  };
  const postReceipt = async () => {
    const result = await saveDocument(
      db,
      'goods_receipt',
      null,
      {
        date: new Date().toISOString(),
        partnerId: pick(suppliers),
        warehouseId: warehouse,
        lines: Array.from({ length: 5 }, () => ({
          productId: pick(products),
          quantity: String(1 + Math.floor(Math.random() * 50)),
          price: (100 + Math.random() * 9000).toFixed(2),
          vatRate: '22',
        })),
      },
      null,
      { post: true },
    );
    if (!result.ok) throw new Error(`posting failed: ${JSON.stringify(result)}`);
  };
  return sales ? postOrderAndSale : postReceipt;
}

const managersOf = (fixture: Fixture, first: number, count: number): Actor[] =>
  Array.from({ length: count }, (_, i) => ({ id: fixture.managers[first + i]!, role: 'manager' }));

/**
 * One thread's clients: warm up, say so, then for each window the parent gives post until its deadline
 * and report how many and the CPU time they took.
 */
async function runClients(start: Start): Promise<void> {
  const { url, clientCount } = start;
  const { db, close } = connect(url, { max: clientCount });
  const postOne = poster(db, start, start.sales);
  const actors = managersOf(start, start.firstClient, clientCount);
  const postUntil = (until: number) =>
    Promise.all(
      actors.map(async (actor) => {
        let posted = 0;
        while (Date.now() < until) {
          await postOne(actor);
          if (Date.now() <= until) posted++;
        }
        return posted;
      }),
    );
  await postUntil(Date.now() + WARMUP_SECONDS * 1000);
  const next = () => new Promise<Go>((resolve) => process.once('message', resolve));
  process.send!('warm');
  // The connections stay open until the end: the parent reads their server processes' CPU time.
  for (let go = await next(); go !== 'close'; go = await next()) {
    const cpu = process.cpuUsage();
    const posted = (await postUntil(go.until)).reduce((a, n) => a + n, 0);
    const used = process.cpuUsage(cpu);
    process.send!({ posted, cpuMs: (used.user + used.system) / 1000 } satisfies ClientReport);
  }
  await close();
}

type ClientReport = { posted: number; cpuMs: number };

/** CPU time (ms) the server processes of a database have used, when the server runs on this machine. */
async function serverCpuMs(url: string): Promise<number | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const pids = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  await sql.end();
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const { pid } of pids) {
    if (!existsSync(`/proc/${pid}/stat`)) return null;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
  }
  return total;
}

if (process.send) {
  process.once('message', (start: Start) => void runClients(start).then(() => process.disconnect()));
} else {
  await main();
}

function pgbenchPath(): string {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`)
        .filter(existsSync)
    : [];
  return debian[0] ?? 'pgbench';
}

async function main() {
  const url = await freshDatabase('torg_bench');
  await runMigrations(url);
  const setup = postgres(url, { max: 1, onnotice: () => {} });
  const [fixture] = await setup<Omit<Fixture, 'url'>[]>`
    with w as (insert into warehouses (name) values ('Основной склад') returning id),
    s as (insert into partners (name, is_client, is_supplier) select 'Поставщик ' || g, false, true from generate_series(1, 200) g returning id),
    c as (insert into partners (name) select 'Клиент ' || g from generate_series(1, 200) g returning id),
    p as (insert into products (sku, name) select 'B-' || g, 'Товар ' || g from generate_series(1, 2000) g returning id),
    m as (insert into users (email, name, role, password_hash)
      select 'manager' || g || '@bench.local', 'Менеджер ' || g, 'manager', '-' from generate_series(1, ${CLIENTS}) g returning id)
    select (select id from w) as warehouse, (select array_agg(id) from s) as suppliers,
      (select array_agg(id) from c) as clients, (select array_agg(id) from p) as products,
      (select array_agg(id order by id) from m) as managers`;
  if (SALES) {
    // Stock to sell: every product received in quantity, through posted receipts like any other.
    const { db, close } = connect(url, { max: 1 });
    for (let i = 0; i < fixture!.products.length; i += 1000) {
      const result = await saveDocument(
        db,
        'goods_receipt',
        null,
        {
          date: new Date(Date.now() - 86_400_000).toISOString(),
          partnerId: fixture!.suppliers[0],
          warehouseId: fixture!.warehouse,
          lines: fixture!.products
            .slice(i, i + 1000)
            .map((productId) => ({ productId, quantity: '1000000', price: '100.00', vatRate: '22' })),
        },
        null,
        { post: true },
      );
      if (!result.ok) throw new Error('stock receipt not posted');
    }
    await close();
  }
  // A working database, not an empty one: a history of documents posted the same way, then analysed
  // (as autovacuum keeps a live one, and as `pgbench -i` leaves its tables). On empty tables
  // PostgreSQL plans every lookup as a scan, and each connection keeps those plans for the whole run.
  const { db: historyDb, close: closeHistory } = connect(url, { max: CLIENTS });
  const postHistory = poster(historyDb, { url, ...fixture! }, SALES);
  const historyActors = managersOf({ url, ...fixture! }, 0, CLIENTS);
  await Promise.all(
    historyActors.map(async (actor) => {
      for (let i = 0; i < HISTORY / CLIENTS; i++) await postHistory(actor);
    }),
  );
  await closeHistory();
  await setup`vacuum analyze`;
  // Both measurements start from a fresh checkpoint, so neither pays for set-up's dirty pages.
  await setup`checkpoint`;
  await setup.end();

  // pgbench's database, made and loaded before the app's processes start.
  const pgbenchUrl = await freshDatabase('torg_pgbench');
  const u = new URL(pgbenchUrl);
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: 'torg_pgbench',
  };
  execFileSync(pgbenchPath(), ['-i', '-q', '-s', '10'], { env, stdio: 'ignore' });
  execFileSync('psql', ['-q', '-c', 'checkpoint'], { env, stdio: 'ignore' });

  const children = Array.from({ length: THREADS }, (_, thread) => {
    const start: Start = {
      url,
      ...fixture!,
      sales: SALES,
      clientCount: CLIENTS / THREADS,
      firstClient: thread * (CLIENTS / THREADS),
    };
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'] });
    // Its first message says it is warm, then one report per window.
    const waiting: ((message: unknown) => void)[] = [];
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => code && reject(new Error(`bench client exited with ${code}`)));
    });
    child.on('message', (message) => waiting.shift()?.(message));
    const next = <T>() => Promise.race([new Promise<T>((resolve) => waiting.push(resolve as never)), failed]);
    const warm = next<'warm'>();
    child.send(start);
    return { child, warm, next };
  });
  await Promise.all(children.map((c) => c.warm));

  const target = SALES ? 0.1 : 0.25;
  /** One window of posting: documents posted, and CPU per document in the app's and PostgreSQL's processes. */
  const postWindow = async () => {
    const serverBefore = await serverCpuMs(url);
    const reports = children.map((c) => c.next<ClientReport>());
    for (const { child } of children) child.send({ until: Date.now() + SECONDS * 1000 } satisfies Go);
    const reported = await Promise.all(reports);
    const posted = reported.reduce((a, r) => a + r.posted, 0);
    const serverAfter = await serverCpuMs(url);
    // The sales variant counts the order and its sales document as two documents.
    const documents = SALES ? 2 * posted : posted;
    return {
      posted,
      documents,
      appMs: reported.reduce((a, r) => a + r.cpuMs, 0) / documents,
      serverMs:
        serverBefore === null || serverAfter === null ? null : (serverAfter - serverBefore) / documents,
    };
  };
  const pgbenchWindow = () => {
    const out = execFileSync(
      pgbenchPath(),
      ['-c', String(CLIENTS), '-j', String(THREADS), '-T', String(SECONDS), '-n'],
      { env },
    ).toString();
    return Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  };
  const ratios: number[] = [];
  let allDocuments = 0;
  let allTransactions = 0;
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    // Odd cycles post first, even ones run pgbench first.
    let tps = 0;
    if (cycle % 2 === 0) tps = pgbenchWindow();
    const { posted, documents, appMs, serverMs } = await postWindow();
    if (cycle % 2 === 1) tps = pgbenchWindow();
    allDocuments += documents;
    allTransactions += tps * SECONDS;
    ratios.push(documents / SECONDS / tps);
    console.log(
      `cycle ${cycle}: ` +
        (SALES
          ? `${posted} customer orders + ${posted} sales documents (up to 5 lines)`
          : `${posted} goods receipts (5 lines)`) +
        ` in ${SECONDS} s = ${(documents / SECONDS).toFixed(1)} documents/s; CPU per document ` +
        `${appMs.toFixed(2)} ms in the app's processes, ` +
        (serverMs === null ? 'PostgreSQL not on this machine' : `${serverMs.toFixed(2)} ms in PostgreSQL's`) +
        `; pgbench (TPC-B scale 10, ${CLIENTS} clients, ${THREADS} threads, ${SECONDS} s, ${cycle % 2 === 0 ? 'before' : 'after'}) ${tps.toFixed(1)} TPS; ratio ${ratios.at(-1)!.toFixed(3)}`,
    );
  }
  for (const { child } of children) child.send('close' satisfies Go);
  const sorted = [...ratios].sort((x, y) => x - y);
  const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
  console.log(
    `ratio (documents/s ÷ pgbench TPS over ${CYCLES} windows of ${SECONDS} s each; median of the cycles ${median.toFixed(3)}): ` +
      `${(allDocuments / allTransactions).toFixed(3)} (target ≥ ${target})`,
  );
}
