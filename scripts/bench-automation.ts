/**
 * `npm run bench:automation`: from committing a payment to the interest's new state reaching an open
 * SSE client, and to the card's frame showing it, over 200 payments. The real app (npm start's
 * launcher, with the job worker inside the web process) runs against a fresh database on the
 * PostgreSQL server at DATABASE_URL; this script signs in as a manager, keeps one EventSource-style
 * connection open on /api/live for all 200 interests, and posts each payment straight through the
 * domain function, as a bank import or another app process would; then 100 partial shipments, each
 * timed until the interest's open card lists it. Prints p50/p95/max, the p95s on the last line.
 */
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { connect } from '@/db/client';
import { DEMO_PASSWORD } from '@/db/demo-accounts';
import { runMigrations } from '@/db/migrate';
import { bankAccounts, interests, partners, products, users, warehouses } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Actor } from '@/lib/access/rules';
import type { DocumentKind } from '@/lib/documents/kinds';
import { saveDocument } from '@/lib/documents/save-document';
import { freshDatabase, percentile, signIn, stats } from './bench-http';

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 200);
const SHIPMENTS = Math.min(PAYMENTS, Number(process.env.BENCH_SHIPMENTS ?? 100));
const PORT = Number(process.env.BENCH_PORT ?? 3197);
const base = `http://127.0.0.1:${PORT}`;
const url = await freshDatabase('torg_bench_automation');
await runMigrations(url);
const { db, close } = connect(url, { max: 4 });
await seedDemoData(db);

// 200 interests, each with a posted customer order: all of them "awaiting payment".
const [manager] = await db.select().from(users).where(eq(users.email, 'ivanova@torg.demo'));
const [client] = await db.select().from(partners).where(eq(partners.inn, '7701234560'));
const [supplier] = await db.select().from(partners).where(eq(partners.name, 'ТеплоХолод Дистрибуция'));
const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.name, 'Основной склад'));
const [fan] = await db.select().from(products).where(eq(products.sku, 'VENT-01'));
const [account] = await db.select().from(bankAccounts);
/** Posts a document as the bench's commands do, and its id; a refusal stops the bench. */
async function post(kind: DocumentKind, input: object, actor: Actor | null): Promise<number> {
  const result = await saveDocument(db, kind, null, { date: new Date().toISOString(), ...input }, actor, {
    post: true,
  });
  if (!result.ok) throw new Error(`${kind} not posted: ${JSON.stringify(result)}`);
  return result.id;
}

const orders: { interestId: number; orderId: number }[] = [];
for (let i = 0; i < PAYMENTS; i++) {
  const [interest] = await db
    .insert(interests)
    .values({ title: `Бенчмарк ${i + 1}`, partnerId: client!.id, responsibleId: manager!.id })
    .returning();
  const orderId = await post(
    'customer_order',
    {
      partnerId: client!.id,
      warehouseId: warehouse!.id,
      interestId: interest!.id,
      lines: [{ productId: fan!.id, quantity: '1', price: '1990', action: 'none' }],
    },
    manager!,
  );
  orders.push({ interestId: interest!.id, orderId });
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

  /**
   * One live stream for the topics of the interest measured next (a stream follows at most 50 topics,
   * and a user has at most 20 streams): open before the command commits, so nothing is missed.
   */
  async function follow(topics: string[]) {
    const stream = await fetch(`${base}/api/live?topics=${topics.join(',')}`, {
      headers: { cookie, accept: 'text/event-stream' },
    });
    if (!stream.ok || !stream.body) throw new Error(`SSE refused: ${stream.status}`);
    const arrivals: number[] = [];
    let wake: (() => void) | undefined;
    const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        if (/topic="/.test(value)) {
          arrivals.push(performance.now());
          wake?.();
        }
      }
    })();
    return {
      /** The first event after `after` (ms, performance.now()). */
      async next(after: number): Promise<number> {
        for (;;) {
          const at = arrivals.find((t) => t > after);
          if (at !== undefined) return at;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      },
      close: () => reader.cancel(),
    };
  }

  /**
   * Waits for events until the page or frame at `path` shows `expected`: the time of that event and of
   * the page. Gives up after 10 s, naming what it waited for, rather than waiting for ever.
   */
  async function reaches(
    live: Awaited<ReturnType<typeof follow>>,
    path: string,
    expected: string,
    committed: number,
    /** When the command was sent: its event may reach this process before the command's own answer. */
    sent: number,
  ): Promise<{ event: number; frame: number }> {
    let after = sent;
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${path} did not show ${expected} within 10 s`)), 10_000).unref(),
    );
    for (;;) {
      const event = await Promise.race([live.next(after), timeout]);
      const html = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
      if (html.includes(expected))
        return { event: Math.max(0, event - committed), frame: performance.now() - committed };
      after = event;
    }
  }

  const toEvent: number[] = [];
  const toFrame: number[] = [];
  for (const { interestId, orderId } of orders) {
    const live = await follow([`interest:${interestId}`]);
    const sent = performance.now();
    await post(
      'bank_receipt',
      {
        partnerId: client!.id,
        bankAccountId: account!.id,
        amount: '1990.00',
        allocations: [{ orderId, amount: '1990.00' }],
      },
      null,
    );
    // saveDocument returns right after its COMMIT: that is when the payment is there for others to see.
    const committed = performance.now();
    // The payment is published at once; the state follows when the worker has recomputed it.
    // The card renders the state on its title line (LiveRefresh renders the page again on the event).
    const reached = await reaches(
      live,
      `/crm/interests/${interestId}`,
      'badge state-shipment_control',
      committed,
      sent,
    );
    toEvent.push(reached.event);
    toFrame.push(reached.frame);
    await live.close();
  }

  // Partial shipments: each order of 2 ships 1; the interest's open card lists the shipment.
  await post(
    'goods_receipt',
    {
      partnerId: supplier!.id,
      warehouseId: warehouse!.id,
      lines: [{ productId: fan!.id, quantity: String(2 * SHIPMENTS), price: '1000', vatRate: '22' }],
    },
    null,
  );
  const shipEvent: number[] = [];
  const shipFrame: number[] = [];
  for (let i = 0; i < SHIPMENTS; i++) {
    const { interestId } = orders[i]!;
    const orderId = await post(
      'customer_order',
      {
        partnerId: client!.id,
        warehouseId: warehouse!.id,
        interestId,
        lines: [{ productId: fan!.id, quantity: '2', price: '1990', action: 'reserve' }],
      },
      manager!,
    );
    const live = await follow([`interest:${interestId}`]);
    const sent = performance.now();
    const shipmentId = await post(
      'sales',
      {
        partnerId: client!.id,
        warehouseId: warehouse!.id,
        basedOnId: orderId,
        lines: [{ productId: fan!.id, quantity: '1' }],
      },
      manager!,
    );
    const committed = performance.now();
    const reached = await reaches(
      live,
      `/crm/interests/${interestId}/frames/documents`,
      `/documents/sales/${shipmentId}`,
      committed,
      sent,
    );
    shipEvent.push(reached.event);
    shipFrame.push(reached.frame);
    await live.close();
  }

  console.log(`payments: ${orders.length}, each posted, its interest recomputed by the web process's worker`);
  console.log(`payment posted → first event at the client: ${stats(toEvent)}`);
  console.log(`payment posted → the card shows "Отгрузка в процессе контроля": ${stats(toFrame)}`);
  console.log(`partial shipments: ${SHIPMENTS}, each 1 of an order's 2`);
  console.log(`shipment posted → event at the client: ${stats(shipEvent)}`);
  console.log(`shipment posted → card's documents frame lists it: ${stats(shipFrame)}`);
  const p95 = (xs: number[]) => percentile(xs, 0.95);
  const worst = Math.max(p95(toFrame), p95(shipFrame));
  console.log(
    `p95 to the card: payment → state ${p95(toFrame).toFixed(1)} ms, partial shipment ${p95(shipFrame).toFixed(1)} ms (target < 300 ms: ${worst < 300 ? 'met' : 'NOT met'})`,
  );
} finally {
  await stopApp();
  await close();
}
