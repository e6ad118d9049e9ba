import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import postgres from 'postgres';
import { DEMO_PASSWORD } from '@/db/demo-accounts';

/** The e2e server's database, to check what the pages wrote. */
export function database() {
  return postgres(readFileSync('.data/e2e/database-url', 'utf8'), { max: 2, onnotice: () => {} });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.locator('.topbar')).toBeVisible();
}

/** The page's <turbo-stream-source> is connected: from now on no published change is missed. */
export async function listening(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (document.querySelector('turbo-stream-source') as (Element & { streamSource?: EventSource }) | null)
            ?.streamSource?.readyState,
      ),
    )
    .toBe(1);
}
