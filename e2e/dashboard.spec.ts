import { expect, type Page, test } from '@playwright/test';
import { figures, type Ids, ids, month, sale } from './dashboard-fixtures';
import { database, openFromMenu, signIn } from './helpers';

/**
 * «Монитор руководителя»: the leader's and the manager's home page. The figures themselves are tested
 * against hand-computed ones in lib/dashboard; here: the scope, the widget settings kept per user, the
 * manager held to their own figures, a live update and the layout at desktop and phone widths.
 */
const widgets = (page: Page) =>
  page
    .locator('.dashboard-grid > .widget')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-widget')));

test.describe.configure({ mode: 'serial' });

let x: Ids;
test.beforeAll(async () => {
  x = await ids();
  const sql = database();
  try {
    await sql`update users set dashboard_widgets = null where id in (${x.leader}, ${x.ivanova})`;
  } finally {
    await sql.end();
  }
  await figures(x);
});

test('a leader: the dashboard is home; the scope goes to a manager and back; widgets reordered and hidden stay so after signing in again', async ({
  page,
}) => {
  await signIn(page, 'leader@torg.demo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Монитор руководителя');
  await openFromMenu(page, 'Монитор руководителя');
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(await widgets(page)).toEqual([
    'plan',
    'funnel',
    'outcomes',
    'discipline',
    'sources',
    'losses',
    'debts',
    'profit',
  ]);
  const plan = page.locator('[data-widget="plan"]');
  await expect(plan.locator('tbody')).toContainText('Анна Иванова');
  await expect(plan.locator('tbody')).toContainText('Сергей Петров');
  await expect(plan.locator('tfoot')).toContainText('Компания в целом');
  // Each title leads to its report with the same period.
  const from = `${month}-01`;
  await expect(plan.getByRole('link', { name: 'План, факт и прогноз продаж' })).toHaveAttribute(
    'href',
    new RegExp(`^/reports/plan-fulfilment\\?from=${from}&to=${month}-\\d\\d$`),
  );

  // One manager, then the company again.
  await page.getByLabel('Показатели').selectOption({ label: 'Анна Иванова' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(new RegExp(`manager=${x.ivanova}`));
  await expect(page.locator('.report-caption')).toContainText('Анна Иванова');
  await expect(plan.locator('tbody')).toContainText('Анна Иванова');
  await expect(plan.locator('tbody')).not.toContainText('Сергей Петров');
  await expect(page.locator('[data-widget="debts"]')).toContainText('Дашборд: Юг');
  await expect(plan.getByRole('link', { name: 'План, факт и прогноз продаж' })).toHaveAttribute(
    'href',
    new RegExp(`manager=${x.ivanova}$`),
  );
  await page.getByLabel('Показатели').selectOption({ label: 'По всей компании' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page).toHaveURL(/manager=$/);
  await expect(plan.locator('tbody')).toContainText('Сергей Петров');

  // Debts one up, the funnel hidden, saved.
  await page.getByText('Настроить виджеты').click();
  await page.getByRole('button', { name: 'Выше: Долги клиентов' }).click();
  // The focus stays on the moved row's button: the keyboard can press it again.
  await expect(page.getByRole('button', { name: 'Выше: Долги клиентов' })).toBeFocused();
  await page.getByRole('checkbox', { name: 'Показывать: Воронка продаж' }).uncheck();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('.widget-settings [role="status"]')).toHaveText('Записано.');
  const chosen = ['plan', 'outcomes', 'discipline', 'sources', 'debts', 'losses', 'profit'];
  await expect.poll(() => widgets(page)).toEqual(chosen);

  await page.goto('/logout');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await signIn(page, 'leader@torg.demo');
  expect(await widgets(page)).toEqual(chosen);
  await page.getByText('Настроить виджеты').click();
  await expect(page.getByRole('checkbox', { name: 'Показывать: Воронка продаж' })).not.toBeChecked();
});

test('the dashboard at 1440 and 375 wide: panels side by side, then one column without scrolling sideways', async ({
  page,
}) => {
  const sql = database();
  await sql`update users set dashboard_widgets = null where id = ${x.leader}`;
  await sql.end();
  await signIn(page, 'leader@torg.demo');
  for (const [width, height] of [
    [1440, 900],
    [375, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/dashboard');
    await expect(page.locator('[data-widget="plan"] .recharts-wrapper')).toBeVisible();
    await page.screenshot({ path: `test-results/dashboard-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal scroll at ${width}`).toBeLessThanOrEqual(0);
  }
});

test("a manager's home page is their own dashboard; another manager's or the company's is not theirs to see", async ({
  page,
}) => {
  await signIn(page, 'ivanova@torg.demo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мой день');
  await expect(page.getByLabel('Показатели')).toHaveCount(0);
  const plan = page.locator('[data-widget="plan"]');
  await expect(plan.locator('tbody')).toContainText('Анна Иванова');
  await expect(plan.locator('tbody')).not.toContainText('Сергей Петров');
  await expect(plan.locator('tfoot')).toHaveCount(0);
  // Asking for Петров by the address still shows her own.
  await page.goto(`/?manager=${x.petrov}`);
  await expect(page.locator('.report-caption')).toContainText('Анна Иванова');
  await expect(plan.locator('tbody')).not.toContainText('Сергей Петров');
  await expect(page.locator('[data-widget="discipline"]')).not.toContainText('Сергей Петров');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'Нет доступа' })).toBeVisible();
});

test('a widget updates live when a document is posted elsewhere', async ({ page }) => {
  await signIn(page, 'leader@torg.demo');
  await page.goto('/dashboard');
  await expect(page.locator('[data-live="open"]')).toBeAttached();
  const debts = page.locator('[data-widget="debts"]');
  await expect(debts).not.toContainText('Дашборд: Восток');
  await page.evaluate(() => {
    (window as unknown as { stayed: boolean }).stayed = true;
  });
  // 990 000 owed: the largest debt there is.
  await sale(x, x.petrov, 'Дашборд: Восток', '990000');
  await expect(debts).toContainText('Дашборд: Восток');
  // Refreshed in place, not reloaded.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test('an admin sets the forecast probabilities: each between 0 and 100, the error at its field', async ({
  page,
}) => {
  const sql = database();
  try {
    await signIn(page, 'admin@torg.demo');
    await page.goto('/admin/settings');
    const section = page.locator('section', { hasText: 'Вероятность выигрыша интереса' });
    await section.getByLabel('КП отправлено').fill('150');
    await section.getByRole('button', { name: 'Записать' }).click();
    await expect(section.getByText('Процент — от 0 до 100.')).toBeVisible();
    await section.getByLabel('КП отправлено').fill('40');
    await section.getByRole('button', { name: 'Записать' }).click();
    await expect(page.getByRole('status')).toHaveText('Записано.');
    const [row] = await sql`select value from settings where key = 'forecast_probabilities'`;
    expect(row!.value).toEqual({
      new: 5,
      consultation: 10,
      offer_sent: 40,
      awaiting_payment: 70,
      shipment_control: 90,
    });
  } finally {
    await sql`delete from settings where key = 'forecast_probabilities'`;
    await sql`update users set dashboard_widgets = null where email = 'leader@torg.demo'`;
    await sql.end();
  }
});
