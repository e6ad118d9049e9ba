import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { pdfPages } from '@/lib/print/pdf-text';
import { database, signIn } from './helpers';
import { postedShipment } from './sales-fixtures';

const SHOTS = process.env.E2E_SCREENSHOTS;

async function fillCatalog(page: Page, slug: string, fields: Record<string, string>) {
  await page.goto(`/catalogs/${slug}/new`);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page.getByRole('status')).toHaveText('Записано.');
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const refreshing = (page: Page) => expect(page.locator('.live-refresh')).toHaveAttribute('data-live', 'open');

test('a delivery task from a sales document goes through its statuses, delivers its stop and prints its route sheet', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { orderId, salesId, number, address } = await postedShipment();
  const sql = database();
  try {
    // What a trip carries: the product card's weight and volume (a leader's catalog)…
    const [kond] = await sql<{ id: number }[]>`select id from products where sku = 'KOND-NO-09'`;
    const leaderPage = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await signIn(leaderPage, 'leader@torg.demo');
    await leaderPage.goto(`/catalogs/products/${kond!.id}`);
    await leaderPage.getByLabel('Вес единицы, кг').fill('35,5');
    await leaderPage.getByLabel('Объём единицы, м³').fill('0,25');
    await leaderPage.getByRole('button', { name: 'Записать' }).click();
    await expect(leaderPage.getByRole('status')).toHaveText('Записано.');
    await leaderPage.context().close();
    // …and the crew, from the Доставка block.
    await signIn(page, 'ivanova@torg.demo');
    await fillCatalog(page, 'drivers', { Наименование: 'Сидоров Иван', Телефон: '+7 916 111-22-33' });
    await fillCatalog(page, 'vehicles', {
      Наименование: 'ГАЗель Next',
      'Гос. номер': 'А123ВС77',
      'Грузоподъёмность, кг': '1500',
    });

    // The order's page, open beside: it follows the delivery live.
    const orderPage = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    await signIn(orderPage, 'ivanova@torg.demo');
    await orderPage.goto(`/documents/orders/${orderId}`);
    await refreshing(orderPage);

    await page.goto(`/documents/sales/${salesId}`);
    await page.getByRole('link', { name: 'Создать задание на доставку' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Новое задание на доставку');
    await expect(page.getByLabel('Адрес, 1', { exact: true })).toHaveValue(address);
    await expect(page.getByLabel('Контакт, 1', { exact: true })).toHaveValue(/Дмитрий Орлов/);
    await page.getByLabel('Водитель').selectOption({ label: 'Сидоров Иван' });
    await page.getByLabel('Транспортное средство').selectOption({ label: 'ГАЗель Next' });
    await page.getByLabel('с, 1', { exact: true }).fill('10:00');
    await page.getByLabel('до, 1', { exact: true }).fill('14:00');
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Задание на доставку №');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Формируется');
    // 2 × 35,5 kg; the fans have no weight yet, and the page says so.
    await expect(page.locator('.delivery-load tfoot')).toContainText('71');
    await expect(page.locator('.delivery-load')).toContainText('у 1 строк нет веса или объёма');
    const taskId = Number(page.url().match(/\/delivery\/(\d+)/)![1]);
    await shoot(page, 'delivery-forming');

    await page.getByRole('button', { name: 'К погрузке' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('К погрузке');
    await expect(orderPage.locator('.delivery-panel')).toContainText('К погрузке');
    await page.getByRole('button', { name: 'Отправить в путь' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('В пути');
    // Finishing with a stop unmarked is refused, and says why.
    await page.getByRole('button', { name: 'Завершить' }).click();
    await expect(page.locator('.form-error')).toContainText('Отметьте результат каждой точки');
    await page.getByLabel('Результат, 1').selectOption({ label: 'Доставлено' });
    await page.getByRole('button', { name: 'Отметить' }).click();
    await expect(page.locator('[data-stop="1"] .badge')).toHaveText('Доставлено');
    await expect(orderPage.locator('.delivery-panel')).toContainText('Доставлено');
    await shoot(page, 'delivery-en-route');
    await page.getByRole('button', { name: 'Завершить' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Выполнено');
    await expect(orderPage.locator('.delivery-panel')).toContainText('Выполнено');

    await page.getByRole('link', { name: 'Маршрутный лист' }).click();
    const sheet = page.locator('.pf-sheet');
    await expect(sheet).toContainText(/Маршрутный лист № \d{6}/);
    await expect(sheet).toContainText(address);
    await expect(sheet).toContainText(`Реализация № ${number}`);
    await expect(sheet).toContainText('ИП Орлов Д. С.');
    await expect(sheet).toContainText('10:00–14:00');
    await expect(sheet).toContainText('Сидоров Иван');
    await expect(sheet).toContainText('Итого точек: 1');
    await expect(sheet).toContainText('71');
    await expect(sheet).toContainText('Доставлено');
    await shoot(page, 'delivery-route-sheet');
    const pdf = await page.request.get(`/delivery/${taskId}/print/route?format=pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdfPages(await pdf.body())).join(' ')).toContain('Маршрутный лист');

    await page.getByRole('link', { name: 'Лист погрузки' }).click();
    await expect(sheet).toContainText('Лист погрузки');
    await expect(sheet).toContainText('KOND-NO-09');
    await expect(sheet).toContainText('VENT-01');
    const xlsx = await page.request.get(`/delivery/${taskId}/print/loading?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      row.eachCell((c) => {
        cells.push(String(c.value));
      });
    });
    expect(cells).toContain('KOND-NO-09');
    expect(cells).toContain('71');

    const [task] = await sql<{ status: string; driver: string; stops: number }[]>`
      select t.status, d.name as driver, count(s.*)::int as stops
      from delivery_tasks t join drivers d on d.id = t.driver_id join delivery_stops s on s.delivery_id = t.id
      where t.id = ${taskId} group by t.status, d.name`;
    expect(task).toEqual({ status: 'done', driver: 'Сидоров Иван', stops: 1 });
    const stops = await sql`
      select document_id as "documentId", address, window_from as "from", window_to as "to", result
      from delivery_stops where delivery_id = ${taskId}`;
    expect(stops).toEqual([
      { documentId: salesId, address, from: '10:00', to: '14:00', result: 'delivered' },
    ]);
    const [product] =
      await sql`select weight_kg::text as w, volume_m3::text as v from products where sku = 'KOND-NO-09'`;
    expect(product).toEqual({ w: '35.500', v: '0.2500' });
    await orderPage.context().close();
  } finally {
    await sql.end();
  }
});
