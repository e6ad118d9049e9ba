/**
 * `npm run bench:inbox`: how long a message takes to reach the inbox, on a fresh database at
 * DATABASE_URL's server, with the job worker and the mailbox watcher running in this process as in the
 * web process. "In the inbox" is the moment the `inbox` topic is published (NOTIFY torg_live, which
 * every open workplace's SSE stream turns into the inbox frame's reload).
 *
 * 1. Telegram: 200 updates posted one after another to the webhook handler (secret checked, stored,
 *    answered), each timed from the post to its `inbox` notification.
 * 2. Mail: a throwaway Dovecot (lib/mail/dovecot.ts, needs root); 200 letters APPENDed one after
 *    another, each timed from the APPEND to its `inbox` notification (IDLE wakes the mail job).
 */
import postgres from 'postgres';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { jobHandlers } from '@/lib/jobs/handlers';
import { startWorker } from '@/lib/jobs/worker';
import { LIVE_CHANNEL } from '@/lib/live/publish';
import { startDovecot } from '@/lib/mail/dovecot';
import { startMailWatcher } from '@/lib/mail/watch';
import { setSetting } from '@/lib/settings/settings';
import { startFakeBotApi } from '@/lib/telegram/fake-bot-api';
import { testBot, testUpdate, webhookRequest } from '@/lib/telegram/testing';
import { telegramWebhook } from '@/lib/telegram/webhook';
import { freshDatabase, percentile, stats } from './bench-http';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const url = await freshDatabase('torg_bench_inbox');
await runMigrations(url);
const { db, close } = connect(url, { max: 4 });

const fake = await startFakeBotApi();
process.env.TORG_TELEGRAM_API_ROOT = fake.url;
await setSetting(db, 'telegram_bot_token', testBot.token);
await setSetting(db, 'telegram_webhook_secret', testBot.secret);
await setSetting(db, 'telegram_ask_phone', false);

// Each `inbox` notification resolves the waiting sample.
let arrived: (() => void) | null = null;
const listener = postgres(url, { max: 1, onnotice: () => {} });
await listener.listen(LIVE_CHANNEL, (payload) => {
  if ((JSON.parse(payload) as string[]).includes('inbox')) arrived?.();
});
const next = () =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no inbox notification within 60 s')), 60_000);
    arrived = () => {
      clearTimeout(timer);
      arrived = null;
      resolve();
    };
  });

const worker = startWorker(url, jobHandlers, { concurrency: 2, onError: (e) => console.error('worker:', e) });

const telegram: number[] = [];
for (let n = 1; n <= SAMPLES; n++) {
  const waiting = next();
  const started = performance.now();
  const response = await telegramWebhook(
    db,
    webhookRequest(testUpdate(n, { chatId: 1000 + (n % 20), text: `№${n}` })),
  );
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  await waiting;
  telegram.push(performance.now() - started);
}
console.log(`Telegram webhook → inbox, ${SAMPLES} updates: ${stats(telegram)}`);

const dovecot = await startDovecot();
await setSetting(db, 'imap_host', dovecot.host);
await setSetting(db, 'imap_port', dovecot.port);
await setSetting(db, 'imap_tls', false);
await setSetting(db, 'imap_user', dovecot.user);
await setSetting(db, 'imap_password', dovecot.password);
// The schedule's fallback far away: what is measured is IDLE waking the job.
await setSetting(db, 'imap_poll_seconds', 3600);
const watcher = startMailWatcher(db, { onError: (e) => console.error('watcher:', e) });
// The watcher's first connection queues a run; let it settle.
await new Promise((resolve) => setTimeout(resolve, 2000));
await worker.drain();

const mail: number[] = [];
for (let n = 1; n <= SAMPLES; n++) {
  const waiting = next();
  const started = performance.now();
  await dovecot.append(
    `From: client${n}@example.org\r\nTo: sales@torg.example\r\nSubject: Letter ${n}\r\nMessage-ID: <bench-${n}@example.org>\r\n\r\nText ${n}\r\n`,
  );
  await waiting;
  mail.push(performance.now() - started);
}
console.log(`Mail APPEND → inbox, ${SAMPLES} letters: ${stats(mail)}`);

await watcher.stop();
await worker.stop();
await dovecot.stop();
await fake.close();
await listener.end();
await close();
console.log(
  `p50/p95: Telegram ${percentile(telegram, 0.5).toFixed(1)}/${percentile(telegram, 0.95).toFixed(1)} ms, mail ${percentile(mail, 0.5).toFixed(1)}/${percentile(mail, 0.95).toFixed(1)} ms`,
);
