import { expect, test } from '@playwright/test';
import { database, signIn } from './helpers';

/** The rough edges a new user hit in the walkthrough, each tried as they would. */

test('an interest is created from the kanban, its client chosen in the form; a client not found is created from the lookup with the typed name', async ({
  page,
}) => {
  const sql = database();
  try {
    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/crm/interests');
    await page.getByRole('link', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/new$/);

    // Nobody by that name: the lookup offers to create the client with the text typed.
    const partner = page.getByLabel(/^Партнёр/);
    await partner.fill('Е2Е Северный холод');
    const create = page.getByRole('link', { name: 'Создать клиента «Е2Е Северный холод»' });
    await expect(create).toBeVisible();
    const [tab] = await Promise.all([page.waitForEvent('popup'), create.click()]);
    await expect(tab.getByLabel(/^Наименование/).first()).toHaveValue('Е2Е Северный холод');
    await tab.getByRole('button', { name: 'Записать' }).click();
    await expect(tab.getByRole('status')).toHaveText('Записано.');
    const [made] = await sql`select id from partners where name = 'Е2Е Северный холод'`;
    expect(made).toBeDefined();
    await tab.close();

    // Back in the form the new client is found, and the interest is created for it.
    await page.getByLabel('Тема').fill('Е2Е Холодильная камера');
    await partner.fill('Северный хол');
    await page.getByRole('button', { name: /Е2Е Северный холод/ }).click();
    await page.getByRole('button', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/\d+\?tab=products$/);
    const [interest] = await sql`
      select partner_id as "partnerId" from interests where title = 'Е2Е Холодильная камера'`;
    expect(interest).toEqual({ partnerId: made!.id });
  } finally {
    await sql.end();
  }
});

test("an interest's line links to the product's card, opened beside the form", async ({ page }) => {
  const sql = database();
  try {
    const [manager] = await sql`select id from users where email = 'ivanova@torg.demo'`;
    const [partner] = await sql`select id from partners order by id limit 1`;
    const [product] = await sql<{ id: number; name: string }[]>`
      select id, name from products where kind = 'goods' order by id limit 1`;
    const [interest] = await sql`
      insert into interests (title, partner_id, responsible_id) values ('Е2Е Карточка из строки', ${partner!.id}, ${manager!.id})
      returning id`;
    await sql`
      insert into interest_lines (interest_id, line_no, product_id, quantity, price, amount)
      values (${interest!.id}, 1, ${product!.id}, 2, 100, 200)`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/crm/interests/${interest!.id}?tab=products`);
    const link = page.getByRole('link', { name: 'Карточка товара' });
    await expect(link).toHaveAttribute('href', `/products/${product!.id}`);
    const [tab] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await expect(tab.getByRole('heading', { level: 1 })).toContainText(product!.name);
  } finally {
    await sql.end();
  }
});

/** A one-payment statement to the demo organization's account. */
const statement = (number: string, payer: { name: string; inn: string; account: string }) =>
  Buffer.from(
    [
      '1CClientBankExchange',
      'СекцияДокумент=Платежное поручение',
      `Номер=${number}`,
      'Дата=01.12.2026',
      'Сумма=2500.00',
      `ПлательщикСчет=${payer.account}`,
      `Плательщик1=${payer.name}`,
      `ПлательщикИНН=${payer.inn}`,
      'ПолучательСчет=40702810938000012345',
      'НазначениеПлатежа=Аванс по договору',
      'КонецДокумента',
      'КонецФайла',
    ].join('\r\n'),
  );

test('a checked statement imports without picking the file again; its unknown payer becomes a client with the payment posted', async ({
  page,
}) => {
  const sql = database();
  try {
    const payer = {
      name: 'ИНН 770708300020 ИП Новиков О. П.',
      inn: '770708300020',
      account: '40802810000000000555',
    };
    const started = new Date();
    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/treasury/bank-statements');
    await page.getByLabel(/^Файл выписки/).setInputFiles({
      name: 'kl_to_1c.txt',
      mimeType: 'text/plain',
      buffer: statement('7701', payer),
    });
    await page.getByRole('button', { name: 'Проверить' }).click();
    await expect(page.getByRole('status')).toContainText('Найдено поступлений: 1');
    await expect(page.getByText('Проверен файл «kl_to_1c.txt»')).toBeVisible();
    // Other specs leave the files they only checked: this test's is the one made since it began.
    const [kept] = await sql`select count(*)::int as n from statement_uploads where created_at >= ${started}`;
    expect(kept!.n).toBe(1);

    // No second pick of the file.
    await page.getByRole('button', { name: 'Загрузить и провести' }).click();
    // The check's summary reads the same as the load's: the kept file's notice going is what says done.
    await expect(page.getByText('Проверен файл «kl_to_1c.txt»')).toBeHidden();
    await expect(page.getByRole('status')).toContainText('не сопоставлено: 1');
    await expect
      .poll(async () => (await sql`select count(*)::int as n from bank_payments where number = '7701'`)[0]!.n)
      .toBe(1);
    const [left] = await sql`select count(*)::int as n from statement_uploads where created_at >= ${started}`;
    expect(left!.n).toBe(0);

    await page.reload();
    const row = page.locator('tr', { hasText: 'ИП Новиков' });
    await row.getByRole('button', { name: 'Создать клиента из платежа' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Клиент «ИП Новиков О. П.» создан из платежа, платёж проведён.',
    );
    await expect(page.locator('tr', { hasText: 'ИП Новиков' })).toHaveCount(0);
    const [client] = await sql`select id, name from partners where inn = ${payer.inn}`;
    expect(client).toMatchObject({ name: 'ИП Новиков О. П.' });
    const [payment] = await sql`
      select p.status, d.partner_id as "partnerId", d.status as "receipt"
      from bank_payments p join documents d on d.id = p.receipt_id where p.number = '7701'`;
    expect(payment).toEqual({ status: 'posted', partnerId: client!.id, receipt: 'posted' });
  } finally {
    await sql.end();
  }
});

test("the print page's links are one toolbar, back to the document and print", async ({ page }) => {
  const sql = database();
  try {
    const [receipt] = await sql`
      select id, number from documents where kind = 'goods_receipt' and status = 'posted' order by id limit 1`;
    await signIn(page, 'leader@torg.demo');
    await page.goto(`/documents/goods-receipts/${receipt!.id}/print`);
    const toolbar = page.getByRole('navigation', { name: 'Печатная форма: вид, файлы, печать' });
    await expect(toolbar.getByRole('link', { name: `← ${receipt!.number}` })).toBeVisible();
    await expect(toolbar.getByRole('button', { name: 'Печать' })).toBeVisible();
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/rough-print-toolbar-${width}.png` });
    }
    await toolbar.getByRole('link', { name: `← ${receipt!.number}` }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/goods-receipts/${receipt!.id}$`));
  } finally {
    await sql.end();
  }
});
