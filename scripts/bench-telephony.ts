/**
 * `npm run bench:telephony`: the real app (npm start's launcher, the job worker inside the web process)
 * on a fresh database at DATABASE_URL's server; 8 managers, each with a client whose contact calls and
 * an SSE connection open on /api/live for their `calls:<id>`; 8 concurrent senders, one per manager.
 *
 * 1. Latency: 1 000 NOTIFY_START → NOTIFY_END pairs (125 per sender), validly signed. Each sender posts
 *    START, waits for its manager's pop event at the SSE client, posts END and waits for the pop's update
 *    (so no event is mistaken for another): webhook → pop p50/p95.
 * 2. Throughput: 2 000 requests to a bare route handler of the same app (GET
 *    /api/telephony/zadarma?zd_echo=…, which answers 200 from memory), then 1 000 more pairs posted back
 *    to back by the same 8 senders: requests/s of each and their ratio (last line). The queue is then drained and checked.
 */
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { contactPersons, partners } from '@/db/schema';
import { setSetting } from '@/lib/settings/settings';
import { testSecrets, zadarmaSignature } from '@/lib/telephony/testing';
import { createUser } from '@/lib/users/users';
import { freshDatabase, percentile, signIn, stats } from './bench-http';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 1000);
const SENDERS = 8;
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const base = `http://127.0.0.1:${PORT}`;
const url = await freshDatabase('torg_bench_telephony');
await runMigrations(url);
const { db, close } = connect(url, { max: 2 });

const PASSWORD = 'bench-password-1';
const managers: { id: number; email: string; phone: string }[] = [];
for (let i = 1; i <= SENDERS; i++) {
  const email = `manager${i}@bench.test`;
  const user = await createUser(
    db,
    { email, name: `Менеджер ${i}`, role: 'manager', password: PASSWORD },
    null,
  );
  if (!user.ok) throw new Error(JSON.stringify(user));
  const [partner] = await db
    .insert(partners)
    .values({ name: `Клиент ${i}`, responsibleId: user.id })
    .returning();
  const phone = `+7916000000${i}`;
  await db.insert(contactPersons).values({ partnerId: partner!.id, name: `Контакт ${i}`, phones: [phone] });
  managers.push({ id: user.id, email, phone });
}
await setSetting(db, 'telephony_zadarma_secret', testSecrets.zadarma);

console.log(`starting the app on port ${PORT} (builds first if the sources changed) ...`);
const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), HOSTNAME: '127.0.0.1', TORG_DEMO: 'off' },
});
const stopApp = async () => {
  if (app.exitCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
};

/** One manager's open page: an SSE stream on calls:<id>, each event resolving the next waiter. */
async function openStream(manager: (typeof managers)[number]) {
  const cookie = await signIn(base, manager.email, PASSWORD);
  const response = await fetch(`${base}/api/live?topics=calls:${manager.id}`, {
    headers: { cookie, accept: 'text/event-stream' },
  });
  if (!response.ok || !response.body) throw new Error(`SSE refused: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let waiting: ((at: number) => void) | undefined;
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
      if (done) return;
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop()!;
      for (const event of events)
        if (event.includes(`topic="calls:${manager.id}"`)) {
          waiting?.(performance.now());
          waiting = undefined;
        }
    }
  })();
  return {
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
    close: () => reader.cancel(),
  };
}

const webhook = async (fields: Record<string, string>) => {
  const response = await fetch(`${base}/api/telephony/zadarma`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', signature: zadarmaSignature(fields) },
    body: new URLSearchParams(fields).toString(),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
};
const pair = (phone: string, callId: string) => {
  const start = {
    event: 'NOTIFY_START',
    call_start: '2026-03-02 10:15:00',
    pbx_call_id: callId,
    caller_id: phone,
    called_did: '74951234567',
  };
  return {
    start,
    end: { ...start, event: 'NOTIFY_END', duration: '42', disposition: 'answered', internal: '' },
  };
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
  const streams = await Promise.all(managers.map(openStream));
  const perSender = Math.ceil(PAIRS / SENDERS);

  // Warm-up: every code path compiled and connections open before anything is timed.
  await Promise.all(
    managers.map(async (m, s) => {
      const { start, end } = pair(m.phone, `warm-${s}`);
      const popped = streams[s]!.next();
      await webhook(start);
      await popped;
      const updated = streams[s]!.next();
      await webhook(end);
      await updated;
    }),
  );

  // 1. Webhook → pop at the SSE client.
  const toPop: number[] = [];
  const toUpdate: number[] = [];
  await Promise.all(
    managers.map(async (m, s) => {
      for (let i = 0; i < perSender; i++) {
        const { start, end } = pair(m.phone, `lat-${s}-${i}`);
        let popped = streams[s]!.next();
        let sent = performance.now();
        await webhook(start);
        toPop.push((await popped) - sent);
        popped = streams[s]!.next();
        sent = performance.now();
        await webhook(end);
        toUpdate.push((await popped) - sent);
      }
    }),
  );

  // 2. Requests per second: the webhook back to back, then the bare handler, the same count.
  const burst = async (send: (s: number, i: number) => Promise<void>, perSenderCount: number) => {
    const began = performance.now();
    await Promise.all(
      managers.map(async (_m, s) => {
        for (let i = 0; i < perSenderCount; i++) await send(s, i);
      }),
    );
    return (perSenderCount * SENDERS) / ((performance.now() - began) / 1000);
  };
  // The bare handler first, while the queue is idle: the webhook's figure then includes its worker.
  const bareRate = await burst(async (s, i) => {
    const response = await fetch(`${base}/api/telephony/zadarma?zd_echo=${s}-${i}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`bare handler answered ${response.status}`);
  }, perSender * 2);
  const webhookRate = await burst(async (s, i) => {
    const { start, end } = pair(managers[s]!.phone, `rate-${s}-${i}`);
    await webhook(i % 2 === 0 ? start : end);
  }, perSender * 2);

  // Everything posted was applied: each call of both phases ended, nothing failed.
  for (let waited = 0; ; waited += 200) {
    const [left] = (await db.execute(
      sql`select (select count(*) from jobs where kind = 'telephony_call')::int as jobs,
        (select count(*) from calls where state = 'ended')::int as ended,
        (select count(*) from telephony_events where processed_at is null)::int as unapplied`,
    )) as unknown as { jobs: number; ended: number; unapplied: number }[];
    if (left!.jobs === 0 && left!.unapplied === 0) {
      console.log(
        `calls ended: ${left!.ended} (of ${SENDERS + perSender * SENDERS * 2}), events left unapplied: 0`,
      );
      break;
    }
    if (waited > 120_000) throw new Error(`the queue did not drain: ${JSON.stringify(left)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const stream of streams) await stream.close();

  console.log(
    `${toPop.length} NOTIFY_START → NOTIFY_END pairs from ${SENDERS} concurrent senders, validly signed`,
  );
  console.log(`NOTIFY_START → pop at the manager's SSE client: ${stats(toPop)}`);
  console.log(`NOTIFY_END → the pop's update at the SSE client: ${stats(toUpdate)}`);
  console.log(`target: p95 under 200 ms — ${percentile(toPop, 0.95) < 200 ? 'met' : 'NOT met'}`);
  console.log(
    `webhook: ${webhookRate.toFixed(0)} requests/s; bare route handler: ${bareRate.toFixed(0)} requests/s`,
  );
  const ratio = webhookRate / bareRate;
  console.log(
    `webhook ÷ bare handler requests/s: ${ratio.toFixed(2)} (target ≥ 0.5 — ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
  );
} finally {
  await stopApp();
  await close();
}
