import { expect, type Page, test } from '@playwright/test';
import { database, openFromMenu, signIn } from './helpers';

const heater = { search: 'обогреватель', name: 'Обогреватель масляный', sku: 'OBOGR-01' };

/** The product card's main warehouse: on hand and expected («Ожидается»), as the page shows them. */
async function mainWarehouseCard(page: Page) {
  const section = page.locator('section', { hasText: 'Остатки по складам' });
  const headers = (await section.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const cells = (
    await section.locator('tr', { hasText: 'Основной склад' }).locator('td, th').allInnerTexts()
  ).map((c) => c.trim().replace(/\s/g, ''));
  return { onHand: cells[headers.indexOf('В наличии')], expected: cells[headers.indexOf('Ожидается')] };
}

test('a supplier order expects goods on the product card, its receipt turns them into stock, and the bank statement pays it', async ({
  page,
}) => {
  const sql = database();
  try {
    const [product] = await sql<{ id: number }[]>`select id from products where sku = ${heater.sku}`;
    const [supplier] = await sql<{ id: number }[]>`select id from partners where inn = '5029876544'`;
    const stockNow = async () => {
      const [row] = await sql<{ q: string }[]>`
        select coalesce(sum(b.quantity), 0)::text as q from stock_balances b join warehouses w on w.id = b.warehouse_id
        where w.name = 'Основной склад' and b.product_id = ${product!.id}`;
      return Number(row!.q);
    };
    const before = await stockNow();
    await signIn(page, 'leader@torg.demo');

    // «Закупки» → «Заказы поставщикам» → Создать.
    await openFromMenu(page, 'Заказы поставщикам');
    await page.getByRole('link', { name: 'Создать' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Заказ поставщику (создание)');
    await page.getByLabel(/^Поставщик/).fill('теплохолод');
    await page.getByRole('button', { name: /ТеплоХолод Дистрибуция/ }).click();
    await page.getByLabel(/^Склад/).selectOption({ label: 'Основной склад' });
    // The date is typed the Russian way, its dots added as the digits go; a date that does not exist is said.
    const arrival = page.getByLabel(/^Дата поступления/);
    await arrival.pressSequentially('31022026');
    await expect(arrival).toHaveValue('31.02.2026');
    await arrival.press('Tab');
    await expect(arrival).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Нет такой даты: введите ДД.ММ.ГГГГ.')).toBeVisible();
    await arrival.fill('20.12.2026');
    await expect(arrival).not.toHaveAttribute('aria-invalid');
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/date-input-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('Номенклатура, строка 1').fill(heater.search);
    await page.getByRole('button', { name: new RegExp(heater.name) }).click();
    await page.getByLabel('Количество, строка 1').fill('4');
    await page.getByLabel('Цена, строка 1').fill('1500');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page).toHaveURL(/\/documents\/supplier-orders\/\d+/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const orderId = Number(/\/documents\/supplier-orders\/(\d+)/.exec(page.url())![1]);
    const [order] = await sql<{ number: string; amount: string; status: string; expected: string }[]>`
      select number, amount::text, supplier_order_status as status, expected_date::text as expected
      from documents where id = ${orderId}`;
    expect(order).toEqual({
      number: expect.any(String),
      amount: '6000.00',
      status: 'to_receive',
      expected: '2026-12-20',
    });
    const expectedOf = async () =>
      (
        await sql<{ q: string }[]>`
          select coalesce(sum(quantity), 0)::text as q from expected_goods_balances where order_id = ${orderId}`
      )[0]!.q;
    expect(Number(await expectedOf())).toBe(4);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: 'test-results/purchases-supplier-order-1440.png', fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: 'test-results/purchases-supplier-order-375.png', fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });

    // The product card: «Ожидается» 4 at the main warehouse.
    await page.goto(`/products/${product!.id}`);
    expect(await mainWarehouseCard(page)).toEqual({ onHand: String(before), expected: '4' });

    // «Создать на основании» → the receipt takes what the order still expects.
    await page.goto(`/documents/supplier-orders/${orderId}`);
    await page.getByText('Создать на основании').click();
    await page.getByRole('main').getByRole('link', { name: 'Приобретение товаров и услуг' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Приобретение товаров и услуг (создание)',
    );
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue('4');
    await expect(page.getByLabel('Номенклатура, строка 1')).toHaveValue(`${heater.name} · ${heater.sku}`);
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page).toHaveURL(/\/documents\/goods-receipts\/\d+/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const receiptId = Number(/\/documents\/goods-receipts\/(\d+)/.exec(page.url())![1]);

    expect(Number(await expectedOf())).toBe(0);
    expect(await stockNow()).toBe(before + 4);
    const [closed] = await sql<{ status: string }[]>`
      select supplier_order_status as status from documents where id = ${orderId}`;
    expect(closed!.status).toBe('closed');
    const debt = async () =>
      (
        await sql<{ amount: string }[]>`
          select coalesce(sum(amount), 0)::text as amount from supplier_settlement_balances
          where partner_id = ${supplier!.id} and order_id = ${orderId}`
      )[0]!.amount;
    expect(Number(await debt())).toBe(6000);
    const [receipt] = await sql<
      { based: number }[]
    >`select based_on_id as based from documents where id = ${receiptId}`;
    expect(receipt!.based).toBe(orderId);

    // The card again: what was expected is on hand now.
    await page.goto(`/products/${product!.id}`);
    expect(await mainWarehouseCard(page)).toEqual({ onHand: String(before + 4), expected: '0' });

    // Our payment to ТеплоХолод in the bank statement: posted as a payment of that order.
    await page.goto('/treasury/bank-statements');
    await page.getByLabel(/^Файл выписки/).setInputFiles({
      name: 'kl_to_1c.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(
        [
          '1CClientBankExchange',
          'СекцияДокумент=Платежное поручение',
          'Номер=7001',
          'Дата=05.12.2026',
          'Сумма=6000.00',
          'ПлательщикСчет=40702810938000012345',
          'Плательщик1=ООО «Торг»',
          'ПолучательСчет=40702810800000004321',
          'ПолучательИНН=5029876544',
          'Получатель1=ООО «ТеплоХолод Дистрибуция»',
          `НазначениеПлатежа=Оплата по заказу № ${order!.number}, в т.ч. НДС`,
          'КонецДокумента',
          'КонецФайла',
        ].join('\r\n'),
      ),
    });
    await page.getByRole('button', { name: 'Загрузить и провести' }).click();
    await expect(page.getByRole('status')).toContainText('списаний: 1');
    await expect(page.getByRole('status')).toContainText('проведено: 1');
    const [payment] = await sql<
      { id: number; kind: string; status: string; paymentKind: string; amount: string }[]
    >`
      select d.id, d.kind, d.status, d.payment_kind as "paymentKind", d.amount::text
      from bank_payments b join documents d on d.id = b.receipt_id
      where b.number = '7001' and b.outgoing`;
    expect(payment).toMatchObject({
      kind: 'bank_payment',
      status: 'posted',
      paymentKind: 'supplier',
      amount: '6000.00',
    });
    expect(Number(await debt())).toBe(0);

    // The payment's page says what it is and whom it paid.
    await page.goto(`/documents/bank-payments/${payment!.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Списание безналичных ДС');
    await expect(page.getByLabel(/^Получатель/)).toHaveValue(/ТеплоХолод/);

    // «Ведомость расчетов с поставщиками» for the supplier: the order received and paid.
    await page.goto(`/reports/supplier-settlements?from=2026-01-01&to=2026-12-31&partner=${supplier!.id}`);
    await expect(page.locator('.report-table tr', { hasText: order!.number })).toContainText(/6\s000,00/);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: 'test-results/purchases-supplier-settlements-1440.png', fullPage: true });
    await page.goto('/purchases/what-to-order');
    await page.screenshot({ path: 'test-results/purchases-what-to-order-1440.png', fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: 'test-results/purchases-what-to-order-375.png', fullPage: true });
  } finally {
    await sql.end();
  }
});
