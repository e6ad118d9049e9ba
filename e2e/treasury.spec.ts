import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { pdfPages } from '@/lib/print/pdf-text';
import { database, listening, signIn } from './helpers';

/** The e2e server's database through the app's own commands, to set up what a test starts from. */
const appDatabase = () => connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 2 });

async function shoot(page: Page, name: string) {
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('a cash receipt (ПКО) moves an interest to «Отгрузка в процессе контроля» like a bank payment, and prints', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const sql = database();
  const { db, close } = appDatabase();
  const watcherContext = await browser.newContext();
  try {
    const [client] = await sql<{ id: number }[]>`select id from partners where name = 'Климат-Сервис'`;
    const [manager] = await sql<{ id: number }[]>`select id from users where email = 'ivanova@torg.demo'`;
    const [warehouse] = await sql<{ id: number }[]>`select id from warehouses where main`;
    const [product] = await sql<{ id: number }[]>`select id from products where sku = 'KOND-NO-09'`;
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id)
      values ('Е2Е Кондиционер за наличные', ${client!.id}, ${manager!.id}) returning id`;
    const order = await saveDocument(
      db,
      'customer_order',
      null,
      {
        date: new Date().toISOString(),
        partnerId: client!.id,
        warehouseId: warehouse!.id,
        interestId: interest!.id,
        lines: [{ productId: product!.id, quantity: '1', price: '6750', action: 'none' }],
      },
      { id: manager!.id, role: 'leader' },
      { post: true },
    );
    if (!order.ok) throw new Error(JSON.stringify(order));
    const cardUrl = `/crm/interests/${interest!.id}`;

    // The leader keeps the interest open: the state must arrive there live.
    const watcher = await watcherContext.newPage();
    await signIn(watcher, 'leader@torg.demo');
    await watcher.goto(cardUrl);
    await listening(watcher);
    const watchedState = watcher.locator('.page-header .interest-state');
    await expect(watchedState).toContainText('Ожидание оплаты');

    // The client pays cash at the desk: a ПКО made from the order takes what is left to pay.
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/orders/${order.id}`);
    await expect(async () => {
      const menu = page.locator('details.menu');
      if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
      await menu.getByRole('link', { name: 'Приходный кассовый ордер' }).click({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Приходный кассовый ордер (создание)');
    await expect(page.getByLabel(/^Касса/)).toHaveValue(/\d+/);
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const receiptId = Number(/\/documents\/cash-receipts\/(\d+)/.exec(page.url())![1]);
    await expect(watchedState).toContainText('Отгрузка в процессе контроля');
    await page.goto(`${cardUrl}?tab=feed`);
    await expect(page.locator('#interest-feed')).toContainText('Приходный кассовый ордер');
    await expect(page.locator('#interest-feed')).toContainText(/Поступила оплата 6\s750,00\s₽/);

    // In the database: the money is in the cash desk, the order paid, the interest moved.
    const [state] = await sql<{ state: string }[]>`select state from interests where id = ${interest!.id}`;
    expect(state!.state).toBe('shipment_control');
    const [desk] = await sql<{ name: string; amount: string }[]>`
      select d.name, b.amount from cash_balances b join cash_desks d on d.id = b.cash_desk_id
      join documents r on r.cash_desk_id = d.id where r.id = ${receiptId}`;
    expect(desk).toEqual({ name: 'Основная касса', amount: '6750.00' });
    const [allocation] = await sql<{ order_id: number; amount: string }[]>`
      select order_id, amount from payment_allocations where document_id = ${receiptId}`;
    expect(allocation).toEqual({ order_id: order.id, amount: '6750.00' });

    // The ПКО on paper (КО-1 with its receipt), and as a PDF.
    await page.goto(`/documents/cash-receipts/${receiptId}`);
    await page.getByRole('link', { name: 'Печатная форма' }).click();
    const sheet = page.locator('article');
    await expect(sheet).toContainText('ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР');
    await expect(sheet).toContainText('КВИТАНЦИЯ');
    await expect(sheet).toContainText('0310001');
    await expect(sheet).toContainText('Шесть тысяч семьсот пятьдесят рублей 00 копеек');
    await expect(sheet).toContainText('Основная касса');
    await shoot(page, 'pko');
    const pdf = await page.request.get(`/documents/cash-receipts/${receiptId}/print/pko?format=pdf`);
    expect(pdf.status()).toBe(200);
    const [text] = await pdfPages(Buffer.from(await pdf.body()));
    expect(text).toContain('ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР');
    expect(text).toContain('6 750,00');

    // A payout beyond what the desk holds is refused, and nothing is written.
    await page.goto('/documents/cash-payments/new');
    await page.getByLabel(/^Вид операции/).selectOption('supplier');
    await page.getByLabel(/^Получатель/).fill('Тепло');
    await page.getByRole('button', { name: /ТеплоХолод/ }).click();
    await page.getByLabel(/^Сумма/).fill('10000');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('alert').first()).toContainText('в кассе не хватает денег');
    await expect(page.locator('main')).toContainText(
      /В кассе «Основная касса» не хватает денег: нужно 10\s000,00\s₽, есть 6\s750,00\s₽/,
    );
    const [payments] = await sql<
      { n: number }[]
    >`select count(*)::int as n from documents where kind = 'cash_payment'`;
    expect(payments!.n).toBe(0);
  } finally {
    await watcherContext.close();
    await close();
    await sql.end();
  }
});

test('the payment calendar warns on the first day the projected balance goes negative; cash balances list the desk', async ({
  page,
}) => {
  const sql = database();
  const { db, close } = appDatabase();
  try {
    // We owe a supplier far more than we hold: the payment is expected at once.
    const [supplier] = await sql<
      { id: number }[]
    >`select id from partners where is_supplier order by id limit 1`;
    const [warehouse] = await sql<{ id: number }[]>`select id from warehouses where main`;
    const [product] = await sql<{ id: number }[]>`select id from products where sku = 'KOND-NO-09'`;
    const receipt = await saveDocument(
      db,
      'goods_receipt',
      null,
      {
        date: new Date().toISOString(),
        partnerId: supplier!.id,
        warehouseId: warehouse!.id,
        lines: [{ productId: product!.id, quantity: '100', price: '50000', vatRate: '22' }],
      },
      null,
      { post: true },
    );
    if (!receipt.ok) throw new Error(JSON.stringify(receipt));
    // A client's advance paid in cash: the desk holds it.
    const [client] = await sql<{ id: number }[]>`select id from partners where name = 'Климат-Сервис'`;
    const [desk] = await sql<{ id: number }[]>`select id from cash_desks where name = 'Основная касса'`;
    const advance = await saveDocument(
      db,
      'cash_receipt',
      null,
      { date: new Date().toISOString(), partnerId: client!.id, cashDeskId: desk!.id, amount: '1000' },
      null,
      { post: true },
    );
    if (!advance.ok) throw new Error(JSON.stringify(advance));
    const [money] = await sql<{ cash: string; owed: string }[]>`
      select (select coalesce(sum(amount), 0) from cash_balances)::text as cash,
        (select coalesce(sum(amount), 0) from supplier_settlement_balances where amount > 0)::text as owed`;
    expect(Number(money!.owed)).toBeGreaterThan(Number(money!.cash));

    await signIn(page, 'leader@torg.demo');
    await page.goto('/reports/payment-calendar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Платежный календарь');
    const today = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC' }).format(new Date());
    await expect(page.locator('.report-notice[role="alert"]')).toContainText(`Денег не хватит ${today}`);
    await expect(page.locator('.report-table tbody tr')).toHaveCount(30);
    await expect(page.locator('main')).toContainText('Долг поставщику');
    await shoot(page, 'payment-calendar');
    const xlsx = await page.request.get('/export/payment-calendar?format=xlsx');
    expect(xlsx.status()).toBe(200);

    await page.goto('/reports/cash-balances');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Остатки денежных средств');
    const row = page.locator('.report-table tbody tr', { hasText: 'Основная касса' });
    await expect(row).toContainText('Касса');
    const [held] = await sql<{ amount: string }[]>`
      select amount::text from cash_balances where cash_desk_id = ${desk!.id}`;
    await expect(row).toContainText(
      new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2 }).format(Number(held!.amount)),
    );
    await shoot(page, 'cash-balances');
  } finally {
    await close();
    await sql.end();
  }
});
