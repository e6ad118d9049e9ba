import { expect, type Page, test } from '@playwright/test';
import { database, listening, signIn } from './helpers';

/** The page's router refresh is following its topics (app/_components/LiveRefresh). */
const refreshing = (page: Page) => expect(page.locator('.live-refresh')).toHaveAttribute('data-live', 'open');

test('a partial shipment reaches the leader’s open order page and interest card without a reload', async ({
  page,
  browser,
}) => {
  const sql = database();
  const leaderContext = await browser.newContext();
  try {
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id)
      select 'Е2Е частичная отгрузка', p.id, u.id
      from partners p, users u where p.name = 'ДомТехника' and u.email = 'ivanova@torg.demo'
      returning id`;
    await sql`
      insert into interest_lines (interest_id, line_no, product_id, quantity, price, amount)
      select ${interest!.id}, 1, id, 2, 6750, 13500 from products where sku = 'KOND-NO-09'`;

    // Иванова makes the order from the interest and posts it.
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/orders/new?interest=${interest!.id}`);
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue('2');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('status')).toHaveText('Документ записан и проведён.');
    const orderUrl = page.url().replace(/\?.*$/, '');

    // The leader has the order and the interest's documents open.
    const leader = await leaderContext.newPage();
    await signIn(leader, 'leader@torg.demo');
    await leader.goto(orderUrl);
    await expect(leader.locator('.settlements')).toContainText(/Отгружено\s*0,00/);
    await refreshing(leader);
    const card = await leaderContext.newPage();
    await card.goto(`/crm/interests/${interest!.id}?tab=documents`);
    await expect(card.locator('#interest-documents')).toContainText('Заказ клиента');
    await listening(card);
    let reloads = 0;
    leader.on('load', () => reloads++);
    card.on('load', () => reloads++);

    // Иванова ships one of the two.
    await page.getByText('Создать на основании').click();
    await page.getByRole('link', { name: 'Реализация товаров и услуг' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Реализация товаров и услуг (создание)');
    await page.getByLabel('Количество, строка 1').fill('1');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('status')).toHaveText('Документ записан и проведён.');

    // ДомТехника's 3 % (Мелкий опт) is off each unit: 6 750,00 − 202,50.
    await expect(leader.locator('.settlements')).toContainText(/Отгружено\s*6\s547,50/);
    await expect(leader.locator('.settlements')).toContainText(/Долг клиента\s*6\s547,50/);
    await expect(card.locator('#interest-documents')).toContainText('Реализация товаров и услуг');
    expect(reloads).toBe(0);
    const shipped = await sql`
      select sum(l.amount)::text as amount from documents d join document_lines l on l.document_id = d.id
      where d.kind = 'sales' and d.status = 'posted' and d.interest_id = ${interest!.id}`;
    expect(shipped[0]!.amount).toBe('6547.50');
  } finally {
    await leaderContext.close();
    await sql.end();
  }
});
