import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { database, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

/** Tab (the keyboard only) until the field with this label has the focus. */
async function tabTo(page: Page, label: string | RegExp) {
  const field = page.getByLabel(label);
  for (let i = 0; i < 60; i++) {
    if (await field.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${label}`);
}

/** Ctrl+K, pressed again until the page has hydrated and listens: the top bar's search has the focus. */
async function focusSearch(page: Page) {
  const search = page.getByRole('searchbox', { name: 'Поиск' });
  await expect(async () => {
    await page.keyboard.press('Control+K');
    await expect(search).toBeFocused({ timeout: 1000 });
  }).toPass();
}

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);

let offerId = 0;

/** Goods received at the main warehouse through the document command: the specs before may have sold the demo's. */
async function receive(sku: string, quantity: string) {
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  const sql = database();
  try {
    const [x] = await sql<{ product: number; warehouse: number; supplier: number }[]>`select
      (select id from products where sku = ${sku}) as product,
      (select id from warehouses where name = 'Основной склад') as warehouse,
      (select id from partners where is_supplier order by id limit 1) as supplier`;
    const received = await saveDocument(
      db,
      'goods_receipt',
      null,
      {
        date: new Date().toISOString(),
        partnerId: x!.supplier,
        warehouseId: x!.warehouse,
        lines: [{ productId: x!.product, quantity, price: '5000', vatRate: '22' }],
      },
      null,
      { post: true },
    );
    if (!received.ok) throw new Error(JSON.stringify(received));
  } finally {
    await close();
    await sql.end();
  }
}

test('the walkthrough’s offer from the keyboard alone: F4 and arrows pick, Ins adds lines, Del drops an empty one, Ctrl+S saves; Ctrl+Enter posts the order made from it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const sql = database();
  try {
    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/documents/offers/new');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('(создание)');
    // No mouse from here on. Ctrl+K lands in the top bar; Tab goes on into the form.
    await focusSearch(page);
    await tabTo(page, /^Клиент\*?$/);

    // The client: F4 opens the list, typing narrows it, ↓ moves, Enter takes the highlighted one.
    await page.keyboard.press('F4');
    await expect(page.locator('.lookup-options').first()).toBeVisible();
    await page.keyboard.type('клим');
    const options = page.locator('.lookup-options li');
    await expect(options).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await expect(options.first()).toHaveClass('active');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel(/^Клиент\*?$/)).toHaveValue(/^Климат-Сервис/);

    // Enter walks the header: the contact, the price type (the main one, retail), the warehouse, the discount.
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('field-contactId');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('field-priceTypeId');
    await expect(page.getByLabel(/^Вид цены/).locator('option:checked')).toHaveText('Розничная');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('field-warehouseId');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Ручная скидка, %')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');

    // Ins goes to the empty first line; Alt+↓ opens the products, Enter takes one, Enter moves to the quantity.
    await page.keyboard.press('Insert');
    await expect(page.getByLabel('Номенклатура, строка 1')).toBeFocused();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page.locator('.lookup-options').first()).toBeVisible();
    await page.keyboard.type('без управл');
    await expect(options).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Номенклатура, строка 1')).toHaveValue(/Кондиционер без управления/);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Количество, строка 1')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');

    // Alt+Insert (a laptop's Ins) adds the second line: the juicer, as a gift.
    await page.keyboard.press('Alt+Insert');
    await expect(page.getByLabel('Номенклатура, строка 2')).toBeFocused();
    await page.keyboard.type('соковыж');
    await expect(options).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Номенклатура, строка 2')).toHaveValue(/Соковыжималка/);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Количество, строка 2')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Цена, строка 2')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Подарок, строка 2')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Подарок, строка 2')).toBeChecked();

    // A third line added by mistake goes with Del while it is empty.
    await page.keyboard.press('Insert');
    await expect(page.getByLabel('Номенклатура, строка 3')).toBeFocused();
    await page.keyboard.press('Delete');
    await expect(page.getByLabel('Номенклатура, строка 3')).toHaveCount(0);
    await expect(page.locator('.sales-lines tfoot')).toContainText('Итого12 825,00');

    // Ctrl+S saves.
    await page.keyboard.press('Control+S');
    await expect(page.getByRole('status')).toHaveText('Записано.');
    await expect(page).toHaveURL(/\/documents\/offers\/\d+/);
    offerId = Number(/\/documents\/offers\/(\d+)/.exec(page.url())![1]);
    const [offer] = await sql`
      select d.status, d.manual_discount_percent as discount, d.amount, p.name as partner, t.name as price_type,
        (select json_agg(json_build_object('sku', g.sku, 'quantity', l.quantity, 'gift', l.gift) order by l.line_no)
          from document_lines l join products g on g.id = l.product_id where l.document_id = d.id) as lines
      from documents d join partners p on p.id = d.partner_id join price_types t on t.id = d.price_type_id
      where d.id = ${offerId} and d.kind = 'commercial_offer'`;
    expect(offer).toEqual({
      status: 'draft',
      discount: '5.00',
      amount: '12825.00',
      partner: 'Климат-Сервис',
      price_type: 'Розничная',
      lines: [
        { sku: 'KOND-NO-09', quantity: 2, gift: false },
        { sku: 'SOK-01', quantity: 1, gift: true },
      ],
    });

    // The customer order from it: Ctrl+Enter posts (and reserves: the conditioners are received first).
    await receive('KOND-NO-09', '2');
    await page.goto(`/documents/orders/new?basedOn=${offerId}`);
    await expect(page.getByLabel('Номенклатура, строка 2')).toHaveValue(/Соковыжималка/);
    // Before the page has hydrated, Ctrl+K did nothing and Tab walked the whole menu from the top.
    await focusSearch(page);
    await tabTo(page, 'Количество, строка 1');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const [order] = await sql`
      select status, amount from documents where kind = 'customer_order' and based_on_id = ${offerId}`;
    expect(order).toEqual({ status: 'posted', amount: '12825.00' });
  } finally {
    await sql.end();
  }
});

test('the top bar finds a partner by a phone as people say it and the offer by «КП N»; Enter opens it; «?» lists the keys', async ({
  page,
}) => {
  const sql = database();
  try {
    const [offer] = await sql<{ number: string }[]>`select number from documents where id = ${offerId}`;
    const [client] = await sql<{ id: number }[]>`select id from partners where name = 'Климат-Сервис'`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/workplace');
    const search = page.getByRole('searchbox', { name: 'Поиск' });
    const results = page.locator('.global-search-results');

    // Ctrl+K from anywhere; the contact person's mobile in the way it is dictated.
    await focusSearch(page);
    await expect(search).toBeFocused();
    await page.keyboard.type('8 916 123-45-67');
    await expect(results.getByRole('region', { name: 'Клиенты и поставщики' })).toContainText(
      'Климат-Сервис',
    );
    await expect(results.getByRole('region', { name: 'Контактные лица' })).toContainText('Алексей Кузнецов');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/catalogs/partners/${client!.id}`);

    // «КП 1»: the number without its zeros; ↓ then ↑ come back to the first hit, Enter opens it.
    await page.keyboard.press('Control+K');
    await page.keyboard.type(`КП ${Number(offer!.number)}`);
    const documents = results.getByRole('region', { name: 'Документы' });
    await expect(documents.getByRole('link')).toHaveCount(1);
    await expect(documents).toContainText(`КП ${offer!.number}`);
    await expect(documents).toContainText('Климат-Сервис');
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.screenshot({ path: `test-results/search-document-${width}.png` });
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(documents.getByRole('link')).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/documents/offers/${offerId}`);

    // A wider search: several groups at once, at both widths, and nothing wider than a phone's screen.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('кондиц');
    await expect(results.getByRole('region', { name: 'Товары' })).toContainText('Кондиционер без управления');
    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.screenshot({ path: `test-results/search-${width}.png` });
      const box = await results.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    }
    await page.keyboard.press('Escape');
    await expect(results).toHaveCount(0);

    // «?» outside an input opens the keys; Esc closes it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: 'Клавиши' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Ctrl+Enter');
    await expect(help).toContainText('Удалить пустую строку');
    await page.screenshot({ path: 'test-results/keys-help-375.png' });
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  } finally {
    await sql.end();
  }
});
