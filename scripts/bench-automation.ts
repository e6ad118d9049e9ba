/**
 * `npm run bench:automation`: from committing a payment to the interest's new state reaching an open
 * SSE client, and to the card's frame showing it, over 200 payments. The real app (npm start's
 * launcher, with the job worker inside the web process) runs against a fresh database on the
 * PostgreSQL server at DATABASE_URL; this script signs in as a manager, keeps one EventSource-style
 * connection open on /api/live for all 200 interests, and posts each payment straight through the
 * domain function, as a bank import or another app process would. Prints p50/p95/max.
 */
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { connect } from '@/db/client';
import { DEMO_PASSWORD } from '@/db/demo-accounts';
import { runMigrations } from '@/db/migrate';
import { bankAccounts, interests, partners, products, users, warehouses } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { withDatabase } from '@/db/testing-url';
import { saveDocument } from '@/lib/documents/save-document';
import { signIn, stats } from './bench-http';

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3197);
const base = `http://127.0.0.1:${PORT}`;
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    'Set DATABASE_URL to the PostgreSQL server to measure (database torg_bench_automation is created on it).',
  );
  process.exit(2);
}

const admin = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
await admin.unsafe('drop database if exists torg_bench_automation with (force)');
await admin.unsafe('create database torg_bench_automation');
await admin.end();
const url = withDatabase(serverUrl, 'torg_bench_automation');
await runMigrations(url);
const { db, close } = connect(url, { max: 4 });
await seedDemoData(db);

// 200 interests, each with a posted customer order: all of them "awaiting payment".
const [manager] = await db.select().from(users).where(eq(users.email, 'ivanova@torg.demo'));
const [client] = await db.select().from(partners).where(eq(partners.inn, '7701234560'));
const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.name, 'Основной склад'));
const [fan] = await db.select().from(products).where(eq(products.sku, 'VENT-01'));
const [account] = await db.select().from(bankAccounts);
const orders: { interestId: number; orderId: number }[] = [];
for (let i = 0; i < PAYMENTS; i++) {
  const [interest] = await db
    .insert(interests)
    .values({ title: `Бенчмарк ${i + 1}`, partnerId: client!.id, responsibleId: manager!.id })
    .returning();
  const order = await saveDocument(
    db,
    'customer_order',
    null,
    {
      date: new Date().toISOString(),
      partnerId: client!.id,
      warehouseId: warehouse!.id,
      interestId: interest!.id,
      lines: [{ productId: fan!.id, quantity: '1', price: '1990', action: 'none' }],
    },
    manager!,
    { post: true },
  );
  if (!order.ok) throw new Error(`order not posted: ${JSON.stringify(order)}`);
  orders.push({ interestId: interest!.id, orderId: order.id });
}

console.log(`starting the app on port ${PORT} (builds first if the sources changed) ...`);
const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), HOSTNAME: '127.0.0.1' },
});
const stopApp = async () => {
  if (app.exitCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
};
try {
  for (;;) {
    if (app.exitCode !== null) throw new Error('the app exited');
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const cookie = await signIn(base, 'ivanova@torg.demo', DEMO_PASSWORD);
  // The queue drains the orders' recomputes first: every interest is "awaiting payment" before we start.
  for (;;) {
    const left = await db.select().from(interests).where(eq(interests.state, 'new'));
    if (left.length === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const topics = orders.map((o) => `interest:${o.interestId}`).join(',');
  const stream = await fetch(`${base}/api/live?topics=${topics}`, {
    headers: { cookie, accept: 'text/event-stream' },
  });
  if (!stream.ok || !stream.body) throw new Error(`SSE refused: ${stream.status}`);
  const arrivals = new Map<string, (at: number) => void>();
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (const match of buffer.matchAll(/topic="(interest:\d+)"/g))
        arrivals.get(match[1]!)?.(performance.now());
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
  })();

  const toEvent: number[] = [];
  const toFrame: number[] = [];
  for (const { interestId, orderId } of orders) {
    const arrived = new Promise<number>((resolve) => arrivals.set(`interest:${interestId}`, resolve));
    const receipt = await saveDocument(
      db,
      'bank_receipt',
      null,
      {
        date: new Date().toISOString(),
        partnerId: client!.id,
        bankAccountId: account!.id,
        amount: '1990.00',
        allocations: [{ orderId, amount: '1990.00' }],
      },
      null,
      { post: true },
    );
    // saveDocument returns right after its COMMIT: that is when the payment is there for others to see.
    const committed = performance.now();
    if (!receipt.ok) throw new Error(`payment not posted: ${JSON.stringify(receipt)}`);
    toEvent.push(Math.max(0, (await arrived) - committed));
    const frame = await fetch(`${base}/crm/interests/${interestId}/frames/header`, { headers: { cookie } });
    if (!(await frame.text()).includes('Отгрузка в процессе контроля'))
      throw new Error(`interest ${interestId}: the frame does not show the new state`);
    toFrame.push(performance.now() - committed);
    arrivals.delete(`interest:${interestId}`);
  }
  await reader.cancel();
  console.log(`payments: ${orders.length}, each posted, its interest recomputed by the web process's worker`);
  console.log(`payment posted → SSE event at the client: ${stats(toEvent)}`);
  console.log(`payment posted → card frame shows "Отгрузка в процессе контроля": ${stats(toFrame)}`);
  const p95 = [...toFrame].sort((a, b) => a - b)[Math.ceil(0.95 * toFrame.length) - 1]!;
  console.log(`target: p95 under 300 ms — ${p95 < 300 ? 'met' : 'NOT met'}`);
} finally {
  await stopApp();
  await close();
}
