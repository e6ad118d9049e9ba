import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { connect } from '@/db/client';
import { withDatabase } from '@/db/testing-url';
import { checkLedger } from '@/lib/ledger/check';
import { listening, signIn } from './helpers';
import { E2E_PORT } from './port';
import { type AppProcess, healthy, startProcess, stopProcess } from './processes';

/** A 1CClientBankExchange statement paying `amount` from the payer for the order numbered `number`. */
function statement(payer: { inn: string; name: string }, amount: string, number: string): Buffer {
  const today = new Intl.DateTimeFormat('ru-RU').format(new Date());
  return Buffer.from(
    [
      '1CClientBankExchange',
      'ВерсияФормата=1.03',
      'Кодировка=Windows',
      `ДатаНачала=${today}`,
      `ДатаКонца=${today}`,
      'РасчСчет=40702810938000012345',
      'СекцияДокумент=Платежное поручение',
      'Номер=7001',
      `Дата=${today}`,
      `Сумма=${amount}`,
      'ПлательщикСчет=40702810301300012845',
      `ПлательщикИНН=${payer.inn}`,
      `Плательщик1=${payer.name}`,
      'ПолучательСчет=40702810938000012345',
      'ПолучательИНН=7730123456',
      'Получатель1=ООО «Торг»',
      `ДатаПоступило=${today}`,
      `НазначениеПлатежа=Оплата по счёту № ${number}`,
      'КонецДокумента',
      'КонецФайла',
    ].join('\r\n'),
  );
}

async function addLine(page: Page, line: number, search: string, name: string, quantity: string) {
  await page.getByRole('button', { name: 'Добавить строку' }).click();
  await page.getByLabel(`Номенклатура, строка ${line}`).fill(search);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByLabel(`Количество, строка ${line}`).fill(quantity);
}

test('two web processes and a worker on one database: a card open on A follows a payment posted through B, each job runs once', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // The e2e server's PostgreSQL (DATABASE_URL's, or its embedded one) holds the processes' database too.
  const serverUrl = readFileSync('.data/e2e/database-url', 'utf8');
  const name = `torg_e2e_${E2E_PORT}_processes`;
  const processes: AppProcess[] = [];
  const admin = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const env = {
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    HOSTNAME: '127.0.0.1',
    TORG_DEMO: 'on',
    TORG_WORKER: 'off',
    TORG_DATA_DIR: '.data/e2e/processes',
    TORG_METRICS_TOKEN: 'e2e-metrics-token',
  };
  const portA = E2E_PORT + 1;
  const portB = E2E_PORT + 2;
  const a = `http://127.0.0.1:${portA}`;
  const b = `http://127.0.0.1:${portB}`;
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const contextA = await browser.newContext({ baseURL: a });
  const contextB = await browser.newContext({ baseURL: b });
  try {
    // A first: it migrates and loads the demo data; B then finds them in place.
    processes.push(startProcess('serve', { ...env, PORT: String(portA) }));
    await healthy(a, processes[0]!);
    processes.push(startProcess('serve', { ...env, PORT: String(portB) }));
    processes.push(startProcess('worker', env));
    await healthy(b, processes[1]!);

    // A manager works on B: an interest with a line, an order from it, posted.
    const manager = await contextB.newPage();
    await signIn(manager, 'ivanova@torg.demo');
    const [client] = await sql<{ id: number; inn: string; full_name: string }[]>`
      select id, inn, full_name from partners where name = 'Климат-Сервис'`;
    await manager.goto(`/catalogs/partners/${client!.id}`);
    await manager.getByRole('link', { name: 'Создать интерес' }).click();
    await manager.getByLabel(/^Тема/).fill('Е2Е Два процесса');
    await manager.getByLabel(/^Вид цены/).selectOption({ label: 'Розничная' });
    await addLine(manager, 1, 'без управления', 'Кондиционер без управления', '1');
    await manager.getByRole('button', { name: 'Создать интерес' }).click();
    await expect(manager).toHaveURL(/\/crm\/interests\/\d+\?tab=products$/);
    const interestId = Number(/interests\/(\d+)/.exec(manager.url())![1]);

    // The leader keeps the card open on A.
    const leader = await contextA.newPage();
    await signIn(leader, 'leader@torg.demo');
    await leader.goto(`/crm/interests/${interestId}`);
    await listening(leader);
    let reloads = 0;
    leader.on('load', () => reloads++);
    const state = leader.locator('.page-header .interest-state');
    await expect(state).toContainText('Подбор товаров');

    await manager.goto(`/documents/orders/new?interest=${interestId}`);
    const warehouse = manager.getByLabel(/^Склад/);
    if (await warehouse.count()) await warehouse.selectOption({ label: 'Основной склад' });
    await manager.getByRole('button', { name: 'Провести' }).click();
    await expect(manager.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const orderId = Number(/\/documents\/orders\/(\d+)/.exec(manager.url())![1]);
    await expect(state).toContainText('Ожидание оплаты');

    // The payment arrives through B's bank statement page.
    const [order] = await sql<{ number: string; amount: string }[]>`
      select number, amount::text from documents where id = ${orderId}`;
    await manager.goto('/treasury/bank-statements');
    await manager.getByLabel(/^Файл выписки/).setInputFiles({
      name: 'kl_to_1c.txt',
      mimeType: 'text/plain',
      buffer: statement({ inn: client!.inn, name: client!.full_name }, order!.amount, order!.number),
    });
    await manager.getByRole('button', { name: 'Загрузить и провести' }).click();
    await expect(manager.getByRole('status')).toContainText('проведено: 1');
    await expect(state).toContainText('Отгрузка в процессе контроля');
    expect(reloads).toBe(0);

    // The worker process ran each recompute once: one state event per change, and the queue is empty.
    const due = async () =>
      (await sql`select count(*)::int as n from jobs where status = 'failed' or run_at <= now()`)[0]!.n;
    await expect.poll(due).toBe(0);
    const events = await sql`
      select to_value from interest_events where interest_id = ${interestId} and kind = 'state' order by id`;
    expect(events.map((e) => e.to_value)).toEqual(['consultation', 'awaiting_payment', 'shipment_control']);
    expect(processes[2]!.output()).toContain('job worker');

    // A is ready (the worker process's heartbeat counts) and counts what it serves.
    const ready = await fetch(`${a}/api/ready`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { ready: true, database: true, migrations: true, worker: true },
    ]);
    expect((await fetch(`${a}/api/metrics`)).status).toBe(401);
    const metrics = await (
      await fetch(`${a}/api/metrics`, { headers: { authorization: 'Bearer e2e-metrics-token' } })
    ).text();
    expect(metrics).toMatch(/torg_live_streams [1-9]/); // the leader's open card
    expect(metrics).toMatch(
      /torg_http_request_duration_seconds_count\{method="GET",route="\/crm\/interests\/:id",status="200"\} [1-9]/,
    );
    expect(metrics).toContain('torg_documents_posted{kind="customer_order"} 1');
    // Each request's log line names it and the signed-in user.
    const leaderId = (await sql`select id from users where email = 'leader@torg.demo'`)[0]!.id;
    const line = processes[0]!
      .output()
      .split('\n')
      .find((l) => l.includes(`"path":"/crm/interests/${interestId}"`));
    expect(JSON.parse(line!)).toMatchObject({
      msg: 'request',
      status: 200,
      userId: leaderId,
      requestId: expect.any(String),
    });
  } finally {
    await contextA.close();
    await contextB.close();
    for (const app of processes.reverse()) expect(await stopProcess(app), app.output()).toBe(0);
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

test('a web process stopped under load (SIGTERM) finishes what it took: every call webhook is stored once and its job runs, no posting is half-done', async () => {
  test.setTimeout(300_000);
  const serverUrl = readFileSync('.data/e2e/database-url', 'utf8');
  const name = `torg_e2e_${E2E_PORT}_shutdown`;
  const admin = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const token = 'e2e-shutdown-token';
  const env = {
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    HOSTNAME: '127.0.0.1',
    TORG_DEMO: 'on',
    TORG_TELEPHONY_TOKEN: token,
    TORG_DATA_DIR: '.data/e2e/processes',
  };
  const a = `http://127.0.0.1:${E2E_PORT + 1}`;
  const b = `http://127.0.0.1:${E2E_PORT + 2}`;
  const processes: AppProcess[] = [];
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    processes.push(startProcess('serve', { ...env, PORT: String(E2E_PORT + 1) }));
    await healthy(a, processes[0]!);
    processes.push(startProcess('serve', { ...env, PORT: String(E2E_PORT + 2) }));
    await healthy(b, processes[1]!);
    const [b1] = processes.slice(1);

    // A load balancer's view: send to B; once B refuses (or drops) a connection, to A. Webhooks are
    // idempotent, so a request B may or may not have stored is simply sent again.
    let target = b;
    const post = async (body: Record<string, string>) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const at = target;
        const answer = await fetch(`${at}/api/telephony/webhook/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).catch(() => null);
        if (answer?.status === 200) return at;
        target = a;
      }
      throw new Error(`call webhook not accepted: ${JSON.stringify(body)}`);
    };
    const calls = Array.from({ length: 120 }, (_, i) => `shutdown-${i}`);
    let finished = 0;
    let stopped: Promise<number | null> | undefined;
    const servedBy: string[] = [];
    const sender = async (queue: string[]) => {
      for (let callId = queue.shift(); callId; callId = queue.shift()) {
        const from = `+7916${String(1_000_000 + calls.indexOf(callId)).slice(1)}`;
        servedBy.push(await post({ event: 'newCall', callId, direction: 'in', from, to: '+74951234567' }));
        servedBy.push(
          await post({ event: 'hangup', callId, direction: 'in', from, to: '+74951234567', cause: 'cancel' }),
        );
        if (++finished === 30) stopped = stopProcess(b1!);
        // The last calls wait until B is gone, so A takes some however fast B drains the rest.
        if (finished >= 90) await stopped;
      }
    };
    const queue = [...calls];
    await Promise.all(Array.from({ length: 6 }, () => sender(queue)));
    expect(await stopped).toBe(0);
    expect(b1!.output()).toContain('"msg":"stopped"');
    // Both processes served some of the load.
    expect(servedBy.filter((s) => s === b).length).toBeGreaterThan(0);
    expect(servedBy.filter((s) => s === a).length).toBeGreaterThan(0);

    // Every call is stored once with both its events, and A's worker ran every job, B's included.
    await expect
      .poll(
        async () =>
          (await sql`select count(*)::int as n from calls where provider_call_id like 'shutdown-%'`)[0]!.n,
        { timeout: 60_000 },
      )
      .toBe(calls.length);
    const [events] = await sql`
      select count(*)::int as events, count(*) filter (where processed_at is null)::int as unprocessed
      from telephony_events where call_id like 'shutdown-%'`;
    expect(events).toEqual({ events: calls.length * 2, unprocessed: 0 });
    const [duplicates] = await sql`
      select count(*)::int as n from (select provider_call_id from calls group by 1 having count(*) > 1) d`;
    expect(duplicates!.n).toBe(0);
    await expect
      .poll(
        async () =>
          (await sql`select count(*)::int as n from jobs where status = 'failed' or run_at <= now()`)[0]!.n,
      )
      .toBe(0);
    const { db, close } = connect(url, { max: 1 });
    try {
      expect(await checkLedger(db)).toEqual([]);
    } finally {
      await close();
    }
  } finally {
    for (const app of processes.reverse()) await stopProcess(app);
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
