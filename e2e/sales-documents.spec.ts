import { expect, type Page, test } from '@playwright/test';
import { database, signIn } from './helpers';

const WAREHOUSE = 'Основной склад';

/** A client interest of Анна Иванова's for Климат-Сервис: two air conditioners without control, at retail. */
async function interestWithLines(sql: ReturnType<typeof database>, title: string) {
  const [interest] = await sql<{ id: number }[]>`
    insert into interests (title, partner_id, contact_id, responsible_id, price_type_id)
    select ${title}, p.id, c.id, u.id, pt.id
    from partners p
    join contact_persons c on c.partner_id = p.id
    cross join users u cross join price_types pt
    where p.name = 'Климат-Сервис' and u.email = 'ivanova@torg.demo' and pt.name = 'Розничная'
    returning id`;
  await sql`
    insert into interest_lines (interest_id, line_no, product_id, quantity, price, amount)
    select ${interest!.id}, 1, id, 2, 6750, 13500 from products where sku = 'KOND-NO-09'`;
  return interest!.id;
}

async function createBasedOn(page: Page, kind: string) {
  await page.getByText('Создать на основании').click();
  await page.getByRole('link', { name: kind }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${kind} (создание)`);
}

const totals = (page: Page) => page.locator('.sales-lines tfoot');

test('from an interest: an offer with a 5% discount and a gift juicer, then an order from it, posted with reservations', async ({
  page,
}) => {
  const sql = database();
  try {
    const interestId = await interestWithLines(sql, 'Кондиционеры в переговорные');
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/crm/interests/${interestId}`);
    await createBasedOn(page, 'Коммерческое предложение клиенту');
    await expect(page.getByLabel(/^Клиент/)).toHaveValue('Климат-Сервис');
    await expect(page.getByLabel('Контактное лицо')).toHaveValue(/\d+/);
    await expect(page.getByLabel('Номенклатура, строка 1')).toHaveValue(
      'Кондиционер без управления · KOND-NO-09',
    );

    await page.getByLabel(/^Склад/).selectOption({ label: WAREHOUSE });
    await page.getByLabel('Ручная скидка, %').fill('5');
    await page.getByRole('button', { name: 'Добавить строку' }).click();
    await page.getByLabel('Номенклатура, строка 2').fill('соковыж');
    await page.getByRole('button', { name: /Соковыжималка/ }).click();
    await page.getByLabel('Количество, строка 2').fill('1');
    // The retail price comes in once the product is picked; the gift mark sets it aside.
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue('1\u00a0990,00');
    await page.getByLabel('Подарок, строка 2').check();
    await expect(page.getByLabel('Доступно, строка 2')).toHaveText(/^\d+$/);
    // The server prices the form as the user types: the same numbers saving gives.
    await expect(totals(page)).toContainText('Итого12 825,00');

    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Коммерческое предложение клиенту №');
    const offerId = Number(/\/documents\/offers\/(\d+)/.exec(page.url())?.[1]);
    await expect(page.getByLabel('Скидка, %, строка 1')).toHaveText('5');
    await expect(page.getByLabel('Сумма, строка 1')).toHaveText('12 825,00');
    await expect(page.getByLabel('Сумма, строка 2')).toHaveText('0,00');
    await expect(totals(page)).toContainText('Сумма без скидки13 500,00');
    await expect(totals(page)).toContainText('Скидка675,00');
    await expect(totals(page)).toContainText('Итого12 825,00');
    await expect(totals(page)).toContainText('В т. ч. НДС2 312,70');
    const [offer] = await sql`
      select status, offer_status, amount, discount_amount, vat_amount, manual_discount_percent, interest_id
      from documents where id = ${offerId} and kind = 'commercial_offer'`;
    expect(offer).toEqual({
      status: 'draft',
      offer_status: 'draft',
      amount: '12825.00',
      discount_amount: '675.00',
      vat_amount: '2312.70',
      manual_discount_percent: '5.00',
      interest_id: interestId,
    });
    expect(
      await sql`
        select p.sku, l.quantity, l.price, l.discount_percent, l.amount, l.gift
        from document_lines l join products p on p.id = l.product_id
        where l.document_id = ${offerId} order by l.line_no`,
    ).toEqual([
      {
        sku: 'KOND-NO-09',
        quantity: '2.000',
        price: '6750.00',
        discount_percent: '5.00',
        amount: '12825.00',
        gift: false,
      },
      {
        sku: 'SOK-01',
        quantity: '1.000',
        price: '0.00',
        discount_percent: '0.00',
        amount: '0.00',
        gift: true,
      },
    ]);
    // Offers are not posted: their life is the status with the client.
    await expect(page.getByRole('button', { name: 'Провести' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Отметить как отправленное' }).click();
    await expect(page.locator('.sales-panel')).toContainText('Отправлено клиенту');
    expect((await sql`select offer_status from documents where id = ${offerId}`)[0]).toEqual({
      offer_status: 'sent',
    });

    await createBasedOn(page, 'Заказ клиента');
    await expect(page.locator('.document-chain')).toContainText(
      'Основание: Коммерческое предложение клиенту №',
    );
    await expect(page.getByLabel(/^Склад/)).toHaveValue(/\d+/);
    await expect(page.getByLabel('Подарок, строка 2')).toBeChecked();
    await expect(page.getByLabel('Действие, строка 1')).toHaveValue('reserve');
    await page.getByRole('button', { name: 'Провести' }).click();
    await expect(page.getByRole('status')).toHaveText('Документ записан и проведён.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Проведён');
    await expect(page.locator('.sales-panel')).toContainText('Готов к отгрузке');
    await expect(page.locator('.settlements')).toContainText('Заказано12 825,00');
    const orderId = Number(/\/documents\/orders\/(\d+)/.exec(page.url())?.[1]);
    const [order] = await sql`
      select status, order_status, based_on_id, interest_id, amount from documents where id = ${orderId}`;
    expect(order).toEqual({
      status: 'posted',
      order_status: 'to_provide',
      based_on_id: offerId,
      interest_id: interestId,
      amount: '12825.00',
    });
    expect(
      await sql`
        select p.sku, w.name as warehouse, r.quantity
        from reservation_balances r join products p on p.id = r.product_id join warehouses w on w.id = r.warehouse_id
        where r.order_id = ${orderId} order by p.sku`,
    ).toEqual([
      { sku: 'KOND-NO-09', warehouse: WAREHOUSE, quantity: '2.000' },
      { sku: 'SOK-01', warehouse: WAREHOUSE, quantity: '1.000' },
    ]);
  } finally {
    await sql.end();
  }
});

test("a manual discount above the manager's limit is refused at the field, and the form keeps the input", async ({
  page,
}) => {
  const sql = database();
  try {
    const interestId = await interestWithLines(sql, 'Кондиционеры на склад');
    const offers = async () =>
      (await sql`select count(*)::int as n from documents where interest_id = ${interestId}`)[0];
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/offers/new?interest=${interestId}`);
    await page.getByLabel(/^Склад/).selectOption({ label: WAREHOUSE });
    await page.getByLabel('Ручная скидка, %').fill('15');
    await page.getByRole('button', { name: 'Записать' }).click();

    await expect(page.locator('#field-manualDiscountPercent-error')).toHaveText(
      'Ручная скидка больше допустимой для вашей роли, %: 10',
    );
    await expect(page.getByLabel('Ручная скидка, %')).toHaveValue('15');
    await expect(page.getByLabel('Количество, строка 1')).toHaveValue('2');
    expect(await offers()).toEqual({ n: 0 });
  } finally {
    await sql.end();
  }
});
