import { createHash, createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { setSetting } from '@/lib/settings/settings';
import { generator, type Random } from '@/lib/testing/seeded-random';
import { zadarmaEventNames } from './events';
import { testSecrets, zadarmaSignature } from './testing';
import { genericWebhook, mangoWebhook, zadarmaWebhook } from './webhook';

/**
 * 1 000 seeded malformed payloads per endpoint: random and missing fields, wrong types, huge values,
 * broken encodings; half of them signed correctly, so the reading of fields past the signature is
 * fuzzed too. None may throw or answer 5xx; a refused one stores nothing; what was accepted is
 * processed by the job without an error.
 */
const PAYLOADS = 1000;
const test = isolatedDatabase();

beforeAll(async () => {
  await setSetting(test.db, 'telephony_zadarma_secret', testSecrets.zadarma);
  await setSetting(test.db, 'telephony_mango_api_key', testSecrets.mangoKey);
  await setSetting(test.db, 'telephony_mango_api_salt', testSecrets.mangoSalt);
  await setSetting(test.db, 'telephony_token', testSecrets.token);
});

const texts = [
  '',
  ' ',
  '0',
  '-1',
  '1e308',
  '99999999999999999999',
  'NaN',
  '+79161234567',
  '89161234567',
  '101',
  'answered',
  'no answer',
  '__proto__',
  'constructor',
  'Ж'.repeat(5000),
  'x'.repeat(300),
  'nul\u0000byte',
  '\uD800',
  '%ZZ',
  '<script>',
  "'; drop table calls; --",
  '2026-02-31 25:61:00',
];
const jsonValues = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  1e308,
  'x',
  '',
  [],
  {},
  [1, 'a'],
  { number: 5 },
  'Ж'.repeat(3000),
];
const fieldNames = [
  'event',
  'pbx_call_id',
  'caller_id',
  'called_did',
  'call_start',
  'internal',
  'destination',
  'duration',
  'disposition',
  'call_id_with_rec',
  'status_code',
  'is_recorded',
  '__proto__',
];

/** A body that is not what it claims: invalid UTF-8, a broken escape, or past 64 KB. */
function brokenBody(r: Random): Uint8Array | string {
  return r.pick([
    new Uint8Array([0xff, 0xfe, 0x80, 0x3d, 0x41]),
    'event=NOTIFY_START&pbx_call_id=%E0%A4%A',
    `event=NOTIFY_START&pbx_call_id=${'a'.repeat(70_000)}`,
    new Uint8Array(66_000).fill(0x41),
  ]);
}

const post = (url: string, body: Uint8Array | string, headers: Record<string, string>) =>
  new Request(url, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });

function zadarmaPayload(r: Random): Request {
  if (r.next() < 0.1) return post('http://t/api/telephony/zadarma', brokenBody(r), { signature: 'x' });
  const fields: Record<string, string> = {};
  if (r.next() < 0.9) fields.event = r.next() < 0.8 ? r.pick(zadarmaEventNames) : r.pick(texts);
  for (let i = Math.floor(r.next() * 8); i > 0; i--) fields[r.pick(fieldNames)] = r.pick(texts);
  if (r.next() < 0.5) fields.pbx_call_id = `fuzz-${Math.floor(r.next() * 50)}`;
  const roll = r.next();
  const signature = roll < 0.5 ? zadarmaSignature(fields) : roll < 0.6 ? null : r.pick(texts.slice(0, 14));
  return post('http://t/api/telephony/zadarma', new URLSearchParams(fields).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    ...(signature === null ? {} : { signature }),
  });
}

function randomJson(r: Random, template: Record<string, unknown>): string {
  if (r.next() < 0.08) return r.pick(['', '{', 'null', '[]', '"x"', '{"entry_id":']);
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) {
    const roll = r.next();
    if (roll < 0.15) continue;
    body[k] = roll < 0.55 ? r.pick(jsonValues) : v;
  }
  if (r.next() < 0.3) body[r.pick(['extra', '__proto__', 'seq', 'to'])] = r.pick(jsonValues);
  return JSON.stringify(body);
}

const mangoTemplate = {
  entry_id: 'fuzz-entry',
  call_id: 'leg',
  seq: 1,
  call_state: 'Appeared',
  from: { number: '79161234567' },
  to: { extension: '101', number: '74951234567' },
  entry_result: 0,
  talk_time: 1767340805,
  end_time: 1767340865,
  recording_id: 'rec',
};

function mangoPayload(r: Random): { kind: 'call' | 'summary' | 'recording'; request: Request } {
  const kind = r.pick(['call', 'summary', 'recording'] as const);
  const url = `http://t/api/telephony/mango/events/${kind}`;
  if (r.next() < 0.1) return { kind, request: post(url, brokenBody(r), {}) };
  const json = randomJson(r, mangoTemplate);
  const roll = r.next();
  const sign =
    roll < 0.5
      ? createHash('sha256')
          .update(testSecrets.mangoKey + json + testSecrets.mangoSalt)
          .digest('hex')
      : r.pick(texts.slice(0, 14));
  const form: Record<string, string> = {
    vpbx_api_key: r.next() < 0.9 ? testSecrets.mangoKey : r.pick(texts),
    sign,
    json,
  };
  if (r.next() < 0.1) delete form[r.pick(['vpbx_api_key', 'sign', 'json'])];
  return {
    kind,
    request: post(url, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    }),
  };
}

const genericTemplate = {
  event: 'newCall',
  callId: 'fuzz-generic',
  direction: 'in',
  from: '+79161234567',
  to: '74951234567',
  user: ['Анна'],
  answeringNumber: '101',
  cause: 'noAnswer',
  duration: 10,
  recordingUrl: 'https://pbx.test/r.mp3',
};

function genericPayload(r: Random): { token: string; request: Request } {
  const token = r.next() < 0.6 ? testSecrets.token : r.pick(texts.slice(0, 14));
  const url = 'http://t/api/telephony/webhook/x';
  if (r.next() < 0.1) return { token, request: post(url, brokenBody(r), {}) };
  const template = { ...genericTemplate, event: r.pick(['newCall', 'answer', 'hangup']) };
  return { token, request: post(url, randomJson(r, template), { 'content-type': 'application/json' }) };
}

const rows = async () =>
  (await test.db.execute(sql`select count(*)::int as n from telephony_events`)) as unknown as { n: number }[];

describe(`${PAYLOADS} fuzzed payloads per webhook`, () => {
  const endpoints = {
    zadarma: (r: Random) => zadarmaWebhook(test.db, zadarmaPayload(r)),
    mango: (r: Random) => {
      const { kind, request } = mangoPayload(r);
      return mangoWebhook(test.db, kind, request);
    },
    generic: (r: Random) => {
      const { token, request } = genericPayload(r);
      return genericWebhook(test.db, token, request);
    },
  };
  for (const [name, send] of Object.entries(endpoints)) {
    it(`${name}: no server error, nothing stored on a refusal`, async () => {
      const r = generator(name.length * 7919);
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      for (let i = 0; i < PAYLOADS; i++) {
        const before = (await rows())[0]!.n;
        let status: number;
        try {
          status = (await send(r)).status;
        } catch (error) {
          problems.push(`#${i}: threw ${String(error).slice(0, 200)}`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) problems.push(`#${i}: ${status}`);
        const after = (await rows())[0]!.n;
        if (status !== 200 && after !== before)
          problems.push(`#${i}: refused with ${status}, stored ${after - before}`);
      }
      expect(problems).toEqual([]);
      // The fuzzing reached both sides of the checks.
      expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 401, 413]));
      await runJobsUntilIdle(test.db, jobHandlers);
      const failed = await test.db.execute(sql`select kind, last_error from jobs where attempts > 0`);
      expect(failed).toEqual([]);
    }, 120_000);
  }
});

// Kept beside the fuzzing: the signature the fuzzer computes is the documented one.
it('signs as the provider documents', () => {
  const fields = { event: 'NOTIFY_START', caller_id: 'a', called_did: 'b', call_start: 'c' };
  const hex = createHmac('sha1', testSecrets.zadarma).update('abc').digest('hex');
  expect(zadarmaSignature(fields)).toBe(Buffer.from(hex).toString('base64'));
});
