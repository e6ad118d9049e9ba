import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import Decimal from 'decimal.js';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { database, signIn } from './helpers';

const ok = <T extends { ok: boolean }>(result: T) => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as T & { ok: true; id: number };
};

/** "5 256,15" as the pages write it, with plain spaces (Playwright's text matching normalizes them). */
const rub = (amount: Decimal.Value) =>
  new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2 })
    .format(new Decimal(amount).toFixed(2) as unknown as number)
    .replace(/\s/g, ' ');

/**
 * The walkthrough's sale, built through the one document command for a client of its own: an interest,
 * its order of 2 conditioners at 6 750,00 less 5 % with the juicer as a gift (12 825,00), paid in full
 * and shipped by a manager.
 */
async function walkthroughSale() {
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  const sql = database();
  try {
    const [x] = await sql<
      {
        manager: number;
        conditioner: number;
        juicer: number;
        warehouse: number;
        retail: number;
        account: number;
      }[]
    >`select
      (select id from users where email = 'ivanova@torg.demo') as manager,
      (select id from products where sku = 'KOND-NO-09') as conditioner,
      (select id from products where sku = 'SOK-01') as juicer,
      (select id from warehouses where name = 'Основной склад') as warehouse,
      (select id from price_types where name = 'Розничная') as retail,
      (select id from bank_accounts order by id limit 1) as account`;
    const [partner] = await sql<{ id: number }[]>`
      insert into partners (name, inn, responsible_id) values ('Е2Е Возвраты', '7707083893', ${x!.manager}) returning id`;
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id, price_type_id)
      values ('Е2Е Кондиционеры с возвратом', ${partner!.id}, ${x!.manager}, ${x!.retail}) returning id`;
    const actor = { id: x!.manager, role: 'manager' as const };
    const now = new Date().toISOString();
    const order = ok(
      await saveDocument(
        db,
        'customer_order',
        null,
        {
          date: now,
          partnerId: partner!.id,
          interestId: interest!.id,
          priceTypeId: x!.retail,
          warehouseId: x!.warehouse,
          manualDiscountPercent: '5',
          lines: [
            { productId: x!.conditioner, quantity: '2', price: '6750', action: 'reserve' },
            { productId: x!.juicer, quantity: '1', gift: true, action: 'reserve' },
          ],
        },
        actor,
        { post: true },
      ),
    );
    ok(
      await saveDocument(
        db,
        'bank_receipt',
        null,
        {
          date: now,
          partnerId: partner!.id,
          bankAccountId: x!.account,
          amount: '12825',
          allocations: [{ orderId: order.id, amount: '12825' }],
        },
        actor,
        { post: true },
      ),
    );
    const sale = ok(
      await saveDocument(
        db,
        'sales',
        null,
        {
          date: now,
          partnerId: partner!.id,
          warehouseId: x!.warehouse,
          basedOnId: order.id,
          lines: [
            { productId: x!.conditioner, quantity: '2' },
            { productId: x!.juicer, quantity: '1' },
          ],
        },
        actor,
        { post: true },
      ),
    );
    return {
      partner: partner!.id,
      interest: interest!.id,
      order: order.id,
      sale: sale.id,
      conditioner: x!.conditioner,
    };
  } finally {
    await sql.end();
    await close();
  }
}

test('a client returns one conditioner of the walkthrough sale: gross profit and settlements follow', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const sql = database();
  try {
    const fixture = await walkthroughSale();
    // What the conditioners left with, at the moving average of the day.
    const [sold] = await sql<{ cost: string; number: string }[]>`
      select m.cost::text, d.number from sales_movements m join documents d on d.id = m.document_id
      where m.document_id = ${fixture.sale} and m.product_id = ${fixture.conditioner}`;
    const [saleCost] = await sql<{ cost: string }[]>`
      select sum(cost)::text as cost from sales_movements where document_id = ${fixture.sale}`;

    // The manager opens the sale and makes a return on its basis: one conditioner, no juicer.
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/sales/${fixture.sale}`);
    await page.locator('details.menu summary').click();
    await page.locator('details.menu').getByRole('link', { name: 'Возврат товаров от клиента' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Возврат товаров от клиента (создание)');
    await expect(page.locator('.document-chain')).toContainText(
      `Реализация товаров и услуг № ${sold!.number}`,
    );
    await expect(page.getByLabel('Номенклатура, строка 1')).toHaveValue(/Кондиционер без управления/);
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue('2');
    await page.getByRole('button', { name: 'Удалить строку 2' }).click();
    await page.getByLabel('Количество, строка 1').fill('3');
    // More than was sold: refused at the line, nothing saved.
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.locator('.field-error').first()).toContainText('Больше, чем осталось вернуть');
    await expect(page.locator('.field-error').first()).toContainText('2');
    await page.getByLabel('Количество, строка 1').fill('1');
    // One at the sale's price: 6 750,00 less 5 %.
    await expect(page.locator('.sales-lines tfoot')).toContainText('Итого6 412,50');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const returnId = Number(/\/documents\/client-returns\/(\d+)/.exec(page.url())![1]);

    // The database: the return at the sale's figures; revenue, VAT and cost back; we owe the client.
    // 6 412,50 with VAT 22 %: VAT 1 156,35, revenue 5 256,15; the walkthrough's 10 512,30 and 2 312,70 halve.
    const [returned] = await sql`
      select amount::text, vat_amount::text as vat, status::text, interest_id from documents where id = ${returnId}`;
    expect(returned).toEqual({
      amount: '6412.50',
      vat: '1156.35',
      status: 'posted',
      interest_id: fixture.interest,
    });
    const conditionerBack = new Decimal(sold!.cost).div(2).toDecimalPlaces(2);
    const [sales] = await sql`
      select sum(quantity)::text as quantity, sum(revenue)::text as revenue, sum(vat)::text as vat, sum(cost)::text as cost
      from sales_balances where partner_id = ${fixture.partner}`;
    const cost = new Decimal(saleCost!.cost).minus(conditionerBack);
    expect(sales).toEqual({ quantity: '2.000', revenue: '5256.15', vat: '1156.35', cost: cost.toFixed(2) });
    const [debt] = await sql`
      select amount::text from client_settlement_balances where partner_id = ${fixture.partner} and order_id = ${fixture.order}`;
    expect(debt).toEqual({ amount: '-6412.50' });
    expect(await sql`select count(*)::int as n from stock_movements where document_id = ${returnId}`).toEqual(
      [{ n: 1 }],
    );

    // «Валовая прибыль»: revenue 5 256,15 less what stays sold at cost.
    await page.goto('/reports/gross-profit?variant=partner');
    const profitRow = page.locator('.report-table tbody tr', { hasText: 'Е2Е Возвраты' });
    await expect(profitRow).toContainText('5 256,15');
    await expect(profitRow).toContainText(rub(cost));
    await expect(profitRow).toContainText(rub(new Decimal('5256.15').minus(cost)));

    // «Ведомость расчетов с клиентами»: 12 825,00 shipped, paid 12 825,00 and 6 412,50 returned: we owe 6 412,50.
    await page.goto('/reports/client-settlements');
    const partnerRow = page.locator('.report-table tbody tr', { hasText: 'Е2Е Возвраты' });
    await partnerRow.getByRole('link', { name: 'Е2Е Возвраты' }).click();
    await expect(page).toHaveURL(/partner=/);
    const [order] = await sql<{ number: string }[]>`select number from documents where id = ${fixture.order}`;
    const orderRow = page.locator('.report-table tbody tr', { hasText: order!.number });
    const money = (await orderRow.locator('td').allInnerTexts())
      .slice(1)
      .map((v) => v.replace(/\s+/g, ' ').trim());
    // Opening debt and advance, increase, decrease, closing debt and advance.
    expect(money).toEqual(['0,00 ₽', '0,00 ₽', '12 825,00 ₽', '19 237,50 ₽', '0,00 ₽', '6 412,50 ₽']);

    // The interest's feed shows the return beside the sale.
    await page.goto(`/crm/interests/${fixture.interest}?tab=feed`);
    await expect(page.locator('#interest-feed')).toContainText('Возврат товаров от клиента');
    await expect(page.locator('#interest-feed')).toContainText('Реализация товаров и услуг');

    // Its print form names the sale it returns.
    await page.goto(`/documents/client-returns/${returnId}/print`);
    await expect(page.locator('main, body').first()).toContainText('Накладная на возврат');
    await expect(page.locator('body')).toContainText(`Реализация товаров и услуг № ${sold!.number}`);

    // The client is refunded by bank on the basis of the return: the client, the amount and the
    // allocation to the return are filled in; posted, the order's settlements are back at zero.
    await page.goto(`/documents/client-returns/${returnId}`);
    await page.locator('details.menu summary').click();
    await page.locator('details.menu').getByRole('link', { name: 'Списание безналичных ДС' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Списание безналичных ДС (создание)');
    await expect(page.locator('select[name="allocations.0.orderId"]')).toHaveValue(String(returnId));
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    const refundId = Number(/\/documents\/bank-payments\/(\d+)/.exec(page.url())![1]);
    const [refund] = await sql`
      select d.amount::text, d.payment_kind::text as kind, d.partner_id, a.order_id, a.amount::text as allocated
      from documents d join payment_allocations a on a.document_id = d.id where d.id = ${refundId}`;
    expect(refund).toEqual({
      amount: '6412.50',
      kind: 'client_refund',
      partner_id: fixture.partner,
      order_id: returnId,
      allocated: '6412.50',
    });
    const [settled] = await sql`
      select amount::text from client_settlement_balances where partner_id = ${fixture.partner} and order_id = ${fixture.order}`;
    expect(settled).toEqual({ amount: '0.00' });

    for (const width of [1440, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/documents/client-returns/${returnId}`);
      await page.screenshot({ path: `test-results/returns-${width}.png`, fullPage: true });
    }
  } finally {
    await sql.end();
  }
});
