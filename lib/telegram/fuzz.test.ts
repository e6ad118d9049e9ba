import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { setSetting } from '@/lib/settings/settings';
import { generator } from '@/lib/testing/seeded-random';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api';
import { testBot, testUpdate, webhookRequest } from './testing';
import { telegramWebhook } from './webhook';

/**
 * 1 000 seeded malformed updates with the right secret: valid ones mutated at random paths (wrong
 * types, huge and odd strings, NUL and lone surrogates, 64-bit and unsafe ids, missing parts), and
 * bodies that are not JSON at all. None may throw or answer 5xx; every stored one is processed by the
 * jobs without a failure.
 */
const UPDATES = 1000;
const test = isolatedDatabase();
let fake: FakeBotApi;

beforeAll(async () => {
  fake = await startFakeBotApi();
  process.env.TORG_TELEGRAM_API_ROOT = fake.url;
  fake.addFile('photo-ok', new Uint8Array([1, 2, 3]));
  await setSetting(test.db, 'telegram_bot_token', testBot.token);
  await setSetting(test.db, 'telegram_webhook_secret', testBot.secret);
});

afterAll(async () => {
  delete process.env.TORG_TELEGRAM_API_ROOT;
  await fake.close();
});

const values: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  2 ** 63,
  -(2 ** 62),
  1e308,
  '',
  'x',
  '/start',
  '/start@torg_bot payload',
  '+79161234567',
  '8 (916) 123-45-67',
  'nul\u0000byte',
  '\uD800',
  '\\u0000',
  'Ж'.repeat(25_000),
  'Ж'.repeat(4000),
  '<script>alert(1)</script>',
  "'; drop table interactions; --",
  [],
  {},
  [{ file_id: 'photo-ok', file_unique_id: 'u' }],
  [{ file_id: 'missing', file_unique_id: 'u', file_size: 1e12 }],
  { phone_number: '+79161234567', user_id: 'x' },
  { file_id: 'photo-ok', file_unique_id: 'u', file_name: '../../x', file_size: 3 },
  { __proto__: { polluted: true } },
];
const paths = [
  ['update_id'],
  ['message'],
  ['message', 'message_id'],
  ['message', 'date'],
  ['message', 'chat'],
  ['message', 'chat', 'id'],
  ['message', 'chat', 'type'],
  ['message', 'from'],
  ['message', 'from', 'id'],
  ['message', 'from', 'first_name'],
  ['message', 'from', 'username'],
  ['message', 'text'],
  ['message', 'caption'],
  ['message', 'contact'],
  ['message', 'contact', 'phone_number'],
  ['message', 'photo'],
  ['message', 'document'],
  ['message', 'sticker'],
  ['__proto__'],
  ['edited_message'],
];

function mutate(update: Record<string, unknown>, path: string[], value: unknown) {
  let at: Record<string, unknown> = update;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, configurable: true, writable: true });
}

it(`answers ${UPDATES} fuzzed updates without a 5xx, and the jobs process every stored one`, async () => {
  const r = generator(20261206);
  const statuses = new Map<number, number>();
  for (let n = 0; n < UPDATES; n++) {
    let body: string;
    if (r.next() < 0.1) {
      body = r.pick(['', '{', 'null', '[]', '"x"', '{"update_id":', '\u0000', '{"update_id":1e999}']);
    } else {
      const update = testUpdate(n + 1, { chatId: 1 + Math.floor(r.next() * 20), text: 'привет' });
      for (let m = 0; m < 1 + Math.floor(r.next() * 3); m++)
        mutate(update, r.pick(paths), r.next() < 0.1 ? undefined : r.pick(values));
      body = JSON.stringify(update);
    }
    const response = await telegramWebhook(test.db, webhookRequest(body));
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, body.slice(0, 300)).toBeLessThan(500);
  }
  // Both kinds happened: most were stored, some refused.
  expect(statuses.get(200)).toBeGreaterThan(UPDATES / 2);
  expect(statuses.get(400)).toBeGreaterThan(0);
  await runJobsUntilIdle(test.db, jobHandlers);
  const [left] = (await test.db.execute(sql`
    select (select count(*) from telegram_updates where processed_at is null)::int as unprocessed,
      (select count(*) from jobs where attempts > 0 or status = 'failed')::int as failed,
      (select count(*) from interactions where kind = 'message')::int as messages`)) as unknown as {
    unprocessed: number;
    failed: number;
    messages: number;
  }[];
  expect(left).toMatchObject({ unprocessed: 0, failed: 0 });
  expect(left!.messages).toBeGreaterThan(50);
});
