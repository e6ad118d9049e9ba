/**
 * `npm run bench:reports`: server time (the query functions the pages call) of the two warehouse
 * reports and the product card, p50/p95, on the database at DATABASE_URL. Fill it first with
 * `npm run db:generate -- --documents 1000000`.
 */
import { sql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { today } from '@/lib/reports/filters';
import { stockAvailability } from '@/lib/reports/stock-availability';
import { warehouseStatement } from '@/lib/reports/warehouse-statement';
import { productCard, productMovements } from '@/lib/stock/product-card';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a database filled by `npm run db:generate -- --documents 1000000`.');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const { db, close } = connect(url, { max: 1 });
const [facts] = (await db.execute(sql`
  select (select count(*) from documents)::int as documents, (select count(*) from stock_movements)::int as movements,
    (select array_agg(id) from warehouses) as warehouses, (select array_agg(id) from product_groups) as groups,
    (select array_agg(id) from (select id from products order by random() limit 500) p) as products`)) as unknown as {
  documents: number;
  movements: number;
  warehouses: number[];
  groups: number[];
  products: number[];
}[];
const f = facts!;
console.log(`database: ${f.documents} documents, ${f.movements} stock movements`);
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const monthStart = `${today().slice(0, 7)}-01`;

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${name.padEnd(58)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

// What a storekeeper opens: one warehouse and one product group, this month's statement.
await measure('stock and availability (warehouse + group)', () =>
  stockAvailability(db, { warehouseId: pick(f.warehouses), groupId: pick(f.groups) }),
);
await measure('warehouse goods statement, this month (warehouse + group)', () =>
  warehouseStatement(db, {
    warehouseId: pick(f.warehouses),
    groupId: pick(f.groups),
    from: monthStart,
    to: today(),
  }),
);
await measure('product card (stock, prices, movements page 1)', () => {
  const id = pick(f.products);
  return Promise.all([productCard(db, id, today()), productMovements(db, id, 1)]);
});
// Wider questions, for the record.
await measure('stock and availability (all warehouses, one group)', () =>
  stockAvailability(db, { groupId: pick(f.groups) }),
);
await measure('warehouse goods statement, a month a year ago (warehouse + group)', () => {
  const from = new Date(`${monthStart}T00:00:00Z`);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1, 0);
  return warehouseStatement(db, {
    warehouseId: pick(f.warehouses),
    groupId: pick(f.groups),
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
  });
});
await measure('warehouse goods statement, this month (whole warehouse)', () =>
  warehouseStatement(db, { warehouseId: pick(f.warehouses), from: monthStart, to: today() }),
);
await close();
