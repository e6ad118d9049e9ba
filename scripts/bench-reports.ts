/**
 * `npm run bench:reports`: server time (the query functions the pages call) of every report — with its
 * default filters and with the widest ones a leader would ask for —, of the dashboard and of the product
 * card, p50/p95, on the database at DATABASE_URL. Fill it first with `npm run db:generate -- --documents 1000000`.
 * The last line is the worst p95 against the target of 100 ms.
 */
import { sql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { dashboardData } from '@/lib/dashboard/data';
import { dashboardPeriod } from '@/lib/dashboard/query';
import { cashBalances } from '@/lib/reports/cash-balances';
import { today } from '@/lib/reports/filters';
import { grossProfit } from '@/lib/reports/gross-profit';
import { interestSources, lossReasons, managerControl } from '@/lib/reports/interest-reports';
import { paymentCalendar } from '@/lib/reports/payment-calendar';
import { addMonths, monthEnd, monthStart } from '@/lib/reports/period';
import { planFulfilment } from '@/lib/reports/plan-fulfilment';
import { settlementStatement } from '@/lib/reports/settlements';
import { stockAvailability } from '@/lib/reports/stock-availability';
import { warehouseStatement } from '@/lib/reports/warehouse-statement';
import { productCard, productMovements } from '@/lib/stock/product-card';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a database filled by `npm run db:generate -- --documents 1000000`.');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TARGET_MS = 100;
const { db, close } = connect(url, { max: 1 });
const [facts] = (await db.execute(sql`
  select (select count(*) from documents)::int as documents, (select count(*) from stock_movements)::int as movements,
    (select count(*) from sales_movements)::int as sales, (select count(*) from interests)::int as interests,
    (select array_agg(id) from warehouses) as warehouses, (select array_agg(id) from product_groups) as groups,
    (select array_agg(id) from (select id from products order by random() limit 500) p) as products,
    (select array_agg(id) from (select id from partners where is_client order by random() limit 200) p) as clients,
    (select array_agg(distinct responsible_id) from interests) as managers`)) as unknown as {
  documents: number;
  movements: number;
  sales: number;
  interests: number;
  warehouses: number[];
  groups: number[];
  products: number[];
  clients: number[];
  managers: number[];
}[];
const f = facts!;
console.log(
  `database: ${f.documents} documents, ${f.movements} stock movements, ${f.sales} sales movements, ${f.interests} interests`,
);
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const now = today();
const thisMonth = { from: monthStart(now), to: monthEnd(now) };
/** The widest period a leader asks for: the last twelve months. */
const year = { from: addMonths(now, -11), to: monthEnd(now) };
const aYearAgo = { from: addMonths(now, -12), to: monthEnd(addMonths(now, -12)) };
const results: { name: string; p95: number }[] = [];

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  results.push({ name, p95: at(0.95) });
  console.log(
    `${name.padEnd(66)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`,
  );
}

await measure('manager control (all managers)', () => managerControl(db, { stalledDays: 14 }));
await measure('manager control (one manager)', () =>
  managerControl(db, { stalledDays: 14, managerId: pick(f.managers) }),
);
await measure('interest sources, this month', () => interestSources(db, thisMonth));
await measure('interest sources, 12 months', () => interestSources(db, year));
await measure('loss reasons, this month', () => lossReasons(db, thisMonth));
await measure('loss reasons, 12 months', () => lossReasons(db, year));
await measure('client settlements, this month', () => settlementStatement(db, thisMonth));
await measure('client settlements, 12 months', () => settlementStatement(db, year));
await measure('client settlements, a month a year ago', () => settlementStatement(db, aYearAgo));
await measure('client settlements, one client 12 months (by order)', () =>
  settlementStatement(db, { ...year, partnerId: pick(f.clients) }),
);
await measure('supplier settlements, this month', () => settlementStatement(db, thisMonth, 'supplier'));
await measure('supplier settlements, 12 months', () => settlementStatement(db, year, 'supplier'));
for (const variant of ['manager', 'partner', 'product', 'group', 'month'] as const) {
  await measure(`gross profit by ${variant}, this month`, () => grossProfit(db, { ...thisMonth, variant }));
  await measure(`gross profit by ${variant}, 12 months`, () => grossProfit(db, { ...year, variant }));
}
await measure('gross profit by partner, 12 months, one manager', () =>
  grossProfit(db, { ...year, variant: 'partner', managerId: pick(f.managers) }),
);
await measure('plan fulfilment, this month', () => planFulfilment(db, thisMonth));
await measure('plan fulfilment, 12 months', () => planFulfilment(db, year));
await measure('stock and availability (warehouse + group)', () =>
  stockAvailability(db, { warehouseId: pick(f.warehouses), groupId: pick(f.groups) }),
);
await measure('stock and availability (all warehouses, one group)', () =>
  stockAvailability(db, { groupId: pick(f.groups) }),
);
await measure('warehouse goods statement, this month (warehouse + group)', () =>
  warehouseStatement(db, { warehouseId: pick(f.warehouses), groupId: pick(f.groups), ...thisMonth }),
);
await measure('warehouse goods statement, a month a year ago (warehouse + group)', () =>
  warehouseStatement(db, { warehouseId: pick(f.warehouses), groupId: pick(f.groups), ...aYearAgo }),
);
await measure('warehouse goods statement, 12 months (warehouse + group)', () =>
  warehouseStatement(db, { warehouseId: pick(f.warehouses), groupId: pick(f.groups), ...year }),
);
await measure('warehouse goods statement, this month (whole warehouse)', () =>
  warehouseStatement(db, { warehouseId: pick(f.warehouses), ...thisMonth }),
);
for (const kind of ['month', 'year'] as const) {
  const period = dashboardPeriod(kind, now);
  await measure(`dashboard, every widget, this ${kind} (the company)`, () =>
    dashboardData(db, { viewer: null, period }),
  );
  await measure(`dashboard, every widget, this ${kind} (one manager)`, () =>
    dashboardData(db, { viewer: null, period, managerId: pick(f.managers) }),
  );
}
await measure('cash balances, this month', () => cashBalances(db, thisMonth));
await measure('cash balances, 12 months', () => cashBalances(db, year));
await measure('payment calendar, 30 days', () => paymentCalendar(db, { from: now, days: 30 }));
await measure('payment calendar, a year', () => paymentCalendar(db, { from: now, days: 366 }));
await measure('product card (stock, prices, movements page 1)', () => {
  const id = pick(f.products);
  return Promise.all([productCard(db, id, now), productMovements(db, id, 1)]);
});
await close();
const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
console.log(
  `worst p95: ${worst.p95.toFixed(1)} ms (${worst.name}); target ${TARGET_MS} ms: ${worst.p95 <= TARGET_MS ? 'met' : 'MISSED'}`,
);
