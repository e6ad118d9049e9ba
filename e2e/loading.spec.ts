import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { database, signIn } from './helpers';

/** A spreadsheet as Excel saves one. */
async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Лист1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A valid 10-digit INN nobody has: nine digits from the clock and their check digit. */
function freshInn(): string {
  const nine = `77${String(Date.now()).slice(-7)}`;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((s, w, i) => s + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}

async function upload(page: Page, kind: string, name: string, buffer: Buffer) {
  await page.goto('/admin/loading');
  await page.getByLabel('Что загружаем').selectOption({ label: kind });
  await page.getByLabel(/^Файл/).setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await page.getByRole('button', { name: 'Загрузить файл' }).click();
  await expect(page.getByRole('heading', { name: 'Сопоставление колонок' })).toBeVisible();
  return Number(/\/admin\/loading\/(\d+)/.exec(page.url())![1]);
}

test('an admin loads partners and products from XLSX: columns mapped, row errors shown, the valid rows loaded; an opening stock balance shows on the product card', async ({
  page,
}) => {
  const sql = database();
  const tag = String(Date.now()).slice(-6);
  const inn = freshInn();
  try {
    await signIn(page, 'admin@torg.demo');

    // Partners: one good row with a contact person, one with an INN that fails its checksum.
    const partners = await upload(
      page,
      'Партнёры и контактные лица',
      'partners.xlsx',
      await xlsx([
        ['Наименование', 'ИНН', 'Телефон', 'Контактное лицо', 'Телефон контакта', 'Заметка'],
        [`Загрузка ${tag}`, inn, '8 (495) 111-22-33', 'Ирина Волкова', '+7 916 222 33 44', 'из 1С'],
        [`Ошибка ${tag}`, '7707083890', '', '', '', ''],
      ]),
    );
    // The headers were recognised; the note column is the user's to map.
    await expect(page.getByLabel('ИНН', { exact: true })).toHaveValue('inn');
    await expect(page.getByLabel('Телефон контакта')).toHaveValue('contactPhones');
    await page.getByLabel('Заметка').selectOption({ label: 'Комментарий' });
    await page.getByRole('button', { name: 'Проверить' }).click();
    await expect(page.getByLabel('Заметка')).toHaveValue('comment');
    await expect(page.getByRole('status')).toContainText('Строк: 2, без ошибок: 1, с ошибками: 1.');
    await expect(page.locator('.load-errors tr', { hasText: 'ИНН не проходит проверку' })).toContainText('3');
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/loading-preview-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('Только строки без ошибок').check();
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await expect(page.locator('#load-progress')).toContainText('Загружено: 1, пропущено: 1.');
    const [partner] = await sql`
      select p.phone, p.comment, c.name as contact, c.phones from partners p
      join contact_persons c on c.partner_id = p.id where p.inn = ${inn}`;
    expect(partner).toEqual({
      phone: '+74951112233',
      comment: 'из 1С',
      contact: 'Ирина Волкова',
      phones: ['+79162223344'],
    });
    expect(await sql`select 1 from partners where name = ${`Ошибка ${tag}`}`).toHaveLength(0);
    const [load] = await sql`select status, loaded, skipped from data_loads where id = ${partners}`;
    expect(load).toEqual({ status: 'loaded', loaded: 1, skipped: 1 });
    await page.goto(`/catalogs/partners?q=${encodeURIComponent(`Загрузка ${tag}`)}`);
    await expect(page.getByRole('link', { name: `Загрузка ${tag}` })).toBeVisible();

    // Products: a new group (created on request) with a retail price, and a SKU the catalog has.
    const [taken] = await sql<{ sku: string }[]>`select sku from products order by id limit 1`;
    await upload(
      page,
      'Номенклатура, группы и цены',
      'products.xlsx',
      await xlsx([
        ['Артикул', 'Наименование', 'Группа', 'Розничная'],
        [`L-${tag}`, `Чайник ${tag}`, `Группа ${tag}`, 2490.5],
        [taken!.sku, 'Дубль', `Группа ${tag}`, 100],
      ]),
    );
    await expect(page.locator('.load-errors')).toContainText('Товар с таким артикулом уже есть.');
    await expect(page.getByText(`Этих групп нет в справочнике: Группа ${tag}.`)).toBeVisible();
    await page.getByLabel('Создать недостающие группы').check();
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await expect(page.locator('#load-progress')).toContainText('Загружено: 1, пропущено: 1.');
    const [product] = await sql`
      select p.id, g.name as group, pr.price::text, t.name as type from products p
      join product_groups g on g.id = p.group_id join prices pr on pr.product_id = p.id
      join price_types t on t.id = pr.price_type_id where p.sku = ${`L-${tag}`}`;
    expect(product).toMatchObject({ group: `Группа ${tag}`, price: '2490.50', type: 'Розничная' });
    await page.getByRole('link', { name: 'Открыть справочник номенклатуры' }).click();
    await page.goto(`/catalogs/products?q=${encodeURIComponent(`Чайник ${tag}`)}`);
    await expect(page.getByRole('link', { name: `Чайник ${tag}` })).toBeVisible();

    // An opening stock balance typed in its form, at cost, on the main warehouse.
    await page.goto('/documents/opening-stock/new');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ввод начальных остатков товаров');
    await page.getByLabel('Номенклатура, строка 1').fill(`Чайник ${tag}`);
    await page.getByRole('button', { name: new RegExp(`Чайник ${tag}`) }).click();
    await page.getByLabel('Количество, строка 1').fill('12');
    await page.getByLabel('Себестоимость, строка 1').fill('1500');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    await page.goto(`/products/${product!.id}`);
    await expect(page.locator('section', { hasText: 'Остатки по складам' })).toContainText('Основной склад');
    await expect(page.locator('section', { hasText: 'Остатки по складам' })).toContainText('12');
    const [stock] = await sql`
      select b.quantity::text, c.amount::text as cost from stock_balances b
      join warehouses w on w.id = b.warehouse_id and w.main
      join cost_balances c on c.product_id = b.product_id where b.product_id = ${product!.id}`;
    expect(stock).toEqual({ quantity: '12.000', cost: '18000.00' });
  } finally {
    await sql.end();
  }
});
