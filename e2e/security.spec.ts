import { expect, test } from '@playwright/test';
import { BASE } from './endpoints';
import { changedTables, database, signIn, watchWrites } from './helpers';

test('pages carry a Content-Security-Policy with a nonce their scripts hold, and a day of work breaks none of it', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, 'ivanova@torg.demo');
  const response = await page.goto('/workplace');
  const csp = response!.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
  });
  // Next's inline scripts carry the request's nonce (the browser hides it from attributes once used).
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.nonce).length)).toBeGreaterThan(0);
  // Turbo frames, live updates and a form still work under the policy.
  await expect(page.locator('turbo-frame#inbox .inbox')).toBeVisible();
  await page.goto('/crm/interests');
  await page.goto('/documents/offers/new');
  await expect(page.getByLabel('Номенклатура, строка 1')).toBeVisible();
  expect(violations).toEqual([]);

  const api = await fetch(`${BASE}/api/health`);
  expect(api.headers.get('x-content-type-options')).toBe('nosniff');
});

test('a form posted to a workplace command from another site is refused and changes nothing', async ({
  page,
}) => {
  const sql = database();
  const writes = await watchWrites(sql);
  try {
    await signIn(page, 'ivanova@torg.demo');
    const [task] = await sql<{ id: number }[]>`
      insert into tasks (title, due_at, responsible_id)
      select 'Чужой сайт', now() + interval '1 day', id from users where email = 'ivanova@torg.demo' returning id`;
    const before = await writes.counts();
    const answer = await page.request.post('/workplace/commands', {
      headers: { origin: 'https://evil.example' },
      form: { intent: 'done', taskId: String(task!.id), back: '/workplace/frames/tasks' },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(403);
    expect(changedTables(before, await writes.counts())).toEqual([]);
    // From our own page it is done.
    const own = await page.request.post('/workplace/commands', {
      headers: { origin: BASE },
      form: { intent: 'done', taskId: String(task!.id), back: '/workplace/frames/tasks' },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(303);
    expect((await sql`select done_at from tasks where id = ${task!.id}`)[0]!.done_at).not.toBeNull();
    // The same watch sees the write the refused request did not make.
    expect(changedTables(before, await writes.counts())).toContain('tasks');
  } finally {
    await writes.stop();
    await sql.end();
  }
});

test('a 15 MB bank statement is read (the declared 20 MB holds), a 21 MB one is refused at the field', async ({
  page,
}) => {
  await signIn(page, 'leader@torg.demo');
  await page.goto('/treasury/bank-statements');
  // A statement padded with lines of a key we do not read: the format allows any, and ignores them.
  const padding = Array.from({ length: 8_000 }, (_, i) => `Примечание${i}=${'x'.repeat(1_950)}`);
  const statement = (lines: string[]) =>
    Buffer.from(
      [
        '1CClientBankExchange',
        'ВерсияФормата=1.03',
        ...lines,
        'РасчСчет=40702810938000012345',
        'КонецФайла',
      ].join('\r\n'),
    );
  const file = page.getByLabel(/^Файл выписки/);
  const big = statement(padding);
  expect(big.byteLength).toBeGreaterThan(15 * 1024 * 1024);
  await file.setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big });
  await page.getByRole('button', { name: 'Проверить' }).click();
  await expect(page.getByRole('status')).toContainText('Найдено поступлений: 0', { timeout: 30_000 });

  await file.setInputFiles({
    name: 'huge.txt',
    mimeType: 'text/plain',
    buffer: statement([...padding, ...padding.slice(0, 3_000)]),
  });
  await expect(page.getByText('Файл больше 20 МБ')).toBeVisible();
});

test('a file past 10 MB is refused at the attachments field before it is sent, and nothing is logged', async ({
  page,
}) => {
  const sql = database();
  try {
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id)
      select 'Большое вложение', p.id, u.id from partners p, users u
      where p.name = 'Климат-Сервис' and u.email = 'ivanova@torg.demo' returning id`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/crm/interests/${interest!.id}?tab=feed`);
    await page.getByLabel(/^Текст/).fill('С большим файлом');
    await page.getByLabel('Вложения').setInputFiles({
      name: 'big.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(11 * 1024 * 1024),
    });
    await expect(page.getByText('Файл больше 10 МБ: big.bin')).toBeVisible();
    await page.getByRole('button', { name: 'Записать в ленту' }).click();
    await expect(page.getByText('Файл больше 10 МБ: big.bin')).toBeVisible();
    expect(await sql`select id from interactions where interest_id = ${interest!.id}`).toEqual([]);
  } finally {
    await sql.end();
  }
});
