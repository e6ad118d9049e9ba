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

/**
 * Opens a page from the main menu and waits until the browser is on it: pages share link and button
 * names («Создать» is on the workplace and on every list), so acting before the menu's navigation
 * ends can click the page being left.
 */
export async function openFromMenu(page: Page, name: string) {
  const link = page.getByRole('navigation', { name: 'main' }).getByRole('link', { name, exact: true });
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((url) => url.pathname === href);
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
 * Counts, per table, the rows the app's commands write while a test watches: a row trigger on every
 * table but the sign-in throttle (a refused sign-in counts, by design), the job queue and the workers'
 * heartbeats. An update that changes nothing, or only the reminder stamp the worker puts on tasks by
 * the clock, does not count, nor does a row written and rolled back. `counts()` is taken once the
 * queue has no due work, so the worker finishing an earlier command is not mistaken for a write.
 * The fuzz test asks after each of its 6 300 requests: a digest of every table each time was most of
 * its run.
 */
export async function watchWrites(sql: Sql) {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('jobs', 'login_throttle', 'worker_heartbeats', 'e2e_rows_written') order by 1`;
  await sql.begin(async (tx) => {
    await tx`create table if not exists e2e_rows_written (table_name text not null)`;
    await tx.unsafe(`
      create or replace function e2e_row_written() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and to_jsonb(old) - 'reminded_at' = to_jsonb(new) - 'reminded_at' then
          return null;
        end if;
        insert into e2e_rows_written values (tg_table_name);
        return null;
      end $$`);
    for (const { name } of tables)
      await tx.unsafe(
        `create or replace trigger e2e_row_written after insert or update or delete on "${name}"
         for each row execute function e2e_row_written()`,
      );
  });
  return {
    async counts(): Promise<Record<string, string>> {
      await expect
        .poll(
          async () =>
            (await sql`select count(*)::int as n from jobs where status = 'pending' and run_at <= now()`)[0]!
              .n,
        )
        .toBe(0);
      const rows = await sql<{ table_name: string; n: string }[]>`
        select table_name, count(*)::text as n from e2e_rows_written group by 1`;
      return Object.fromEntries(rows.map((r) => [r.table_name, r.n]));
    },
    /** Drops the triggers and the count: the specs after this one write at full speed. */
    async stop() {
      await sql.begin(async (tx) => {
        await tx`drop function if exists e2e_row_written() cascade`;
        await tx`drop table if exists e2e_rows_written`;
      });
    },
  };
}

/** The tables whose counts differ: empty when nothing was written. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys(after).filter((table) => before[table] !== after[table]);
