import { expect, test } from '@playwright/test';
import { makeFixtures } from './access-fixtures';
import { matrix, type Row } from './access-matrix';
import {
  type Answer,
  anonymous,
  callAction,
  existingActions,
  existingPages,
  existingRoutes,
  request,
  type Session,
  signInAs,
} from './endpoints';
import { changedTables, database, watchWrites } from './helpers';

type Who = 'anonymous' | 'owner' | 'other manager' | 'leader' | 'admin';
const accounts: Record<Exclude<Who, 'anonymous'>, string> = {
  owner: 'ivanova@torg.demo',
  'other manager': 'petrov@torg.demo',
  leader: 'leader@torg.demo',
  admin: 'admin@torg.demo',
};
const roleOf = { owner: 'manager', 'other manager': 'manager', leader: 'leader', admin: 'admin' } as const;

test('the table lists every page, route handler and server action the app has', () => {
  const listed = new Set(matrix.map((r) => r.endpoint));
  const existing = [
    ...existingPages().map((p) => `page ${p}`),
    ...existingRoutes(),
    ...existingActions().map((a) => `action ${a}`),
  ];
  expect(
    existing.filter((e) => !listed.has(e)),
    'endpoints missing from e2e/access-matrix.ts',
  ).toEqual([]);
  expect(
    [...listed].filter((e) => !existing.includes(e)),
    'rows of endpoints that no longer exist',
  ).toEqual([]);
  // The walk below found them at all (36 pages, 10 route handlers, 25 actions when this was written).
  expect(existing.length).toBeGreaterThanOrEqual(70);
});

test('every endpoint lets in exactly the roles and owners of its row; a refusal writes nothing', async () => {
  test.setTimeout(240_000);
  const sql = database();
  const fx = await makeFixtures();
  const sessions = new Map<Who, Session>([['anonymous', anonymous]]);
  const signInAll = async () => {
    for (const [who, email] of Object.entries(accounts)) sessions.set(who as Who, await signInAs(email));
  };
  await signInAll();
  const call = (row: Row, who: Who): Promise<Answer> => {
    const session = sessions.get(who)!;
    const probe = row.probe;
    if ('action' in probe) return callAction(session, probe.action, probe.args(fx));
    const values = probe.form?.(fx);
    const form = values && new FormData();
    for (const [k, v] of Object.entries(values ?? {})) form!.append(k, v);
    return request(session, probe.method, probe.url(fx), { form });
  };
  const problems: string[] = [];
  const writes = await watchWrites(sql);
  try {
    for (const row of matrix) {
      const allowed = (who: Who) =>
        row.roles === 'public' ||
        (who !== 'anonymous' && row.roles.includes(roleOf[who]) && !(row.owner && who === 'other manager'));
      // The refused first, each checked to have written nothing; then those let in.
      const order: Who[] = ['anonymous', 'other manager', 'owner', 'leader', 'admin'];
      for (const who of [...order.filter((w) => !allowed(w)), ...order.filter(allowed)]) {
        const before = allowed(who) ? {} : await writes.counts();
        const answer = await call(row, who);
        const expected = allowed(who)
          ? ['allowed', 'refused', ...(row.refusal ? [row.refusal] : [])]
          : [who === 'anonymous' ? 'login' : 'forbidden'];
        if (!expected.includes(answer.outcome))
          problems.push(`${row.endpoint} as ${who}: ${answer.outcome} (${answer.status}) ${answer.detail}`);
        else if (!allowed(who)) {
          const written = changedTables(before, await writes.counts());
          if (written.length)
            problems.push(`${row.endpoint} as ${who}: refused, but wrote ${written.join(', ')}`);
        }
      }
      if (row.endsSession) await signInAll();
    }
  } finally {
    await writes.stop();
    await sql.end();
  }
  expect(problems).toEqual([]);
});
