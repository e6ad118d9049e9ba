import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { openFromMenu, signIn } from './helpers';

const MANUAL = 'Кондиционер с ручным управлением';
const NO_CONTROL = 'Кондиционер без управления';

/** Stock for the two walkthrough air conditioners: a posted goods receipt today, through the domain code. */
test.beforeAll(async () => {
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 2 });
  try {
    const ids = async (query: string) =>
      ((await db.execute(query as never)) as unknown as { id: number }[]).map((r) => r.id);
    const [warehouseId] = await ids(`select id from warehouses where name = 'Основной склад'`);
    const [partnerId] = await ids('select id from partners where is_supplier order by id limit 1');
    const products = await ids(
      `select id from products where name in ('${MANUAL}', '${NO_CONTROL}') order by id`,
    );
    const result = await saveDocument(
      db,
      'goods_receipt',
      null,
      {
        date: new Date().toISOString(),
        partnerId,
        warehouseId,
        lines: products.map((productId) => ({ productId, quantity: '5', price: '3400', vatRate: '22' })),
      },
      null,
      { post: true },
    );
    expect(result.ok).toBe(true);
  } finally {
    await close();
  }
});

test('a manager filters the price list to stock on hand, sees the retail prices and downloads the CSV', async ({
  page,
}) => {
  await signIn(page, 'ivanova@torg.demo');
  await openFromMenu(page, 'Прайс-лист');
  await page.getByLabel('В наличии').check();
  await page.getByRole('button', { name: 'Сформировать' }).click();
  await expect(page).toHaveURL(/stock=1/);

  const rows = page.locator('.report-table tbody tr');
  await expect(rows.filter({ hasText: MANUAL })).toContainText(/5\s100,00\s₽/);
  await expect(rows.filter({ hasText: NO_CONTROL })).toContainText(/6\s750,00\s₽/);
  // Services have no stock, so "in stock" leaves them out.
  await expect(rows.filter({ hasText: 'Монтаж кондиционера' })).toHaveCount(0);
  const shown = await rows.count();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFFГруппа;Артикул;Номенклатура;Ед. изм.;Оптовая;Розничная;Доступно\r\n')).toBe(
    true,
  );
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(shown + 1);
  expect(lines.find((l) => l.includes(MANUAL))).toMatch(/;4700,00;5100,00;\d+(,\d+)?$/);
  expect(lines.find((l) => l.includes(NO_CONTROL))).toMatch(/;6200,00;6750,00;\d+(,\d+)?$/);
  expect(csv).not.toContain('Монтаж кондиционера');

  await rows.filter({ hasText: MANUAL }).getByRole('link', { name: MANUAL }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Карточка товара: ${MANUAL}`);
  await expect(page.locator('section', { hasText: 'Остатки по складам' })).toContainText('Основной склад');
  await expect(
    page
      .locator('section', { hasText: 'Движения товара' })
      .getByRole('link', { name: /Приобретение товаров и услуг № \d+/ }),
  ).not.toHaveCount(0);
});

test('the stock reports render rows and the statement shows today’s receipt in the current month', async ({
  page,
}) => {
  await signIn(page, 'leader@torg.demo');
  await page.goto('/reports/stock-availability');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Остатки и доступность товаров');
  const availability = page.locator('.report-table tbody tr', { hasText: MANUAL });
  await expect(availability.first()).toContainText('Основной склад');
  await expect(page.locator('.report-table tfoot')).toContainText('Итого');

  await page.goto('/reports/warehouse-statement');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ведомость по товарам на складах');
  await expect(page.locator('.report-caption')).toContainText('Период:');
  const statement = page.locator('.report-table tbody tr', { hasText: NO_CONTROL }).first();
  await expect(statement).toBeVisible();
  // Receipt and closing are at least today's 5.
  const cells = statement.locator('td.num');
  expect(
    Number(((await cells.nth(1).textContent()) ?? '').replace(/\s/g, '').replace(',', '.')),
  ).toBeGreaterThanOrEqual(5);

  const response = await page.request.get('/export/warehouse-statement?format=xlsx');
  expect(response.headers()['content-type']).toContain('spreadsheetml');
  expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
});

test('downloads need a signed-in user', async ({ request }) => {
  const response = await request.get('/export/price-list?format=csv', { maxRedirects: 0 });
  expect([302, 303, 307, 401]).toContain(response.status());
});
