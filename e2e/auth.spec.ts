import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '@/db/demo-accounts';
import { database, openFromMenu, signIn } from './helpers';

test('anonymous visitors are sent to the login page, which lists the demo accounts', async ({ page }) => {
  await page.goto('/catalogs/products');
  await expect(page).toHaveURL(/\/login\?next=%2Fcatalogs%2Fproducts/);
  await expect(page.getByText('admin@torg.demo')).toBeVisible();
  await expect(page.locator('.demo-banner')).toContainText('Демо-данные');
});

test('after sign-in, a crafted next stays on this site', async ({ page, baseURL }) => {
  for (const next of ['/\\evil.example/x', '/\t/evil.example', '/.//evil.example']) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Эл. почта').fill('leader@torg.demo');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.locator('.topbar')).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
    await page.context().clearCookies();
  }
});

test('sign-out revokes the session: a copy of its cookie no longer opens pages', async ({
  page,
  browser,
}) => {
  await signIn(page, 'petrov@torg.demo');
  await expect(page.locator('.demo-banner')).toContainText('Демо-данные');
  const copied = await page.context().cookies();
  await page.goto('/logout');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  try {
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto('/catalogs/products');
    await expect(stolen).toHaveURL(/\/login/);
    await expect(stolen.locator('.topbar')).toHaveCount(0);
  } finally {
    await thief.close();
  }
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
  // Counted per email and per client address (the socket's, as Next.js passes it on).
  const sql = database();
  try {
    const keys = await sql`select key, failures from login_throttle order by key`;
    expect(keys).toEqual(
      expect.arrayContaining([
        { key: 'email:leader@torg.demo', failures: 2 },
        { key: 'ip:127.0.0.1', failures: expect.any(Number) },
      ]),
    );
  } finally {
    await sql.end();
  }
});

test('a manager cannot open the admin pages; an admin can and creates a user', async ({ page, browser }) => {
  await signIn(page, 'ivanova@torg.demo');
  await expect(page.getByRole('link', { name: 'Пользователи' })).toHaveCount(0);
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Нет доступа' })).toBeVisible();

  const admin = await browser.newPage();
  await signIn(admin, 'admin@torg.demo');
  await openFromMenu(admin, 'Пользователи');
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

test('the demo accounts are retired only once the admin has an account of their own', async ({
  page,
  browser,
}) => {
  const sql = database();
  const demo = await sql`select id, password_hash from users where email like '%@torg.demo' and active`;
  try {
    await signIn(page, 'admin@torg.demo');
    await openFromMenu(page, 'Пользователи');
    const remove = page.getByRole('button', { name: 'Удалить демо-учётные записи' });
    await remove.click();
    await expect(page.locator('.form-error')).toHaveText(
      'Сначала создайте свою учётную запись администратора: без демо-учётных записей не останется ни одного активного администратора.',
    );

    await page.goto('/admin/users/new');
    await page.getByLabel('Эл. почта').fill('owner@example.com');
    await page.getByLabel('ФИО').fill('Владелец');
    await page.locator('select[name=role]').selectOption('admin');
    await page.getByLabel('Пароль').fill('owner-secret');
    await page.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');

    const owner = await browser.newPage();
    await signIn(owner, 'owner@example.com', 'owner-secret');
    await owner.goto('/admin/users');
    await owner.getByRole('button', { name: 'Удалить демо-учётные записи' }).click();
    await expect(owner.getByRole('status')).toHaveText('Демо-учётные записи отключены.');
    await expect(owner.locator('.demo-banner')).toHaveCount(0);
    await expect(owner.getByRole('button', { name: 'Удалить демо-учётные записи' })).toHaveCount(0);
    await owner.close();

    // The demo admin's session ended with the accounts, and their password no longer works.
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText('admin@torg.demo')).toHaveCount(0);
    await page.getByLabel('Эл. почта').fill('admin@torg.demo');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.locator('.form-error')).toHaveText('Неверная эл. почта или пароль.');
  } finally {
    // The other specs sign in with the demo accounts.
    for (const user of demo) {
      await sql`update users set active = true, password_hash = ${user.password_hash} where id = ${user.id}`;
    }
    await sql`update settings set value = 'true' where key = 'demo_accounts'`;
    // Nor may an admin of this test outlive it: with one, the demo accounts could be retired by others.
    await sql`update users set active = false where email = 'owner@example.com'`;
    await sql`delete from login_throttle`;
    await sql.end();
  }
});
