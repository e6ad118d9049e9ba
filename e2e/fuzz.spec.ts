import { expect, test } from '@playwright/test';
import { demoUsers } from '@/db/demo-accounts';
import { generator } from '@/lib/testing/seeded-random';
import { makeFixtures } from './access-fixtures';
import { matrix, type Row } from './access-matrix';
import { type Answer, anonymous, callAction, request, type Session, signInAs } from './endpoints';
import { changedTables, database, watchWrites } from './helpers';

/**
 * Every route handler and server action gets 100 random or malformed inputs — wrong types, huge
 * strings, unicode and control characters, missing and extra fields, negative and enormous numbers,
 * impossible dates — built from its access-matrix probe by a seeded generator (a failure names its
 * seed and input). None may answer a server error, and none refused may have written anything.
 */
// 100 per endpoint keeps the suite within its 20 minutes now that there are over sixty endpoints.
const INPUTS = 100;

const strings = [
  '',
  ' ',
  'x',
  'Ж'.repeat(100_000),
  'a'.repeat(1_000_001),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ❤ ёЁ',
  '\u202Eevil',
  'nul\u0000byte',
  '\u0001\u0002\u001f',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '../../etc/passwd',
  '{"a":1}',
  '[1,2]',
  '-1',
  '0',
  '1',
  '1e308',
  '-1e308',
  '99999999999999999999',
  '2147483648',
  'NaN',
  'Infinity',
  '1,5',
  '1 000,50',
  '12.345',
  '0.001',
  '2026-02-31',
  '0000-01-01',
  '9999-12-31T23:59',
  '2026-11-30T25:61',
  '275760-09-13',
  'on',
  'true',
  'a@b',
  'x@y.ru, '.repeat(100),
  'ru',
  'post',
  'lost',
  'sent',
  '%00',
  '\uD800',
];
/**
 * Arguments of any type. Strings stay under 1 MB here: React's reply decoder refuses a single argument
 * past that with an error of its own, before any action runs (form fields above carry more).
 */
const values = [
  ...strings.filter((s) => s.length <= 1_000_000),
  -1,
  0,
  // No small positive ids: the admin's fuzzing must not land on the demo's own rows.
  2 ** 31,
  2 ** 53 + 1,
  1e308,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1.5,
  null,
  undefined,
  true,
  false,
  {},
  [],
  { id: 1, nested: { deep: [1, 'x'] } },
  [null, [], {}],
  new Date(0),
  10n ** 30n,
];
const fieldNames = [
  'id',
  'lines.0.productId',
  'lines.9999.price',
  'allocations.0.amount',
  '__proto__',
  'constructor',
  'a'.repeat(5000),
  '$ACTION_ID_x',
  'intent',
  'state',
];

/** A random value for a form field: text, sometimes a file. */
function fieldValue(r: ReturnType<typeof generator>): string | File {
  if (r.next() < 0.08) {
    const size = r.pick([0, 1, 1000, 200_000]);
    return new File(
      [new Uint8Array(size).fill(r.pick([0, 65, 255]))],
      r.pick(['../../x', 'a.txt', '', 'ф'.repeat(300)]),
    );
  }
  return r.pick(strings);
}

/** The probe's form with its fields replaced, dropped or joined by others. */
function mutateForm(template: FormData | undefined, r: ReturnType<typeof generator>): FormData {
  const data = new FormData();
  if (template && r.next() < 0.85) {
    for (const [name] of template) {
      const roll = r.next();
      if (roll < 0.15) continue;
      const value = roll < 0.6 ? fieldValue(r) : template.get(name)!;
      data.append(name, value);
      if (r.next() < 0.05) data.append(name, fieldValue(r));
    }
  }
  for (let i = Math.floor(r.next() * 4); i > 0; i--) data.append(r.pick(fieldNames), fieldValue(r));
  return data;
}

/** The probe's arguments, each kept, replaced by a value of any type, or (forms) mutated. */
function mutateArgs(template: unknown[], r: ReturnType<typeof generator>): unknown[] {
  const args = template.map((arg) => {
    if (arg instanceof FormData) return r.next() < 0.9 ? mutateForm(arg, r) : r.pick(values);
    return r.next() < 0.5 ? arg : r.pick(values);
  });
  const roll = r.next();
  if (roll < 0.05) return args.slice(0, -1);
  if (roll < 0.1) return [...args, r.pick(values)];
  return args;
}

/** A path segment; a lone surrogate goes as the broken UTF-8 escape it would be. */
function segment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** A URL of the probe with its path segments and query values swapped for random ones. */
function mutateUrl(url: string, r: ReturnType<typeof generator>): string {
  const parsed = new URL(url, 'http://x');
  const segments = parsed.pathname
    .split('/')
    .map((s, i) => (i > 1 && r.next() < 0.4 ? segment(String(r.pick(strings)).slice(0, 2000)) : s));
  const query = new URLSearchParams(parsed.search);
  for (const key of [...query.keys()])
    if (r.next() < 0.6) query.set(key, String(r.pick(strings)).slice(0, 2000));
  if (r.next() < 0.3)
    query.set(
      r.pick(['page', 'from', 'to', 'format', 'q', 'topics', 'responsible', 'date']),
      String(r.pick(strings)).slice(0, 2000),
    );
  const path = segments.join('/');
  // Next answers a path with `//` by a 308 before the proxy sees it, the whole address in both its
  // Location and Refresh headers; past 8 KB that outgrows the 16 KB of headers Node's client (this
  // test's) reads, though browsers read it. Such addresses stay within the proxy's 4 096 characters.
  const address = `${path}?${query}`;
  return path.includes('//') ? address.slice(0, 4096) : address;
}

/** Every route handler and every server action, each fuzzed as the most powerful user it lets in. */
const targets = matrix.filter((row) => !row.endpoint.startsWith('page '));

test('100 malformed inputs to every route handler and server action: no server error, nothing written on a refusal', async () => {
  test.setTimeout(900_000);
  const sql = database();
  const fx = await makeFixtures();
  const admin = await signInAs('admin@torg.demo');
  const settings = await sql`select key, value from settings`;
  const problems: string[] = [];
  let tried = 0;
  let staff: Record<string, unknown>[] = [];
  const writes = await watchWrites(sql);
  try {
    for (const [index, row] of targets.entries()) {
      const seed = 1000 + index;
      const r = generator(seed);
      // Public endpoints (sign-in, sign-out, setup) as a visitor: fuzzing sign-out as the admin would end its session.
      const session: Session = row.roles === 'public' || row.fuzzAnonymously ? anonymous : admin;
      let before = await writes.counts();
      for (let i = 0; i < INPUTS; i++) {
        const { answer, input } = await fuzzOnce(row, session, r, fx);
        tried++;
        const after = await writes.counts();
        if (answer.outcome === 'error')
          problems.push(`${row.endpoint} #${i} (seed ${seed}): ${answer.status} ${answer.detail} ← ${input}`);
        else if (answer.outcome !== 'allowed' && changedTables(before, after).length)
          problems.push(
            `${row.endpoint} #${i} (seed ${seed}): ${answer.outcome}, but wrote ${changedTables(before, after)} ← ${input}`,
          );
        before = after;
        if (problems.length > 20) break;
      }
    }
  } finally {
    await writes.stop();
    // What the admin's fuzzing may have set, and the sign-in throttle the sign-in fuzzing filled.
    for (const s of settings)
      await sql`update settings set value = ${sql.json(s.value)} where key = ${s.key}`;
    await sql`delete from login_throttle`;
    staff =
      await sql`select email, role, active from users where email in ${sql(demoUsers.map((u) => u.email))} order by email`;
    await sql.end();
  }
  console.log(`fuzzed ${targets.length} endpoints with ${tried} inputs`);
  expect(problems).toEqual([]);
  // The demo's own accounts came through the admin's fuzzing untouched.
  expect(staff.map((u) => `${u.email} ${u.role} ${u.active}`)).toEqual([
    'admin@torg.demo admin true',
    'ivanova@torg.demo manager true',
    'leader@torg.demo leader true',
    'petrov@torg.demo manager true',
  ]);
  expect(tried).toBe(targets.length * INPUTS);
});

const PAGE_INPUTS = 30;

test('30 random ids, dates and query values to every page: a page or a 404, never a server error', async () => {
  test.setTimeout(600_000);
  const fx = await makeFixtures();
  const admin = await signInAs('admin@torg.demo');
  const pages = matrix.filter((row) => row.endpoint.startsWith('page ') && row.endpoint !== 'page /logout');
  const problems: string[] = [];
  // The examples a security review found answering 500, then whatever the generator makes.
  for (const url of [
    '/crm/interests/99999999999999999999',
    '/crm/interests/1e3',
    '/documents/orders/99999999999',
    '/crm/interests?from=2026-02-31',
    '/workplace/frames/kanban?from=2026-02-31&to=0000-01-01&source=99999999999',
    '/workplace/frames/calendar?date=2026-13-45',
    '/reports/warehouse-statement?from=2026-02-31&warehouse=99999999999',
    '/catalogs/partners?page=1e308',
    '/products/1?page=-5',
  ]) {
    const answer = await request(admin, 'GET', url);
    if (answer.outcome === 'error') problems.push(`${url}: ${answer.status}`);
  }
  let tried = 0;
  for (const [index, row] of pages.entries()) {
    const r = generator(5000 + index);
    const probe = row.probe;
    if ('action' in probe) continue;
    for (let i = 0; i < PAGE_INPUTS; i++) {
      const url = mutateUrl(probe.url(fx), r);
      const answer = await request(admin, 'GET', url);
      tried++;
      if (answer.outcome === 'error')
        problems.push(
          `${row.endpoint} #${i} (seed ${5000 + index}): ${answer.status} ← ${url.slice(0, 300)}`,
        );
    }
  }
  console.log(`fuzzed ${pages.length} pages with ${tried} addresses`);
  expect(problems).toEqual([]);
});

async function fuzzOnce(
  row: Row,
  session: Session,
  r: ReturnType<typeof generator>,
  fx: Awaited<ReturnType<typeof makeFixtures>>,
) {
  const probe = row.probe;
  if ('action' in probe) {
    const args = mutateArgs(probe.args(fx), r);
    return { answer: await callAction(session, probe.action, args), input: shown(args) };
  }
  const url = mutateUrl(probe.url(fx), r);
  const form = probe.form ? mutateForm(toForm(probe.form(fx)), r) : undefined;
  const answer: Answer = await request(session, probe.method, url, { form });
  return { answer, input: `${url} ${form ? shown([form]) : ''}` };
}

const toForm = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

const shown = (args: unknown[]) =>
  JSON.stringify(args, (_k, v) => {
    if (v instanceof FormData)
      return Object.fromEntries(
        [...v].map(([k, x]) => [k.slice(0, 40), typeof x === 'string' ? x.slice(0, 40) : `file ${x.size}`]),
      );
    if (typeof v === 'string') return v.slice(0, 40);
    if (typeof v === 'bigint') return `${v}n`;
    return v;
  }).slice(0, 600);
