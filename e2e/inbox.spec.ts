import { expect, test } from '@playwright/test';
import { startDovecot } from '@/lib/mail/dovecot';
import { type FakeBotApi, startFakeBotApi } from '@/lib/telegram/fake-bot-api';
import { testBot, testUpdate } from '@/lib/telegram/testing';
import { BASE } from './endpoints';
import { database, listening, signIn } from './helpers';
import { FAKE_BOT_API_PORT } from './port';

type Sql = ReturnType<typeof database>;

/** Климат-Сервис's interest of Анна Иванова, with the offer's letter sent under our Message-ID. */
async function interestWithOffer(sql: Sql, title: string) {
  const [klimat] = await sql`select id from partners where name = 'Климат-Сервис'`;
  const [ivanova] = await sql`select id from users where email = 'ivanova@torg.demo'`;
  const [interest] = await sql`
    insert into interests (title, partner_id, responsible_id, state)
    values (${title}, ${klimat!.id}, ${ivanova!.id}, 'offer_sent') returning id`;
  const [sent] = await sql`
    insert into interactions (kind, direction, interest_id, partner_id, subject, body, processed, author_id)
    values ('email', 'outgoing', ${interest!.id}, ${klimat!.id}, 'Коммерческое предложение', 'КП во вложении', true, ${ivanova!.id})
    returning id`;
  const messageId = `<e2e-offer-${Date.now()}@torg.demo>`;
  await sql`
    insert into outgoing_emails (interaction_id, template, from_address, "to", subject, body, html, status, message_id)
    values (${sent!.id}, 'offer', 'sales@torg.demo', ${['a.kuznetsov@klimat-service.ru']}, 'Коммерческое предложение',
      'КП во вложении', '<p>КП</p>', 'sent', ${messageId})`;
  return { interestId: interest!.id as number, klimatId: klimat!.id as number, messageId };
}

const postUpdate = (body: unknown, secret: string = testBot.secret) =>
  fetch(`${BASE}/api/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });

test('a Telegram message shows live in the open inbox; linked to Климат-Сервис, it is answered from the card through the Bot API', async ({
  page,
}) => {
  const sql = database();
  let fake: FakeBotApi | undefined;
  try {
    fake = await startFakeBotApi(FAKE_BOT_API_PORT);
    for (const [key, value] of [
      ['telegram_bot_token', testBot.token],
      ['telegram_webhook_secret', testBot.secret],
    ])
      await sql`insert into settings (key, value) values (${key!}, ${sql.json(value!)})
        on conflict (key) do update set value = excluded.value`;
    const { interestId, klimatId } = await interestWithOffer(sql, 'Е2Е Кондиционеры в офис');

    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/workplace');
    await listening(page);
    const inbox = page.locator('turbo-frame#inbox');
    await expect(inbox.locator('nav.inbox-channels')).toBeVisible();

    const chatId = 7_000_000_000 + (Date.now() % 1_000_000);
    const update = testUpdate(Date.now() % 2_000_000_000, {
      chatId,
      firstName: 'Алексей',
      username: 'kuznetsov_ak',
      text: 'Здравствуйте! Нужны кондиционеры в офис',
    });
    // A wrong secret stores nothing; the right one, twice, stores it once.
    expect((await postUpdate(update, 'wrong')).status).toBe(401);
    expect((await postUpdate(update)).status).toBe(200);
    expect((await postUpdate(update)).status).toBe(200);

    const row = inbox.locator('tr', { hasText: 'Нужны кондиционеры в офис' });
    await expect(row).toBeVisible();
    await expect(row).toContainText('@kuznetsov_ak');
    await expect(row).toContainText('Сообщение');
    await expect(page.locator('turbo-frame#inbox-count .badge')).toBeVisible();
    expect((await sql`select count(*)::int as n from telegram_updates where chat_id = ${chatId}`)[0]!.n).toBe(
      1,
    );

    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/inbox-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });

    // Linked to Климат-Сервис's interest: it leaves the inbox, and the chat is that client's from now on.
    await row
      .getByLabel('Связать с интересом')
      .selectOption({ label: 'Климат-Сервис · Е2Е Кондиционеры в офис' });
    await row.getByRole('button', { name: 'Связать' }).click();
    await expect(row).toHaveCount(0);
    const [linked] = await sql`
      select i.interest_id, i.partner_id, i.processed, c.partner_id as chat_partner
      from telegram_messages m join interactions i on i.id = m.interaction_id
      join telegram_chats c on c.bot_id = m.bot_id and c.chat_id = m.chat_id
      where m.chat_id = ${chatId}`;
    expect(linked).toEqual({
      interest_id: interestId,
      partner_id: klimatId,
      processed: true,
      chat_partner: klimatId,
    });

    // The reply from the interest card goes out with sendMessage and shows in the feed.
    await page.goto(`/crm/interests/${interestId}`);
    await listening(page);
    const feed = page.locator(`turbo-frame#interest-feed`);
    await expect(feed).toContainText('Нужны кондиционеры в офис');
    await page.getByLabel('Текст ответа').fill('Добрый день! Подберём, пришлю КП сегодня.');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(feed.locator('li', { hasText: 'Подберём, пришлю КП' })).toContainText(
      'доставлено в Telegram',
    );
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/inbox-card-${width}.png`, fullPage: true });
    }
    expect(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.params)).toContainEqual({
      chat_id: chatId,
      text: 'Добрый день! Подберём, пришлю КП сегодня.',
    });
  } finally {
    await sql`delete from settings where key in ('telegram_bot_token', 'telegram_webhook_secret')`;
    await fake?.close();
    await sql.end();
  }
});

test('a letter APPENDed to the mailbox as a reply to the offer’s email shows in that interest’s feed; another one is answered from the inbox', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const sql = database();
  const dovecot = await startDovecot();
  try {
    const { interestId, messageId } = await interestWithOffer(sql, 'Е2Е Сплит-системы на склад');

    // The admin sets up the mailbox in Administration → «Почта».
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await adminContext.newPage();
    await signIn(admin, 'admin@torg.demo');
    await admin.goto('/admin/mail');
    await admin.getByLabel('Сервер IMAP').fill(dovecot.host);
    await admin.getByLabel('Порт').fill(String(dovecot.port));
    await admin.getByLabel('TLS (IMAPS)').uncheck();
    await admin.getByLabel('Пользователь').fill(dovecot.user);
    await admin.getByLabel(/^Пароль/).fill(dovecot.password);
    await admin.getByLabel('Проверять каждые, с').fill('10');
    await admin.getByRole('button', { name: 'Записать', exact: true }).click();
    await expect(admin.getByRole('status')).toContainText('Записано');
    await admin.screenshot({ path: 'test-results/inbox-admin-mail-1440.png', fullPage: true });
    await admin.goto('/admin/messengers');
    await admin.screenshot({ path: 'test-results/inbox-admin-messengers-1440.png', fullPage: true });
    await adminContext.close();

    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/crm/interests/${interestId}`);
    await listening(page);
    const feed = page.locator('turbo-frame#interest-feed');
    await dovecot.append(
      [
        'From: Алексей Кузнецов <a.kuznetsov@klimat-service.ru>',
        'To: sales@torg.demo',
        `Subject: =?UTF-8?B?${Buffer.from('Re: Коммерческое предложение').toString('base64')}?=`,
        `Message-ID: <e2e-reply-${Date.now()}@klimat-service.ru>`,
        `In-Reply-To: ${messageId}`,
        `References: ${messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Согласны, выставляйте счёт.',
        '',
      ].join('\r\n'),
    );
    await expect(feed.locator('li', { hasText: 'Re: Коммерческое предложение' })).toContainText(
      'Согласны, выставляйте счёт.',
      { timeout: 30_000 },
    );
    const [letter] = await sql`
      select i.processed, i.partner_id is not null as has_partner from incoming_emails e
      join interactions i on i.id = e.interaction_id where i.interest_id = ${interestId}`;
    expect(letter).toEqual({ processed: true, has_partner: true });

    // A letter that answers nothing of ours waits in the inbox, from Климат-Сервис (by the contact's
    // address); «Ответить» sends a letter back that names it.
    await page.goto('/workplace');
    await listening(page);
    const questionId = `<e2e-question-${Date.now()}@klimat-service.ru>`;
    await dovecot.append(
      [
        'From: Алексей Кузнецов <a.kuznetsov@klimat-service.ru>',
        'To: sales@torg.demo',
        `Subject: =?UTF-8?B?${Buffer.from('Когда доставка?').toString('base64')}?=`,
        `Message-ID: ${questionId}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Подскажите срок доставки.',
        '--alt',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        '<p>Подскажите <b>срок доставки</b>.</p><script>document.title = "pwned"</script>',
        '--alt--',
        '',
      ].join('\r\n'),
    );
    const row = page.locator('turbo-frame#inbox tr', { hasText: 'Когда доставка?' });
    await expect(row).toContainText('Климат-Сервис', { timeout: 30_000 });
    // Its HTML in a sandboxed frame, the script gone.
    await row.locator('summary', { hasText: 'Письмо в HTML' }).click();
    await expect(row.frameLocator('iframe').locator('b')).toHaveText('срок доставки');
    expect(await row.locator('iframe').getAttribute('sandbox')).toBe(
      'allow-popups allow-popups-to-escape-sandbox',
    );
    const html = await page.request.get(`/api/letters/${await row.getAttribute('data-interaction')}`);
    expect(html.headers()['content-security-policy']).toContain('sandbox');
    expect(await html.text()).not.toContain('script');
    await row.locator('summary', { hasText: 'Ответить' }).click();
    await row.getByLabel('Текст ответа').fill('Доставим в четверг.');
    await row.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(row).toHaveCount(0);
    const [reply] = await sql`
      select "to", subject, headers from outgoing_emails where headers->>'In-Reply-To' = ${questionId}`;
    expect(reply).toEqual({
      to: ['a.kuznetsov@klimat-service.ru'],
      subject: 'Re: Когда доставка?',
      headers: { 'In-Reply-To': questionId, References: questionId },
    });
  } finally {
    // Off first, so no later poll finds the server gone and writes its error.
    await sql`delete from settings where key like 'imap_%'`;
    await dovecot.stop();
    await sql.end();
  }
});
