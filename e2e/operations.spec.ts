import { expect, test } from '@playwright/test';
import { formatDateText } from '@/lib/i18n/date-text';
import { database, signIn } from './helpers';

test('Administration → «Журнал изменений»: an admin finds changes by user, object and period', async ({
  page,
}) => {
  const sql = database();
  try {
    const [anna] = await sql<{ id: number }[]>`select id from users where email = 'ivanova@torg.demo'`;
    const [admin] = await sql<{ id: number }[]>`select id from users where email = 'admin@torg.demo'`;
    await sql`
      insert into audit_log (user_id, action, entity, entity_id, data, at) values
        (${anna!.id}, 'update', 'partners', 90001, '{"name": "Е2Е Журнал-партнёр"}', now()),
        (${admin!.id}, 'update', 'user', ${anna!.id}, '{"role": "manager"}', now()),
        (${anna!.id}, 'create', 'partners', 90002, '{"name": "Е2Е Давний партнёр"}', now() - interval '40 days')`;
    await signIn(page, 'admin@torg.demo');
    await page.getByRole('link', { name: 'Журнал изменений' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал изменений');
    const journal = page.locator('table.audit-journal');
    // The last week by default: the recent rows, not the 40-day-old one.
    await expect(journal).toContainText('Е2Е Журнал-партнёр');
    await expect(journal).toContainText('Администратор');
    await expect(journal).not.toContainText('Е2Е Давний партнёр');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: 'test-results/audit-1440.png', fullPage: true });

    // Анна's changes to partners over two months.
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Период с').fill(formatDateText('ru-RU', from));
    await page.getByLabel('Пользователь').selectOption({ label: 'Анна Иванова' });
    await page.locator('select[name=entity]').selectOption('partners');
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect(page).toHaveURL(/entity=partners/);
    await expect(journal.locator('tbody tr')).toHaveCount(2);
    await expect(journal).toContainText('Е2Е Давний партнёр');
    await expect(journal).not.toContainText('"role"');
    // One object by its id.
    await page.getByLabel('Код объекта').fill('90002');
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect(journal.locator('tbody tr')).toHaveCount(1);
    await expect(journal).toContainText('partners № 90002');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: 'test-results/audit-375.png', fullPage: true });
  } finally {
    await sql.end();
  }
});

test('a manager cannot open the change log', async ({ page }) => {
  await signIn(page, 'ivanova@torg.demo');
  const answer = await page.goto('/admin/audit');
  expect(answer?.status()).toBe(403);
});
