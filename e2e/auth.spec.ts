import { expect, test } from '@playwright/test';
import { database, signIn } from './helpers';

test('anonymous visitors are sent to the login page, which lists the demo accounts', async ({ page }) => {
  await page.goto('/catalogs/products');
  await expect(page).toHaveURL(/\/login\?next=%2Fcatalogs%2Fproducts/);
  await expect(page.getByText('admin@torg.demo')).toBeVisible();
});

test('a wrong password gets a plain error that does not say which part was wrong', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Эл. почта').fill('leader@torg.demo');
  await page.getByLabel('Пароль').fill('not-the-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.locator('.form-error')).toHaveText('Неверная эл. почта или пароль.');
  await page.getByLabel('Пароль').fill('still-wrong');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.locator('.form-error')).toHaveText('Неверная эл. почта или пароль.');
});

test('a manager cannot open the admin pages; an admin can and creates a user', async ({ page, browser }) => {
  await signIn(page, 'ivanova@torg.demo');
  await expect(page.getByRole('link', { name: 'Пользователи' })).toHaveCount(0);
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Нет доступа' })).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, 'admin@torg.demo');
  await admin.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Пользователи' }).click();
  await admin.getByRole('link', { name: 'Создать' }).click();
  await admin.getByLabel('Эл. почта').fill('novikov@torg.demo');
  await admin.getByLabel('ФИО').fill('Павел Новиков');
  await admin.getByLabel('Пароль').fill('short');
  await admin.getByRole('button', { name: 'Записать' }).click();
  await expect(admin.locator('#field-password-error')).toHaveText('Пароль — не короче 8 символов.');
  await admin.getByLabel('Пароль').fill('novikov-pass');
  await admin.getByRole('button', { name: 'Записать' }).click();
  await expect(admin.getByRole('status')).toHaveText('Записано.');
  const sql = database();
  try {
    const [user] = await sql`select role, active, password_hash from users where email = 'novikov@torg.demo'`;
    expect(user).toMatchObject({ role: 'manager', active: true });
    expect(user?.password_hash).not.toContain('novikov-pass');
  } finally {
    await sql.end();
  }
  await admin.close();

  await page.goto('/logout');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await signIn(page, 'novikov@torg.demo', 'novikov-pass');
  await expect(page.locator('.topbar')).toContainText('Павел Новиков');
});

test('a user switches the interface to English and back', async ({ page }) => {
  await signIn(page, 'leader@torg.demo');
  await page.goto('/catalogs/products');
  await page.getByLabel('Язык').selectOption('en');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Products');
  await expect(page.getByRole('navigation', { name: 'main' })).toContainText('Master data');
  await page.goto('/catalogs/prices');
  // Money in the English locale format.
  await expect(page.locator('.data-table')).toContainText('RUB 5,100.00');
  await page.getByLabel('Language').selectOption('ru');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Цены номенклатуры');
  await expect(page.locator('.data-table')).toContainText('5 100,00 ₽');
});
