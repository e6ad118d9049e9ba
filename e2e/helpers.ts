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

type Sql = ReturnType<typeof database>;

/**
 * A digest per table of everything the app's commands write: every table but the sign-in throttle (a
 * refused sign-in counts, by design), the job queue and the workers' heartbeats, and without the reminder stamp the worker puts
 * on tasks by the clock. Taken once the queue has no due work, so the worker finishing an earlier
 * command is not mistaken for a write.
 */
export async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  await expect
    .poll(
      async () =>
        (await sql`select count(*)::int as n from jobs where status = 'pending' and run_at <= now()`)[0]!.n,
    )
    .toBe(0);
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('jobs', 'login_throttle', 'worker_heartbeats') order by 1`;
  const parts = tables.map(
    ({ name }) =>
      `'${name}', (select md5(coalesce(string_agg((to_jsonb(t) - 'reminded_at')::text, ',' order by (to_jsonb(t) - 'reminded_at')::text), '')) from "${name}" t)`,
  );
  // jsonb_build_object takes at most 100 arguments (50 tables): one object per 40 tables, merged.
  const objects = [];
  for (let i = 0; i < parts.length; i += 40)
    objects.push(`jsonb_build_object(${parts.slice(i, i + 40).join(', ')})`);
  const [row] = await sql.unsafe(`select ${objects.join(' || ')} as digest`);
  return row!.digest as Record<string, string>;
}

/** The tables whose digests differ: empty when nothing was written. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys(after).filter((table) => before[table] !== after[table]);
