import { expect, test } from '@playwright/test';
import { database, signIn } from './helpers';

test('an unknown payer is matched by hand: a wrong order number is refused with the choice kept, then the payment posts against the order', async ({
  page,
}) => {
  const sql = database();
  try {
    await signIn(page, 'leader@torg.demo');
    // An order of ДомТехника to pay for.
    const [client] = await sql<{ id: number }[]>`select id from partners where name = 'ДомТехника'`;
    await page.goto('/documents/orders/new');
    await page.getByLabel(/^Клиент/).fill('ДомТех');
    await page.getByRole('button', { name: /ДомТехника/ }).click();
    await page.getByLabel(/^Склад/).selectOption({ label: 'Основной склад' });
    await page.getByLabel('Номенклатура, строка 1').fill('вентил');
    await page.getByRole('button', { name: /Вентилятор/ }).click();
    await page.getByLabel('Количество, строка 1').fill('1');
    // The retail price comes in from the price type.
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue('1\u00a0590,00');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const orderId = Number(/\/documents\/orders\/(\d+)/.exec(page.url())![1]);
    const [saved] = await sql<{ number: string; amount: string }[]>`
      select number, amount::text from documents where id = ${orderId} and partner_id = ${client!.id}`;
    const { number, amount } = saved!;
    await page.goto('/treasury/bank-statements');
    await page.getByLabel(/^Файл выписки/).setInputFiles({
      name: 'kl_to_1c.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        [
          '1CClientBankExchange',
          'СекцияДокумент=Платежное поручение',
          'Номер=901',
          'Дата=27.11.2026',
          `Сумма=${amount}`,
          'ПлательщикСчет=40702810000000000901',
          'Плательщик1=ИП Сидоров (за ДомТехнику)',
          'ПолучательСчет=40702810938000012345',
          'НазначениеПлатежа=Оплата',
          'КонецДокумента',
          'КонецФайла',
        ].join('\r\n'),
      ),
    });
    await page.getByRole('button', { name: 'Загрузить и провести' }).click();
    await expect(page.getByRole('status')).toContainText('не сопоставлено: 1');

    await page.reload();
    const row = page.locator('tr', { hasText: 'ИП Сидоров' });
    await row.getByRole('button', { name: 'Сопоставить и провести' }).click();
    await expect(page.locator('tr', { hasText: 'ИП Сидоров' })).toContainText('Выберите клиента');

    await page.locator('tr', { hasText: 'ИП Сидоров' }).getByPlaceholder('Клиент').fill('ДомТех');
    await page.getByRole('button', { name: /ДомТехника/ }).click();
    await page
      .locator('tr', { hasText: 'ИП Сидоров' })
      .getByPlaceholder('№ заказа (необязательно)')
      .fill('999999');
    await page
      .locator('tr', { hasText: 'ИП Сидоров' })
      .getByRole('button', { name: 'Сопоставить и провести' })
      .click();
    const refused = page.locator('tr', { hasText: 'ИП Сидоров' });
    await expect(refused).toContainText('Заказ с таким номером у этого клиента не найден.');
    // What was typed is still there.
    await expect(refused.getByPlaceholder('Клиент')).toHaveValue('ДомТехника');
    await expect(refused.getByPlaceholder('№ заказа (необязательно)')).toHaveValue('999999');

    await refused.getByPlaceholder('№ заказа (необязательно)').fill(String(Number(number)));
    await refused.getByRole('button', { name: 'Сопоставить и провести' }).click();
    await expect(page.locator('tr', { hasText: 'ИП Сидоров' })).toHaveCount(0);
    const [payment] = await sql`
      select b.status, b.partner_id, r.status as receipt, a.order_id, a.amount::text
      from bank_payments b join documents r on r.id = b.receipt_id
      join payment_allocations a on a.document_id = r.id where b.number = '901'`;
    expect(payment).toEqual({
      status: 'posted',
      partner_id: client!.id,
      receipt: 'posted',
      order_id: orderId,
      amount,
    });
  } finally {
    await sql.end();
  }
});

/** A statement file of these lines between the signature and the end, as the upload field takes it. */
const statementFile = (...lines: string[]) => ({
  name: 'kl_to_1c.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from(['1CClientBankExchange', ...lines, 'КонецФайла'].join('\r\n')),
});

test('a payment whose receipt is refused is left to match by hand with the reason, while the import finishes', async ({
  page,
}) => {
  const sql = database();
  try {
    await signIn(page, 'leader@torg.demo');
    // An order of ДомТехника not agreed yet: it takes no payment.
    await page.goto('/documents/orders/new');
    await page.getByLabel(/^Клиент/).fill('ДомТех');
    await page.getByRole('button', { name: /ДомТехника/ }).click();
    await page.getByLabel(/^Склад/).selectOption({ label: 'Основной склад' });
    await page.getByLabel(/^Статус заказа/).selectOption({ label: 'Не согласован' });
    await page.getByLabel('Номенклатура, строка 1').fill('вентил');
    await page.getByRole('button', { name: /Вентилятор/ }).click();
    await page.getByLabel('Количество, строка 1').fill('1');
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue('1\u00a0590,00');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const orderId = Number(/\/documents\/orders\/(\d+)/.exec(page.url())![1]);
    const [order] = await sql<{ number: string }[]>`select number from documents where id = ${orderId}`;

    await page.goto('/treasury/bank-statements');
    await page
      .getByLabel(/^Файл выписки/)
      .setInputFiles(
        statementFile(
          'СекцияДокумент=Платежное поручение',
          'Номер=902',
          'Дата=28.11.2026',
          'Сумма=1590.00',
          'ПлательщикСчет=40702810000000000902',
          'ПлательщикИНН=5003456785',
          'Плательщик1=ООО «ДомТехника»',
          'ПолучательСчет=40702810938000012345',
          `НазначениеПлатежа=Оплата по счёту № ${order!.number}`,
          'КонецДокумента',
        ),
      );
    await page.getByRole('button', { name: 'Загрузить и провести' }).click();
    await expect(page.getByRole('status')).toContainText('не проведено: 1');
    const reason = 'не проведено: Укажите проведённый заказ этого клиента.';
    await expect(page.locator('tr', { hasText: 'ООО «ДомТехника»' }).first()).toContainText(reason);

    await page.reload();
    const row = page.locator('tr', { hasText: 'ООО «ДомТехника»' });
    await expect(row).toContainText(reason);
    // The client and the order the import matched are there to change.
    await expect(row.getByPlaceholder('Клиент')).toHaveValue('ДомТехника');
    await expect(row.getByPlaceholder('№ заказа (необязательно)')).toHaveValue(order!.number);
    // Without the order it posts as an advance.
    await row.getByPlaceholder('№ заказа (необязательно)').fill('');
    await row.getByRole('button', { name: 'Сопоставить и провести' }).click();
    await expect(page.locator('tr', { hasText: 'ООО «ДомТехника»' })).toHaveCount(0);
    const [payment] = await sql`select status, refusal from bank_payments where number = '902'`;
    expect(payment).toEqual({ status: 'posted', refusal: null });
  } finally {
    await sql.end();
  }
});

test('a statement of an account the organization does not have names it, with a link to add it', async ({
  page,
}) => {
  await signIn(page, 'leader@torg.demo');
  await page.goto('/treasury/bank-statements');
  await page
    .getByLabel(/^Файл выписки/)
    .setInputFiles(
      statementFile(
        'РасчСчет=40702810000000009999',
        'СекцияДокумент=Платежное поручение',
        'Номер=903',
        'Дата=28.11.2026',
        'Сумма=100.00',
        'ПлательщикСчет=40702810000000000903',
        'ПолучательСчет=40702810000000009999',
        'КонецДокумента',
      ),
    );
  await page.getByRole('button', { name: 'Проверить' }).click();
  await expect(page.getByRole('status')).toContainText('Найдено поступлений: 0');
  const foreign = page.getByRole('alert').filter({ hasText: 'нет среди банковских счетов организации' });
  await expect(foreign).toContainText('40702810000000009999');
  await expect(foreign.getByRole('link', { name: 'добавить счёт' })).toHaveAttribute(
    'href',
    '/catalogs/bank-accounts/new?accountNumber=40702810000000009999',
  );
});

test('a file over 20 MB is refused at the file field before it is sent', async ({ page }) => {
  await signIn(page, 'leader@torg.demo');
  await page.goto('/treasury/bank-statements');
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await page.getByLabel(/^Файл выписки/).setInputFiles({
    name: 'huge.txt',
    mimeType: 'text/plain',
    buffer: Buffer.alloc(21 * 1024 * 1024, 'a'),
  });
  await expect(page.locator('.field-error')).toHaveText('Файл больше 20 МБ');
  await page.getByRole('button', { name: 'Проверить' }).click();
  await expect(page.getByRole('status')).toHaveCount(0);
  expect(posts).toEqual([]);
});
