import { expect, type Page, test } from '@playwright/test';
import { database, openFromMenu, signIn } from './helpers';

const WAREHOUSE = 'Основной склад';

/** On-hand and available (on hand minus reserved) per SKU at the main warehouse; the demo may hold opening stock. */
async function stockAtMain(sql: ReturnType<typeof database>, skus: string[]) {
  const rows = await sql<{ sku: string; onHand: string; available: string }[]>`
    select p.sku,
      coalesce(b.quantity, 0)::text as "onHand",
      (coalesce(b.quantity, 0) - coalesce((select sum(r.quantity) from reservation_balances r
        where r.warehouse_id = w.id and r.product_id = p.id), 0))::text as available
    from products p
    cross join warehouses w
    left join stock_balances b on b.product_id = p.id and b.warehouse_id = w.id
    where w.name = ${WAREHOUSE} and p.sku in ${sql(skus)}`;
  return Object.fromEntries(
    rows.map((r) => [r.sku, { onHand: Number(r.onHand), available: Number(r.available) }]),
  );
}

async function fillLine(
  page: Page,
  line: number,
  product: { search: string; name: string },
  quantity: string,
) {
  await page.getByLabel(`Номенклатура, строка ${line}`).fill(product.search);
  await page.getByRole('button', { name: new RegExp(product.name) }).click();
  await page.getByLabel(`Количество, строка ${line}`).fill(quantity);
}

const fan = { search: 'вентилятор', name: 'Вентилятор напольный', sku: 'VENT-01' };
const heater = { search: 'обогреватель', name: 'Обогреватель масляный', sku: 'OBOGR-01' };

test('a manager posts a goods receipt: stock grows by the received quantities and the print form lists them', async ({
  page,
}) => {
  const sql = database();
  try {
    const before = await stockAtMain(sql, [fan.sku, heater.sku]);
    await signIn(page, 'ivanova@torg.demo');
    await openFromMenu(page, 'Приобретение товаров и услуг');
    await page.getByRole('link', { name: 'Создать' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Приобретение товаров и услуг (создание)',
    );

    await page.getByLabel(/^Поставщик/).fill('теплохолод');
    await page.getByRole('button', { name: /ТеплоХолод Дистрибуция/ }).click();
    await page.getByLabel(/^Склад/).selectOption({ label: WAREHOUSE });
    await page.getByLabel('Номер счёта-фактуры поставщика').fill('ТХ-1187');
    await fillLine(page, 1, fan, '3');
    await page.getByLabel('Цена, строка 1').fill('900');
    await expect(page.getByLabel('Сумма, строка 1')).toHaveText(/^2\s700,00$/);
    await page.getByRole('button', { name: 'Добавить строку' }).click();
    await fillLine(page, 2, heater, '2');
    await page.getByLabel('Цена, строка 2').fill('1500,50');
    await page.getByLabel('Ставка НДС, строка 2').selectOption({ label: '10%' });
    await page.getByRole('button', { name: 'Провести' }).click();

    await expect(page.getByRole('status')).toHaveText('Документ записан и проведён.');
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText('Приобретение товаров и услуг №');
    await expect(heading).toContainText('Проведён');
    const id = Number(/\/documents\/goods-receipts\/(\d+)/.exec(page.url())?.[1]);
    const [doc] = await sql`
      select d.status, d.number, d.amount, d.external_number, p.name as partner
      from documents d join partners p on p.id = d.partner_id where d.id = ${id}`;
    expect(doc).toEqual({
      status: 'posted',
      number: expect.any(String),
      amount: '5701.00',
      external_number: 'ТХ-1187',
      partner: 'ТеплоХолод Дистрибуция',
    });
    const after = await stockAtMain(sql, [fan.sku, heater.sku]);
    expect(after[fan.sku]!.onHand).toBe(before[fan.sku]!.onHand + 3);
    expect(after[heater.sku]!.onHand).toBe(before[heater.sku]!.onHand + 2);
    // The lines came back from the database as saved.
    await expect(page.getByLabel('Номенклатура, строка 2')).toHaveValue(`${heater.name} · ${heater.sku}`);
    await expect(page.getByLabel('Ставка НДС, строка 2')).toHaveValue('10');

    // The product card shows the new on-hand figure and the receipt in the movement history.
    const documentPage = page.url();
    const [product] = await sql`select id from products where sku = ${fan.sku}`;
    await page.goto(`/products/${product!.id}`);
    await expect(page.locator('tr', { hasText: WAREHOUSE }).first()).toContainText(
      String(after[fan.sku]!.onHand),
    );
    const movement = page.locator('tr', { hasText: `№ ${doc!.number}` });
    await expect(movement).toContainText('+3');
    await movement.getByRole('link').click();
    await expect(page).toHaveURL(documentPage.replace(/\?.*$/, ''));

    await page.getByRole('link', { name: 'Печатная форма' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`№ ${doc!.number} от`);
    const lines = page.locator('.print-lines tbody tr');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toContainText(fan.name);
    await expect(lines.nth(1)).toContainText(heater.name);
    await expect(page.locator('.print-parties')).toContainText('ТеплоХолод Дистрибуция, ИНН 5029876544');
    await expect(page.getByRole('button', { name: 'Печать' })).toBeVisible();
  } finally {
    await sql.end();
  }
});

test('a write-off of more than is available is refused, naming the product, warehouse, need and available', async ({
  page,
}) => {
  const sql = database();
  try {
    const countShortages = async () =>
      (
        await sql`select status, count(*)::int as n from documents where kind = 'stock_shortage' group by status`
      )
        .map((r) => `${r.status}:${r.n}`)
        .sort();
    const documentsBefore = await countShortages();
    const { available, onHand } = (await stockAtMain(sql, [fan.sku]))[fan.sku]!;
    const need = Math.max(available, 0) + 5;

    await signIn(page, 'petrov@torg.demo');
    await page.goto('/documents/stock-shortage');
    await page.getByRole('link', { name: 'Создать' }).click();
    await page.getByLabel(/^Склад/).selectOption({ label: WAREHOUSE });
    await fillLine(page, 1, fan, String(need));
    await page.getByRole('button', { name: 'Провести' }).click();

    const alert = page.locator('.document-form [role="alert"]');
    await expect(alert).toContainText('Документ не проведён: на складе не хватает товара.');
    await expect(alert).toContainText(
      `Не хватает ${need} × «${fan.name}» на складе «${WAREHOUSE}», доступно ${Math.max(available, 0)}.`,
    );
    // Nothing was written, and the form keeps what the user typed.
    expect(await countShortages()).toEqual(documentsBefore);
    expect(
      await sql`select id from documents where kind = 'stock_shortage' and status = 'posted'`,
    ).toHaveLength(0);
    expect((await stockAtMain(sql, [fan.sku]))[fan.sku]!.onHand).toBe(onHand);
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue(String(need));
    await expect(page.getByLabel('Номенклатура, строка 1')).toHaveValue(`${fan.name} · ${fan.sku}`);
  } finally {
    await sql.end();
  }
});
