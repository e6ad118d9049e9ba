import { expect, test } from '@playwright/test';
import { formatDateText } from '@/lib/i18n/date-text';
import { toDateTimeLocal } from '@/lib/i18n/formats';
import { database, listening, signIn } from './helpers';

test('from the workplace inbox to an interest with products and an overdue task; a colleague sees it live', async ({
  page,
  browser,
}) => {
  const sql = database();
  const colleagueContext = await browser.newContext();
  try {
    const [manager] = await sql<{ id: number }[]>`select id from users where email = 'ivanova@torg.demo'`;
    // An incoming call the PBX has already matched to a known client.
    await sql`
      insert into interactions (kind, direction, partner_id, body)
      select 'call', 'incoming', id, 'Е2Е: нужны кондиционеры в склад' from partners where name = 'ДомТехника'`;

    // Another manager watches Ivanova's board (read-only) and waits.
    const colleague = await colleagueContext.newPage();
    await signIn(colleague, 'petrov@torg.demo');
    await colleague.goto(`/crm/interests?responsible=${manager!.id}`);
    await listening(colleague);
    let reloads = 0;
    colleague.on('load', () => reloads++);

    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/workplace');
    const call = page.locator('turbo-frame#inbox tr', { hasText: 'Е2Е: нужны кондиционеры в склад' });
    await call.getByRole('link', { name: 'Создать интерес' }).click();
    await page.getByLabel(/^Тема/).fill('Е2Е Кондиционеры для склада');
    await page.getByLabel(/^Вид цены/).selectOption({ label: 'Розничная' });
    for (const [line, search, name] of [
      [1, 'электронным', 'Кондиционер с электронным управлением'],
      [2, 'без управления', 'Кондиционер без управления'],
    ] as const) {
      // The link came from a Turbo Frame, so this is a full page load: the first click may beat hydration.
      const product = page.getByLabel(`Номенклатура, строка ${line}`);
      await expect(async () => {
        if ((await product.count()) === 0)
          await page.getByRole('button', { name: 'Добавить строку' }).click();
        await expect(product).toBeVisible({ timeout: 1000 });
      }).toPass();
      await product.fill(search);
      await page.getByRole('button', { name: new RegExp(name) }).click();
      await page.getByLabel(`Количество, строка ${line}`).fill('3');
      // Availability per warehouse shows inline as soon as the product is chosen.
      await expect(page.locator('.interest-lines tbody tr .line-stock').nth(line - 1)).toContainText(
        'Основной склад:',
      );
    }
    await page.getByRole('button', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/\d+\?tab=products$/);
    const id = Number(/interests\/(\d+)/.exec(page.url())![1]);

    // The colleague's board shows the new interest without a reload.
    const colleagueCard = colleague.locator(`turbo-frame#kanban [data-interest="${id}"]`);
    await expect(colleagueCard).toContainText('Е2Е Кондиционеры для склада');
    await expect(colleagueCard).toHaveAttribute('data-colour', 'grey');

    // A task due yesterday: the card turns red, on the colleague's screen too.
    await page.locator('nav.tabs').getByRole('link', { name: 'Задачи' }).click();
    await page.getByLabel(/^Задача/).fill('Е2Е уточнить площадь склада');
    await page
      .getByLabel(/^Срок/)
      .fill(formatDateText('ru-RU', toDateTimeLocal(new Date(Date.now() - 24 * 3600_000))));
    await page.getByRole('button', { name: 'Добавить задачу' }).click();
    await expect(page.locator('#interest-tasks')).toContainText('Е2Е уточнить площадь склада');
    await expect(colleagueCard).toHaveAttribute('data-colour', 'red');
    expect(reloads).toBe(0);

    // A note with an attached file lands in the feed; the file downloads as it was.
    await page.locator('nav.tabs').getByRole('link', { name: 'Лента' }).click();
    await page.getByLabel(/^Текст/).fill('Е2Е замеры склада во вложении');
    await page.getByLabel('Вложения').setInputFiles({
      name: 'замеры.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('площадь 120 м²'),
    });
    await page.getByRole('button', { name: 'Записать в ленту' }).click();
    const file = page.locator('#interest-feed').getByRole('link', { name: /замеры\.txt/ });
    await expect(file).toBeVisible();
    const download = await page.request.get((await file.getAttribute('href'))!);
    expect(await download.text()).toBe('площадь 120 м²');

    // Products chosen: the automation moves the interest to "consultation".
    await expect(page.locator('.page-header .interest-state')).toContainText('Подбор товаров');
    const [saved] = await sql`
      select i.state, (select count(*)::int from interest_lines where interest_id = i.id) as lines,
        (select count(*)::int from tasks where interest_id = i.id and done_at is null and due_at < now()) as overdue,
        (select processed from interactions where body = 'Е2Е: нужны кондиционеры в склад') as processed
      from interests i where i.id = ${id}`;
    expect(saved).toEqual({ state: 'consultation', lines: 2, overdue: 1, processed: true });
  } finally {
    await colleagueContext.close();
    await sql.end();
  }
});
