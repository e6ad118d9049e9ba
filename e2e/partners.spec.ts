import { expect, test } from '@playwright/test';
import { database, openFromMenu, signIn } from './helpers';

test('a manager creates a client: bad phone and INN are shown at the fields, then the client is saved and found', async ({
  page,
}) => {
  await signIn(page, 'ivanova@torg.demo');
  await openFromMenu(page, 'Партнёры');
  await expect(page).toHaveURL(/\/catalogs\/partners$/);
  await page.getByRole('main').getByRole('link', { name: 'Создать', exact: true }).click();

  await page.getByLabel('Наименование', { exact: false }).first().fill('Прохлада Плюс');
  await page.getByLabel('ИНН').fill('7704567891');
  await page.getByLabel('Телефон').fill('12-34');
  await page.getByRole('button', { name: 'Записать' }).click();

  await expect(page.locator('#field-inn-error')).toHaveText('ИНН не проходит проверку контрольного числа.');
  await expect(page.locator('#field-phone-error')).toHaveText('Неверный номер телефона');
  // What the user typed stays in the form.
  await expect(page.getByLabel('ИНН')).toHaveValue('7704567891');
  const sql = database();
  try {
    expect(await sql`select id from partners where name = 'Прохлада Плюс'`).toHaveLength(0);

    await page.getByLabel('ИНН').fill('7704567896');
    await page.getByLabel('Телефон').fill('8 (916) 555-44-33');
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Прохлада Плюс');

    const [saved] = await sql`
      select p.inn, p.phone, u.email as responsible from partners p join users u on u.id = p.responsible_id
      where p.name = 'Прохлада Плюс'`;
    expect(saved).toEqual({ inn: '7704567896', phone: '+79165554433', responsible: 'ivanova@torg.demo' });

    await page.goto('/catalogs/partners');
    await page.getByRole('main').getByRole('searchbox').fill('прохлада');
    await page.getByRole('button', { name: 'Найти' }).click();
    const rows = page.locator('.data-table tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Прохлада Плюс');
    await expect(rows.first()).toContainText('7704567896');
  } finally {
    await sql.end();
  }
});

test('a second partner with the same INN gets a clear message', async ({ page }) => {
  await signIn(page, 'petrov@torg.demo');
  await page.goto('/catalogs/partners/new');
  await page.locator('#field-name').fill('Дубль');
  await page.getByLabel('ИНН').fill('7701234560');
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page.locator('#field-inn-error')).toHaveText('Партнёр с таким ИНН уже есть.');
});

test('a contact person is added from the partner card, the phone stored in E.164', async ({ page }) => {
  await signIn(page, 'ivanova@torg.demo');
  await page.goto('/catalogs/partners?q=Климат');
  await page.getByRole('link', { name: 'Климат-Сервис' }).click();
  const contacts = page.locator('section.related');
  await expect(contacts.locator('tbody tr')).toHaveCount(1);
  await contacts.getByRole('link', { name: 'Создать' }).click();
  await expect(page.getByLabel('Партнёр')).toHaveValue('Климат-Сервис');
  await page.getByLabel('ФИО').fill('Ирина Белова');
  await page.getByLabel('Телефоны (по одному в строке)').fill('8 (926) 111-22-33\n+7 495 720 10 21');
  await page.getByLabel('Telegram').fill('@belova_irina');
  await page.getByRole('button', { name: 'Записать' }).click();
  await expect(page.getByRole('status')).toHaveText('Записано.');

  // The partner lookup searches as one types.
  await page.getByLabel('Партнёр').fill('орлов');
  await page.getByRole('button', { name: /ИП Орлов/ }).click();
  await page.getByRole('button', { name: 'Записать' }).click();

  const sql = database();
  const contact = async () =>
    (
      await sql`
        select c.phones, c.telegram, p.name as partner from contact_persons c join partners p on p.id = c.partner_id
        where c.name = 'Ирина Белова'`
    )[0];
  try {
    // The notice is already on the page from the first save: wait on the database instead.
    await expect.poll(async () => (await contact())?.partner).toBe('ИП Орлов Д. С.');
    expect(await contact()).toEqual({
      phones: ['+79261112233', '+74957201021'],
      telegram: 'belova_irina',
      partner: 'ИП Орлов Д. С.',
    });
    await expect(page.getByLabel('Партнёр')).toHaveValue('ИП Орлов Д. С.');
  } finally {
    await sql.end();
  }
});
