import { expect, type Page, test } from '@playwright/test';
import { database, signIn } from './helpers';

/** Numbers as Intl writes them in Russian: a no-break space groups the thousands. */
const ru = (text: string) => text.replace(/ /g, '\u00a0');

const chosen = (page: Page, label: RegExp) => page.getByLabel(label).locator('option:checked');

async function pickProduct(page: Page, line: number, search: string, name: RegExp) {
  await page.getByLabel(`Номенклатура, строка ${line}`).fill(search);
  await page.getByRole('button', { name }).click();
}

test('an offer from an interest without prices: the main warehouse and price type, prices that follow the price type unless typed, numbers in Russian', async ({
  page,
}) => {
  const sql = database();
  try {
    // Anna's interest with no price type and no prices, as a new user leaves it.
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, contact_id, responsible_id)
      select 'Кондиционеры без цен', p.id, c.id, u.id
      from partners p join contact_persons c on c.partner_id = p.id cross join users u
      where p.name = 'Климат-Сервис' and u.email = 'ivanova@torg.demo'
      limit 1
      returning id`;
    await sql`
      insert into interest_lines (interest_id, line_no, product_id, quantity, price, amount)
      select ${interest!.id}, n, id, q, 0, 0
      from (values ('KOND-NO-09', 1, 2), ('KOND-MAN-09', 2, 1)) v(sku, n, q) join products using (sku)`;
    const [main] = await sql<{ id: number }[]>`select id from warehouses where main`;
    const [retail] = await sql<{ id: number }[]>`select id from price_types where name = 'Розничная'`;

    await signIn(page, 'ivanova@torg.demo');
    // The interest's own lines form shows its numbers the Russian way too.
    await page.goto(`/crm/interests/${interest!.id}?tab=products`);
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue('2');
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue('0,00');

    await page.goto(`/documents/offers/new?interest=${interest!.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Коммерческое предложение клиенту (создание)',
    );
    // «Основной склад» is the main warehouse, «Розничная» the main sale price type (the seed's flags).
    await expect(chosen(page, /^Склад/)).toHaveText('Основной склад');
    await expect(chosen(page, /^Вид цены/)).toHaveText('Розничная');
    // Lines the interest had no price for start at the retail price.
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue(ru('6 750,00'));
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue(ru('5 100,00'));
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue('2');
    await expect(page.getByLabel('Сумма, строка 1')).toHaveText(ru('13 500,00'));

    // A price typed by hand, the Russian way, stays when the price type changes; the others follow it.
    await page.getByLabel('Цена, строка 2').fill('4 999,5');
    await page.getByLabel('Цена, строка 2').blur();
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue(ru('4 999,50'));
    await expect(page.getByLabel('Сумма, строка 2')).toHaveText(ru('4 999,50'));
    await page.getByLabel(/^Вид цены/).selectOption({ label: 'Оптовая' });
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue(ru('6 200,00'));
    await expect(page.getByLabel('Сумма, строка 1')).toHaveText(ru('12 400,00'));
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue(ru('4 999,50'));

    // A new line takes the wholesale price of its product, and of the next product when it changes.
    await page.getByRole('button', { name: 'Добавить строку' }).click();
    await pickProduct(page, 3, 'вентил', /Вентилятор/);
    await expect(page.getByLabel('Цена, строка 3')).toHaveValue(ru('1 290,00'));
    await pickProduct(page, 3, 'обогрев', /Обогреватель/);
    await expect(page.getByLabel('Цена, строка 3')).toHaveValue(ru('2 450,00'));
    // Back to retail (wholesale is below what a manager may sell at): the list's prices come back.
    await page.getByLabel(/^Вид цены/).selectOption({ label: 'Розничная' });
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue(ru('6 750,00'));
    await expect(page.getByLabel('Цена, строка 3')).toHaveValue(ru('2 990,00'));
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue(ru('4 999,50'));
    // Thousands with a space, a decimal comma.
    await page.getByLabel('Количество, строка 3').fill('1 000');
    await page.getByLabel('Ручная скидка, %').fill('2,5');
    await page.getByLabel('Ручная скидка, %').blur();
    await expect(page.getByLabel('Количество, строка 3')).toHaveValue(ru('1 000'));
    await expect(page.getByLabel('Ручная скидка, %')).toHaveValue('2,5');
    await expect(page.locator('.sales-lines tfoot')).toContainText(ru('Сумма без скидки3 008 499,50'));
    // The server's pricing has answered: the discount and the total are in.
    await expect(page.locator('.sales-lines tfoot')).toContainText(/Итого\d/);

    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/document-form-ru-${width}.png`, fullPage: true });
    }
    // On a phone the lines scroll sideways to the prices and amounts.
    const table = page.locator('.lines-table');
    await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await table.screenshot({ path: 'test-results/document-form-ru-375-lines.png' });
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
    const id = Number(/\/documents\/offers\/(\d+)/.exec(page.url())?.[1]);
    const [offer] = await sql<{ warehouseId: number; priceTypeId: number; discount: string }[]>`
      select warehouse_id as "warehouseId", price_type_id as "priceTypeId",
        manual_discount_percent::text as discount
      from documents where id = ${id}`;
    expect(offer).toEqual({ warehouseId: main!.id, priceTypeId: retail!.id, discount: '2.50' });
    const lines = await sql`
      select quantity::text, price::text from document_lines where document_id = ${id} order by line_no`;
    expect(lines.map((l) => [l.quantity, l.price])).toEqual([
      ['2.000', '6750.00'],
      ['1.000', '4999.50'],
      ['1000.000', '2990.00'],
    ]);
    // The saved document shows the same numbers the same way.
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue(ru('4 999,50'));
    await expect(page.getByLabel('Количество, строка 3')).toHaveValue(ru('1 000'));
    await expect(page.getByLabel('Ручная скидка, %')).toHaveValue('2,5');
  } finally {
    await sql.end();
  }
});

test('in English a goods receipt takes 6,750.00 and 1,500 as the English write them', async ({
  page,
  baseURL,
}) => {
  const sql = database();
  try {
    await signIn(page, 'ivanova@torg.demo');
    // The language of this browser only: the user's profile stays Russian for the other tests.
    await page.context().addCookies([{ name: 'torg-locale', value: 'en', url: baseURL! }]);
    await page.goto('/documents/goods-receipts/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Goods receipt (new)');
    await expect(chosen(page, /^Warehouse/)).toHaveText('Основной склад');
    await page.getByRole('textbox', { name: 'Supplier*' }).fill('теплохолод');
    await page.getByRole('button', { name: /ТеплоХолод Дистрибуция/ }).click();
    await page.getByLabel('Product, line 1').fill('вентил');
    await page.getByRole('button', { name: /Вентилятор/ }).click();
    await page.getByLabel('Quantity, line 1').fill('1,500');
    await page.getByLabel('Price, line 1').fill('6,750.00');
    await page.getByLabel('Price, line 1').blur();
    await expect(page.getByLabel('Amount, line 1')).toHaveText('10,125,000.00');
    await expect(page.getByLabel('Quantity, line 1')).toHaveValue('1,500');
    await expect(page.getByLabel('Price, line 1')).toHaveValue('6,750.00');

    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/document-form-en-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    const id = Number(/\/documents\/goods-receipts\/(\d+)/.exec(page.url())?.[1]);
    const [line] = await sql`
      select quantity::text, price::text from document_lines where document_id = ${id}`;
    expect([line!.quantity, line!.price]).toEqual(['1500.000', '6750.00']);
    await expect(page.getByLabel('Price, line 1')).toHaveValue('6,750.00');
  } finally {
    await sql.end();
  }
});

test('the leader makes another warehouse and price type the main ones in the catalogs: new documents start from them', async ({
  page,
}) => {
  const sql = database();
  const ids = async (table: 'warehouses' | 'price_types', name: string) =>
    (await sql<{ id: number }[]>`select id from ${sql(table)} where name = ${name}`)[0]!.id;
  const mains = async (table: 'warehouses' | 'price_types') =>
    (await sql<{ name: string }[]>`select name from ${sql(table)} where main`).map((r) => r.name);
  async function makeMain(path: string, label: string) {
    await page.goto(path);
    await page.getByLabel(label).check();
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
  }
  try {
    await signIn(page, 'leader@torg.demo');
    const podolsk = await ids('warehouses', 'Склад Подольск');
    const wholesale = await ids('price_types', 'Оптовая');
    await makeMain(`/catalogs/warehouses/${podolsk}`, 'Основной склад организации');
    await makeMain(`/catalogs/price-types/${wholesale}`, 'Основной тип цен продажи');
    // One main of each: the flag moved.
    expect(await mains('warehouses')).toEqual(['Склад Подольск']);
    expect(await mains('price_types')).toEqual(['Оптовая']);
    await page.goto('/catalogs/warehouses');
    await expect(page.getByRole('row', { name: /Склад Подольск/ })).toContainText('Да');

    await page.goto('/documents/orders/new');
    await expect(chosen(page, /^Склад/)).toHaveText('Склад Подольск');
    await expect(chosen(page, /^Вид цены/)).toHaveText('Оптовая');

    // A purchase price type cannot be the main sale one.
    await page.goto(`/catalogs/price-types/${await ids('price_types', 'Закупочная')}`);
    await page.getByLabel('Основной тип цен продажи').check();
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByText('Основным может быть только тип цен продажи.')).toBeVisible();
    expect(await mains('price_types')).toEqual(['Оптовая']);
  } finally {
    // The other tests expect the seed's main warehouse and price type.
    await sql`update warehouses set main = false where main`;
    await sql`update warehouses set main = true where name = 'Основной склад'`;
    await sql`update price_types set main = false where main`;
    await sql`update price_types set main = true where name = 'Розничная'`;
    await sql.end();
  }
});
