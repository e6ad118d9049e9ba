/**
 * `npm run bench:posting`: goods receipts of 5 lines posted by 8 concurrent clients on the PostgreSQL
 * server at DATABASE_URL, then pgbench (TPC-B, 8 clients) on the same server in the same run.
 * Prints documents/s, pgbench TPS and their ratio (the last line).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import postgres from 'postgres';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { withDatabase } from '@/db/testing-url';
import { saveDocument } from '@/lib/documents/save-document';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    'Set DATABASE_URL to the PostgreSQL server to measure (a database torg_bench is created on it).',
  );
  process.exit(2);
}
const CLIENTS = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

function pgbenchPath(): string {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`)
        .filter(existsSync)
    : [];
  return debian[0] ?? 'pgbench';
}

async function recreate(name: string) {
  const admin = postgres(withDatabase(serverUrl!, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return withDatabase(serverUrl!, name);
}

const url = await recreate('torg_bench');
await runMigrations(url);
const { db, close } = connect(url, { max: CLIENTS });
const [fixture] = (await db.execute(
  `
  with w as (insert into warehouses (name) values ('Основной склад') returning id),
  s as (insert into partners (name, is_client, is_supplier) select 'Поставщик ' || g, false, true from generate_series(1, 200) g returning id),
  p as (insert into products (sku, name) select 'B-' || g, 'Товар ' || g from generate_series(1, 2000) g returning id)
  select (select id from w) as warehouse, (select array_agg(id) from s) as suppliers, (select array_agg(id) from p) as products
` as never,
)) as unknown as { warehouse: number; suppliers: number[]; products: number[] }[];
const { warehouse, suppliers, products } = fixture!;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

async function postReceipt() {
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
}

for (let i = 0; i < 100; i++) await postReceipt(); // warm-up: connections and prepared plans
// Both measurements start from a fresh checkpoint, so neither pays for the other's (or set-up's) dirty pages.
await db.execute('checkpoint' as never);
let posted = 0;
const deadline = Date.now() + SECONDS * 1000;
const started = Date.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < deadline) {
      await postReceipt();
      posted++;
    }
  }),
);
const docsPerSecond = posted / ((Date.now() - started) / 1000);
await close();
console.log(
  `posting: ${posted} goods receipts (5 lines) in ${SECONDS} s with ${CLIENTS} clients = ${docsPerSecond.toFixed(1)} documents/s`,
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
execFileSync('psql', ['-c', 'checkpoint'], { env, stdio: 'ignore' });
const out = execFileSync(pgbenchPath(), ['-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-n'], {
  env,
}).toString();
const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
console.log(`pgbench: TPC-B scale 10, ${CLIENTS} clients, ${SECONDS} s = ${tps.toFixed(1)} TPS`);
console.log(`ratio (documents/s ÷ pgbench TPS): ${(docsPerSecond / tps).toFixed(3)} (target ≥ 0.25)`);
