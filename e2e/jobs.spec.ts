import { expect, test } from '@playwright/test';
import { database, signIn } from './helpers';

test('an admin sees a failed background job with its error and retries it; the worker then runs it', async ({
  page,
}) => {
  const sql = database();
  try {
    await sql`
      insert into jobs (kind, key, payload, status, attempts, max_attempts, last_error)
      values ('recompute_interest', 'interest:999999', '{"interestId": 999999}', 'failed', 5, 5, 'Е2Е: connection reset')`;
    await signIn(page, 'admin@torg.demo');
    await page.goto('/admin/jobs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Фоновые задания');
    const row = page.locator('tr', { hasText: 'interest:999999' });
    await expect(row).toContainText('Пересчёт состояния интереса');
    await expect(row).toContainText('ошибка');
    await expect(row).toContainText('Е2Е: connection reset');
    await row.getByRole('button', { name: 'Повторить' }).click();
    // Back in the queue, the in-process worker runs it (there is no such interest: nothing to change).
    await expect
      .poll(async () => (await sql`select count(*)::int as n from jobs where key = 'interest:999999'`)[0]!.n)
      .toBe(0);
  } finally {
    await sql.end();
  }
});
