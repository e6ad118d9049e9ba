/**
 * `npm run bench:posting`: goods receipts of 5 lines posted by 8 concurrent clients on the PostgreSQL
 * server at DATABASE_URL, then pgbench (TPC-B, 8 clients, 2 threads) on the same server in the same
 * run. Like pgbench's `-j 2`, the clients run in two processes (four each), as two app processes would.
 * Prints documents/s, pgbench TPS and their ratio (the last line).
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { withDatabase } from '@/db/testing-url';
import { saveDocument } from '@/lib/documents/save-document';

const CLIENTS = 8;
const THREADS = 2;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

type Fixture = { url: string; warehouse: number; suppliers: number[]; products: number[] };
type Start = Fixture & { clients: number; warmup: number; until: number };

/** One thread's clients: post receipts until the deadline, report how many. */
async function runClients({
  url,
  warehouse,
  suppliers,
  products,
  clients,
  warmup,
  until,
}: Start): Promise<number> {
  const { db, close } = connect(url, { max: clients });
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
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
  for (let i = 0; i < warmup; i++) await postReceipt(); // connections and prepared plans
  let posted = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        await postReceipt();
        if (Date.now() <= until) posted++;
      }
    }),
  );
  await close();
  return posted;
}

if (process.send) {
  process.once('message', async (start: Start) => {
    process.send!(await runClients(start));
    process.disconnect();
  });
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
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error(
      'Set DATABASE_URL to the PostgreSQL server to measure (databases torg_bench and torg_pgbench are created on it).',
    );
    process.exit(2);
  }
  const recreate = async (name: string) => {
    const admin = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    return withDatabase(serverUrl, name);
  };

  const url = await recreate('torg_bench');
  await runMigrations(url);
  const setup = postgres(url, { max: 1, onnotice: () => {} });
  const [fixture] = await setup<Omit<Fixture, 'url'>[]>`
    with w as (insert into warehouses (name) values ('Основной склад') returning id),
    s as (insert into partners (name, is_client, is_supplier) select 'Поставщик ' || g, false, true from generate_series(1, 200) g returning id),
    p as (insert into products (sku, name) select 'B-' || g, 'Товар ' || g from generate_series(1, 2000) g returning id)
    select (select id from w) as warehouse, (select array_agg(id) from s) as suppliers, (select array_agg(id) from p) as products`;
  // Both measurements start from a fresh checkpoint, so neither pays for set-up's dirty pages.
  await setup`checkpoint`;
  await setup.end();

  // The window includes process start-up and the uncounted warm-up documents: it errs against us.
  const until = Date.now() + SECONDS * 1000;
  const counts = await Promise.all(
    Array.from(
      { length: THREADS },
      () =>
        new Promise<number>((resolve, reject) => {
          const start: Start = { url, ...fixture!, clients: CLIENTS / THREADS, warmup: 20, until };
          const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'] });
          child.once('message', (posted) => resolve(posted as number));
          child.once('error', reject);
          child.once('exit', (code) => code && reject(new Error(`bench client exited with ${code}`)));
          child.send(start);
        }),
    ),
  );
  const posted = counts.reduce((a, b) => a + b, 0);
  const docsPerSecond = posted / SECONDS;
  console.log(
    `posting: ${posted} goods receipts (5 lines) in ${SECONDS} s, ${CLIENTS} clients in ${THREADS} processes = ${docsPerSecond.toFixed(1)} documents/s`,
  );

  const pgbenchUrl = await recreate('torg_pgbench');
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
  const out = execFileSync(
    pgbenchPath(),
    ['-c', String(CLIENTS), '-j', String(THREADS), '-T', String(SECONDS), '-n'],
    {
      env,
    },
  ).toString();
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  console.log(
    `pgbench: TPC-B scale 10, ${CLIENTS} clients, ${THREADS} threads, ${SECONDS} s = ${tps.toFixed(1)} TPS`,
  );
  console.log(`ratio (documents/s ÷ pgbench TPS): ${(docsPerSecond / tps).toFixed(3)} (target ≥ 0.25)`);
}
