import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { type Fixtures, matrix, type Row } from './access-matrix';
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
import { database, fingerprint } from './helpers';

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
  try {
    for (const row of matrix) {
      const allowed = (who: Who) =>
        row.roles === 'public' ||
        (who !== 'anonymous' && row.roles.includes(roleOf[who]) && !(row.owner && who === 'other manager'));
      // The refused first, each checked to have written nothing; then those let in.
      const order: Who[] = ['anonymous', 'other manager', 'owner', 'leader', 'admin'];
      for (const who of [...order.filter((w) => !allowed(w)), ...order.filter(allowed)]) {
        const before = allowed(who) ? '' : await fingerprint(sql);
        const answer = await call(row, who);
        const expected = allowed(who)
          ? ['allowed', 'refused', ...(row.refusal ? [row.refusal] : [])]
          : [who === 'anonymous' ? 'login' : 'forbidden'];
        if (!expected.includes(answer.outcome))
          problems.push(`${row.endpoint} as ${who}: ${answer.outcome} (${answer.status}) ${answer.detail}`);
        else if (!allowed(who) && (await fingerprint(sql)) !== before)
          problems.push(`${row.endpoint} as ${who}: refused, but something was written`);
      }
      if (row.endsSession) await signInAll();
    }
  } finally {
    await sql.end();
  }
  expect(problems).toEqual([]);
});

/** Анна Иванова's client, interest, offer, order, call, task, letter and file; a payment; a failed job; a spare user. */
async function makeFixtures(): Promise<Fixtures> {
  const sql = database();
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  try {
    const [ivanova] = await sql<{ id: number }[]>`select id from users where email = 'ivanova@torg.demo'`;
    const [product] = await sql<{ id: number }[]>`select id from products where sku = 'KOND-EL-09'`;
    const [warehouse] = await sql<{ id: number }[]>`select id from warehouses order by id limit 1`;
    const [account] = await sql<
      { id: number; account_number: string }[]
    >`select id, account_number from bank_accounts limit 1`;
    const [reason] = await sql<{ id: number }[]>`select id from loss_reasons limit 1`;
    const [partner] = await sql<{ id: number }[]>`
      insert into partners (name, email, responsible_id) values ('Матрица: клиент Ивановой', 'client@matrix.test', ${ivanova!.id})
      returning id`;
    const [contact] = await sql<{ id: number }[]>`
      insert into contact_persons (partner_id, name, emails) values (${partner!.id}, 'Матрица', '{contact@matrix.test}')
      returning id`;
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id) values ('Матрица: кондиционеры', ${partner!.id}, ${ivanova!.id})
      returning id`;
    const owner = { id: ivanova!.id, role: 'manager' as const };
    const input = {
      date: '2026-11-20T10:00:00Z',
      partnerId: partner!.id,
      contactId: contact!.id,
      warehouseId: warehouse!.id,
      interestId: interest!.id,
      validUntil: '2030-12-31',
      lines: [{ productId: product!.id, quantity: '1', price: '9000', action: 'none' }],
    };
    const offer = await saveDocument(db, 'commercial_offer', null, input, owner);
    const order = await saveDocument(db, 'customer_order', null, input, owner);
    if (!offer.ok || !order.ok) throw new Error(JSON.stringify({ offer, order }));
    const [interaction] = await sql<{ id: number }[]>`
      insert into interactions (kind, partner_id, interest_id, body) values ('call', ${partner!.id}, ${interest!.id}, 'Матрица: звонок')
      returning id`;
    const [attachment] = await sql<{ id: number }[]>`
      insert into interaction_attachments (interaction_id, file_name, content_type, size, content)
      values (${interaction!.id}, 'матрица.txt', 'text/plain', 2, ${Buffer.from('ok')}) returning id`;
    const [task] = await sql<{ id: number }[]>`
      insert into tasks (title, due_at, responsible_id, interest_id, author_id)
      values ('Матрица: перезвонить', '2030-01-01T10:00:00Z', ${ivanova!.id}, ${interest!.id}, ${ivanova!.id}) returning id`;
    const [email] = await sql<{ id: number }[]>`
      insert into outgoing_emails (interaction_id, document_id, template, from_address, "to", subject, body, html, status, error, author_id)
      values (${interaction!.id}, ${offer.id}, 'offer', 'sales@torg.local', '{client@matrix.test}', 'КП', 'Текст', '<p>Текст</p>',
        'failed', 'matrix', ${ivanova!.id}) returning id`;
    const [payment] = await sql<{ id: number }[]>`
      insert into bank_payments (fingerprint, bank_account_id, number, date, amount, payer_name, payer_account, purpose)
      values ('matrix', ${account!.id}, '9001', '2026-11-21', '100.00', 'Матрица', '40702810000000000001', 'Аванс') returning id`;
    const [job] = await sql<{ id: number }[]>`
      insert into jobs (kind, key, payload, status, attempts, last_error) values ('recompute_interest', 'matrix', ${sql.json({ interestId: interest!.id })}, 'failed', 5, 'matrix')
      returning id`;
    const [user] = await sql<{ id: number }[]>`
      insert into users (email, name, role, password_hash) values ('matrix@torg.test', 'Матрица', 'manager', '-') returning id`;
    return {
      ivanova: ivanova!.id,
      partnerId: partner!.id,
      contactId: contact!.id,
      interestId: interest!.id,
      offerId: offer.id,
      orderId: order.id,
      interactionId: interaction!.id,
      taskId: task!.id,
      emailId: email!.id,
      attachmentId: attachment!.id,
      productId: product!.id,
      warehouseId: warehouse!.id,
      paymentId: payment!.id,
      jobId: job!.id,
      userId: user!.id,
      lossReasonId: reason!.id,
    };
  } finally {
    await close();
    await sql.end();
  }
}
