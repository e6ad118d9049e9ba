import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { pdfPages } from '@/lib/print/pdf-text';
import { database, listening, signIn } from './helpers';

async function addLine(page: Page, line: number, search: string, name: string, quantity: string) {
  await page.getByRole('button', { name: 'Добавить строку' }).click();
  await page.getByLabel(`Номенклатура, строка ${line}`).fill(search);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByLabel(`Количество, строка ${line}`).fill(quantity);
}

async function createBasedOn(page: Page, kind: string) {
  // The page may still be re-rendering after the last save: open the menu again if it was replaced.
  await expect(async () => {
    const menu = page.locator('details.menu');
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    await menu.getByRole('link', { name: kind }).click({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${kind} (создание)`);
}

/** A bank's 1CClientBankExchange export with one incoming payment (UTF-8, as some banks write it). */
function statement(payer: { inn: string; name: string }, amount: string, purpose: string): Buffer {
  const today = new Intl.DateTimeFormat('ru-RU').format(new Date());
  return Buffer.from(
    [
      '1CClientBankExchange',
      'ВерсияФормата=1.03',
      'Кодировка=Windows',
      'Отправитель=СберБизнес',
      `ДатаНачала=${today}`,
      `ДатаКонца=${today}`,
      'РасчСчет=40702810938000012345',
      'СекцияДокумент=Платежное поручение',
      'Номер=5123',
      `Дата=${today}`,
      `Сумма=${amount}`,
      'ПлательщикСчет=40702810301300012845',
      `ПлательщикИНН=${payer.inn}`,
      `Плательщик1=${payer.name}`,
      'ПолучательСчет=40702810938000012345',
      'ПолучательИНН=7730123456',
      'Получатель1=ООО «Торг»',
      `ДатаПоступило=${today}`,
      `НазначениеПлатежа=${purpose}`,
      'КонецДокумента',
      'КонецФайла',
    ].join('\r\n'),
  );
}

test('the walkthrough: interest → offer with a discount and a gift, emailed → order with invoice → bank payment → shipment → won, live on an open card', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const sql = database();
  const watcherContext = await browser.newContext();
  try {
    const [client] = await sql<{ id: number; inn: string; full_name: string }[]>`
      select id, inn, full_name from partners where name = 'Климат-Сервис'`;
    await signIn(page, 'ivanova@torg.demo');

    // A client calls: they need air conditioners. A new interest with products.
    await page.goto(`/catalogs/partners/${client!.id}`);
    await page.getByRole('link', { name: 'Создать интерес' }).click();
    await page.getByLabel(/^Тема/).fill('Е2Е Кондиционеры в переговорные');
    await page.getByLabel(/^Вид цены/).selectOption({ label: 'Розничная' });
    await addLine(page, 1, 'ручным', 'Кондиционер с ручным управлением', '2');
    await addLine(page, 2, 'без управления', 'Кондиционер без управления', '2');
    await page.getByRole('button', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/\d+\?tab=products$/);
    const interestId = Number(/interests\/(\d+)/.exec(page.url())![1]);
    const cardUrl = `/crm/interests/${interestId}`;

    // A colleague's screen (the leader's) keeps the card open: every state change must arrive there live.
    const watcher = await watcherContext.newPage();
    await signIn(watcher, 'leader@torg.demo');
    await watcher.goto(cardUrl);
    await listening(watcher);
    let reloads = 0;
    watcher.on('load', () => reloads++);
    const watchedState = watcher.locator('.page-header .interest-state');
    await expect(watchedState).toContainText('Подбор товаров');

    // Stock and availability on the product card; prices on the price list.
    const [noControl] = await sql<{ id: number }[]>`select id from products where sku = 'KOND-NO-09'`;
    await page.goto(`/products/${noControl!.id}`);
    await expect(page.locator('main')).toContainText('Основной склад');
    await page.goto('/price-list');
    const priceList = page.locator('main');
    await expect(priceList).toContainText('Кондиционер с ручным управлением');
    await expect(priceList).toContainText('5 100,00');
    await expect(priceList).toContainText('6 750,00');

    // The client chooses the one without control: the manual-control line goes.
    await page.goto(`${cardUrl}?tab=products`);
    await page.getByRole('button', { name: 'Удалить строку 1' }).click();
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByLabel('Номенклатура, строка 1')).toHaveValue(/Кондиционер без управления/);
    await expect(page.getByLabel('Номенклатура, строка 2')).toHaveCount(0);

    // A commercial offer with a 5 % discount and the juicer as a gift.
    await createBasedOn(page, 'Коммерческое предложение клиенту');
    await page.getByLabel(/^Склад/).selectOption({ label: 'Основной склад' });
    await page.getByLabel('Ручная скидка, %').fill('5');
    await addLine(page, 2, 'соковыж', 'Соковыжималка', '1');
    await page.getByLabel('Подарок, строка 2').check();
    await expect(page.locator('.sales-lines tfoot')).toContainText('Итого12 825,00');
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
    const offerId = Number(/\/documents\/offers\/(\d+)/.exec(page.url())![1]);

    // Sent by email as PDF: it goes to the outbox (no Resend key here), the interest turns "offer sent".
    await page.getByRole('link', { name: 'Отправить по эл. почте' }).click();
    await expect(page.getByLabel('Коммерческое предложение, PDF')).toBeChecked();
    await page.getByRole('button', { name: 'Отправить' }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/offers/${offerId}\\?`));
    await expect(watchedState).toContainText('КП отправлено');

    // The feed shows the letter with its PDF, and the offer.
    await page.goto(`${cardUrl}?tab=feed`);
    const feed = page.locator('#interest-feed');
    await expect(feed).toContainText('Коммерческое предложение №');
    await expect(feed.getByRole('link', { name: /\.pdf$/ })).toBeVisible();
    await expect(feed).toContainText('КП отправлено');
    await expect(feed).toContainText('Коммерческое предложение клиенту');
    await expect(feed).toContainText(/№ \d+ Отправлено клиенту/);

    // A customer order from the offer at the main warehouse, posted, and emailed with the invoice.
    await page.goto(`/documents/offers/${offerId}`);
    await createBasedOn(page, 'Заказ клиента');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const orderId = Number(/\/documents\/orders\/(\d+)/.exec(page.url())![1]);
    await expect(watchedState).toContainText('Ожидание оплаты');
    await page.getByRole('link', { name: 'Отправить по эл. почте' }).click();
    await expect(page.locator('#template')).toHaveValue('order_invoice');
    await expect(page.getByLabel('Счёт на оплату, PDF')).toBeChecked();
    await page.getByRole('button', { name: 'Отправить' }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/orders/${orderId}\\?`));

    // The bank's statement arrives with the payment against the invoice.
    const [order] = await sql<{ number: string; amount: string }[]>`
      select number, amount from documents where id = ${orderId}`;
    expect(order!.amount).toBe('12825.00');
    await page.goto('/treasury/bank-statements');
    await page.getByLabel(/^Файл выписки/).setInputFiles({
      name: 'kl_to_1c.txt',
      mimeType: 'text/plain',
      buffer: statement(
        { inn: client!.inn, name: client!.full_name },
        order!.amount,
        `Оплата по счёту № ${order!.number} за кондиционеры, в т.ч. НДС 22%`,
      ),
    });
    await page.getByRole('button', { name: 'Загрузить и провести' }).click();
    await expect(page.getByRole('status')).toContainText('проведено: 1');
    await expect(page.getByRole('link', { name: 'проведено' })).toBeVisible();
    await expect(watchedState).toContainText('Отгрузка в процессе контроля');
    // The feed shows the payment and the state it brought, with its cause.
    await page.goto(`${cardUrl}?tab=feed`);
    await expect(page.locator('#interest-feed')).toContainText('Поступление безналичных ДС');
    await expect(page.locator('#interest-feed')).toContainText(/Поступила оплата 12\s825,00\s₽/);

    // Shipped from the order: the sales document is posted, settlements reach zero, the interest is won.
    await page.goto(`/documents/orders/${orderId}`);
    await createBasedOn(page, 'Реализация товаров и услуг');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    await expect(watchedState).toContainText('Завершён успешно');
    await page.goto(`/documents/orders/${orderId}`);
    await expect(page.locator('.sales-panel')).toContainText('Закрыт');
    expect(reloads).toBe(0);

    const [settled] = await sql`
      select coalesce(sum(amount), 0)::text as debt from client_settlement_balances where order_id = ${orderId}`;
    expect(settled).toEqual({ debt: '0.00' });
    const [closed] = await sql`select order_status from documents where id = ${orderId}`;
    expect(closed).toEqual({ order_status: 'closed' });
    const history = await sql`
      select to_value from interest_events where interest_id = ${interestId} and kind = 'state' order by id`;
    expect(history.map((e) => e.to_value)).toEqual([
      'consultation',
      'offer_sent',
      'awaiting_payment',
      'shipment_control',
      'won',
    ]);
    await expect
      .poll(async () =>
        (
          await sql`select e.status from outgoing_emails e join interactions i on i.id = e.interaction_id
                    where i.interest_id = ${interestId} order by e.id`
        ).map((e) => e.status),
      )
      .toEqual(['outbox', 'outbox']);

    // The leader's half: the same sale in the reports, worked out by hand. The order is 2 × 6 750,00
    // less 5 % = 12 825,00 with VAT 22 %: VAT 12 825,00 × 22 / 122 = 2 312,70, revenue 10 512,30.
    // Cost at the moving average of the opening stock (5 490,00 with VAT = 4 500,00 a unit): 9 000,00,
    // and the juicer given away (1 464,00 with VAT = 1 200,00): 10 200,00. Gross profit 312,30.
    const leader = await watcherContext.newPage();
    await leader.goto('/reports/gross-profit?variant=partner');
    const row = leader.locator('.report-table tbody tr', { hasText: 'Климат-Сервис' });
    await expect(row).toContainText('10 512,30');
    await expect(row).toContainText('10 200,00');
    await expect(row).toContainText('312,30');
    await expect(row).toContainText('3,0 %'); // profitability 312,30 / 10 512,30
    await expect(row).toContainText('3,1 %'); // markup 312,30 / 10 200,00
    // Down to the products of the client.
    await row.getByRole('link', { name: 'Климат-Сервис' }).click();
    await expect(leader).toHaveURL(/variant=product/);
    const products = leader.locator('.report-table tbody');
    await expect(products.locator('tr', { hasText: 'Кондиционер без управления' })).toContainText('9 000,00');
    await expect(products.locator('tr', { hasText: 'Соковыжималка' })).toContainText('1 200,00');
    // The same figures in the files.
    const xlsx = await leader.request.get(
      (await leader.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href'))!,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getSheetValues()
      .flat()
      .filter((v) => typeof v === 'number');
    expect(cells).toEqual(expect.arrayContaining([10512.3, 10200, 312.3, 9000, 1200]));
    const pdf = await leader.request.get(
      (await leader.getByRole('link', { name: 'PDF' }).getAttribute('href'))!,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = (await pdfPages(Buffer.from(await pdf.body()))).join(' ');
    // The organization above the title, then the figures.
    expect(text).toMatch(/^Торг Валовая прибыль предприятия/);
    for (const figure of ['10 512,30', '10 200,00', '312,30']) expect(text).toContain(figure);
    // On paper: no filters, the organization and the time of printing on top.
    await leader.emulateMedia({ media: 'print' });
    await expect(leader.locator('.report-filters')).toBeHidden();
    await expect(leader.locator('.report-printed')).toBeVisible();
    await leader.emulateMedia({ media: 'screen' });

    // The client's settlements end at zero: paid 12 825,00 in advance, then shipped.
    await leader.goto('/reports/client-settlements');
    const settlements = leader.locator('.report-table tbody tr', { hasText: 'Климат-Сервис' });
    await expect(settlements).toContainText('12 825,00');
    await settlements.getByRole('link', { name: 'Климат-Сервис' }).click();
    await expect(leader).toHaveURL(/partner=/);
    const orderRow = leader.locator('.report-table tbody tr', { hasText: order!.number });
    await expect(orderRow).toBeVisible();
    const money = (await orderRow.locator('td').allInnerTexts())
      .slice(1)
      .map((v) => v.replace(/\s+/g, ' ').trim());
    // Opening debt and advance, increase, decrease, closing debt and advance.
    expect(money).toEqual(['0,00 ₽', '0,00 ₽', '12 825,00 ₽', '12 825,00 ₽', '0,00 ₽', '0,00 ₽']);
    await orderRow.getByRole('link').click();
    await expect(leader).toHaveURL(new RegExp(`/documents/orders/${orderId}$`));

    // Every other report of the walkthrough opens and downloads.
    for (const [path, title] of [
      ['/reports/manager-control', 'Контроль руководителя — интересы клиентов'],
      ['/reports/interest-sources', 'Анализ источников первичного интереса'],
      ['/reports/loss-reasons', 'Причины потери интересов'],
      ['/reports/plan-fulfilment', 'Выполнение плана продаж'],
      ['/reports/warehouse-statement', 'Ведомость по товарам на складах'],
      ['/reports/stock-availability', 'Остатки и доступность товаров'],
    ] as const) {
      await leader.goto(path);
      await expect(leader.getByRole('heading', { level: 1 })).toHaveText(title);
      for (const format of ['PDF', 'Excel (XLSX)']) {
        const file = await leader.request.get(
          (await leader.getByRole('link', { name: format }).getAttribute('href'))!,
        );
        expect(file.status()).toBe(200);
      }
    }
  } finally {
    await watcherContext.close();
    await sql.end();
  }
});
