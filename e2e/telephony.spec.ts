import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { testSecrets, zadarmaSignature } from '@/lib/telephony/testing';
import { BASE } from './endpoints';
import { database, listening, signIn } from './helpers';

type Sql = ReturnType<typeof database>;

/** The PBX secrets in Administration → «Телефония», as an admin would have saved them. */
async function configure(sql: Sql) {
  const values = {
    telephony_zadarma_secret: testSecrets.zadarma,
    telephony_mango_api_key: testSecrets.mangoKey,
    telephony_mango_api_salt: testSecrets.mangoSalt,
  };
  for (const [key, value] of Object.entries(values))
    await sql`insert into settings (key, value) values (${key}, ${sql.json(value)})
      on conflict (key) do update set value = excluded.value`;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function zadarma(fields: Record<string, string>) {
  return fetch(`${BASE}/api/telephony/zadarma`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', signature: zadarmaSignature(fields) },
    body: form(fields),
  });
}

function mango(kind: string, body: unknown) {
  const json = JSON.stringify(body);
  const sign = createHash('sha256')
    .update(testSecrets.mangoKey + json + testSecrets.mangoSalt)
    .digest('hex');
  return fetch(`${BASE}/api/telephony/mango/events/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ vpbx_api_key: testSecrets.mangoKey, sign, json }),
  });
}

test("a Zadarma call from Климат-Сервис pops on the manager's open workplace, survives a reload, and «Создать интерес» makes their interest", async ({
  page,
}) => {
  const sql = database();
  try {
    await configure(sql);
    const [klimat] = await sql`select id from partners where name = 'Климат-Сервис'`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/workplace');
    await listening(page);

    const callId = `e2e-${Date.now()}`;
    const start = {
      event: 'NOTIFY_START',
      call_start: '2026-03-02 10:15:00',
      pbx_call_id: callId,
      caller_id: '+79161234567',
      called_did: '74951234567',
    };
    const answer = await zadarma(start);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ caller_name: 'Алексей Кузнецов, Климат-Сервис' });
    // A replay changes nothing.
    expect((await zadarma(start)).status).toBe(200);

    // The job ran: the call is there (its pop is on her page, below).
    await expect
      .poll(async () => (await sql`select id from calls where provider_call_id = ${callId}`).length)
      .toBe(1);
    const [call] = await sql`select id from calls where provider_call_id = ${callId}`;
    const pop = page.locator(`.call-pop[data-call="${call!.id}"]`);
    await expect(pop).toBeVisible();
    await expect(pop).toContainText('Алексей Кузнецов');
    await expect(pop).toContainText('Долг клиента');
    await expect(pop.getByRole('link', { name: '+7 916 123 45 67' })).toHaveAttribute(
      'href',
      'tel:+79161234567',
    );

    // Read back on load: the pop is still there after a reload, on another page too.
    await page.goto('/crm/interests');
    await expect(pop).toBeVisible();

    await pop.getByRole('link', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(new RegExp(`/crm/interests/new\\?partner=${klimat!.id}&interaction=\\d+`));
    await page.locator('main').getByRole('button', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/\d+/);
    const interestId = Number(/\/crm\/interests\/(\d+)/.exec(page.url())![1]);

    const [saved] = await sql`
      select i.partner_id, i.responsible_id = u.id as mine, x.kind, x.interest_id, c.provider, c.phone,
        (select count(*)::int from telephony_events where call_id = ${callId}) as events
      from interests i join users u on u.email = 'ivanova@torg.demo'
      join interactions x on x.interest_id = i.id join calls c on c.interaction_id = x.id
      where i.id = ${interestId}`;
    expect(saved).toEqual({
      partner_id: klimat!.id,
      mine: true,
      kind: 'call',
      interest_id: interestId,
      provider: 'zadarma',
      phone: '+79161234567',
      events: 1,
    });

    // Dismissed, it is gone from every page of hers.
    await pop.getByRole('button', { name: 'Закрыть' }).click();
    await expect(pop).toHaveCount(0);
    await page.reload();
    await expect(page.locator('turbo-frame#call-pops')).toBeAttached();
    await expect(pop).toHaveCount(0);
    expect(
      (await sql`select dismissed_at is not null as gone from call_pops where call_id = ${call!.id}`)[0],
    ).toEqual({
      gone: true,
    });
  } finally {
    await sql.end();
  }
});

test("a Mango call with entry_result 0 leaves «Перезвонить клиенту» for the client's manager, and shows missed in the inbox", async ({
  page,
}) => {
  const sql = database();
  try {
    await configure(sql);
    const entry = `e2e-mango-${Date.now()}`;
    const parties = { from: { number: '79161234567' }, to: { number: '74951234567' } };
    expect(
      (
        await mango('call', {
          entry_id: entry,
          call_id: 'leg-1',
          timestamp: 1767340800,
          seq: 1,
          call_state: 'Appeared',
          location: 'ivr',
          ...parties,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await mango('summary', {
          entry_id: entry,
          call_direction: 1,
          entry_result: 0,
          create_time: 1767340800,
          talk_time: 0,
          end_time: 1767340830,
          ...parties,
        })
      ).status,
    ).toBe(200);

    await expect
      .poll(async () => (await sql`select result from calls where provider_call_id = ${entry}`)[0]?.result)
      .toBe('missed');
    const [task] = await sql`
      select t.title, u.email from calls c join tasks t on t.id = c.task_id join users u on u.id = t.responsible_id
      where c.provider_call_id = ${entry}`;
    expect(task).toEqual({ title: 'Перезвонить клиенту', email: 'ivanova@torg.demo' });

    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/workplace?tab=tasks');
    await expect(page.locator('turbo-frame#tasks')).toContainText('Перезвонить клиенту');
    await page.goto('/workplace');
    const missed = page.locator('turbo-frame#inbox tr', { hasText: 'Пропущен' }).first();
    await expect(missed).toContainText('Климат-Сервис');
    // Its pop says so too, until she closes it.
    const [call] = await sql`select id from calls where provider_call_id = ${entry}`;
    const pop = page.locator(`.call-pop[data-call="${call!.id}"]`);
    await expect(pop).toContainText('Пропущен');
    await pop.getByRole('button', { name: 'Закрыть' }).click();
    await expect(pop).toHaveCount(0);
  } finally {
    await sql.end();
  }
});
