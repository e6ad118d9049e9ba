import { expect, test } from '@playwright/test';
import { formatDateText } from '@/lib/i18n/date-text';
import { toDateTimeLocal } from '@/lib/i18n/formats';
import { database, listening, openFromMenu, signIn } from './helpers';

test('a manager works from the workplace: logs a note, an overdue task turns the card red, done turns it back; lost needs a reason', async ({
  page,
}) => {
  const sql = database();
  try {
    const [manager] = await sql`select id from users where email = 'ivanova@torg.demo'`;
    const [partner] = await sql`select id from partners order by id limit 1`;
    const [interest] = await sql`
      insert into interests (title, partner_id, responsible_id, expected_amount)
      values ('Е2Е Тепловой насос', ${partner!.id}, ${manager!.id}, 150000) returning id`;
    const interestId = interest!.id as number;

    await signIn(page, 'ivanova@torg.demo');
    await openFromMenu(page, 'Рабочее место менеджера');

    // An incoming note, logged by hand, lands in the inbox.
    const inbox = page.locator('turbo-frame#inbox');
    await inbox.getByText('Записать входящее обращение').click();
    await inbox.getByLabel('Вид').selectOption({ label: 'Заметка' });
    await inbox.getByLabel('Тема').fill('Е2Е звонок с выставки');
    await inbox.getByLabel('Текст').fill('Просили перезвонить про тепловой насос');
    await inbox.getByRole('button', { name: 'Записать' }).click();
    await expect(inbox.locator('tr', { hasText: 'Е2Е звонок с выставки' })).toContainText('Заметка');

    // A task due yesterday for the interest: overdue, and the card turns red.
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    const tasks = page.locator('turbo-frame#tasks');
    await tasks.getByLabel('Что сделать').fill('Е2Е перезвонить');
    await tasks
      .getByLabel('Срок')
      .fill(formatDateText('ru-RU', toDateTimeLocal(new Date(Date.now() - 24 * 3600_000))));
    await tasks.getByLabel('Интерес').selectOption({ label: 'Е2Е Тепловой насос' });
    await tasks.getByRole('button', { name: 'Добавить' }).click();
    await expect(tasks.locator('.task-overdue tr', { hasText: 'Е2Е перезвонить' })).toBeVisible();

    await page.getByRole('link', { name: 'Мои интересы' }).click();
    const card = page.locator(`turbo-frame#kanban [data-interest="${interestId}"]`);
    await expect(card).toHaveAttribute('data-colour', 'red');
    await expect(card).toHaveClass(/colour-red/);

    // Done: no open task left, the card goes grey.
    await page.getByRole('link', { name: 'Мои задачи' }).click();
    await tasks
      .locator('tr', { hasText: 'Е2Е перезвонить' })
      .getByRole('button', { name: 'Выполнено' })
      .click();
    await expect(tasks.locator('tr', { hasText: 'Е2Е перезвонить' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Мои интересы' }).click();
    await expect(card).toHaveAttribute('data-colour', 'grey');

    // "Lost" without a reason is refused at the card; with one it leaves the board.
    await card.locator('summary', { hasText: 'Перевести' }).click();
    await card.getByLabel('Состояние').selectOption({ label: 'Завершён неуспешно' });
    await card.getByRole('button', { name: 'Перевести' }).click();
    // Refused at the reason field, the card's form open again with "lost" still chosen.
    await expect(card.getByLabel('Причина потери')).toHaveAccessibleDescription('Укажите причину потери');
    await expect(card.getByLabel('Состояние')).toHaveValue('lost');
    expect((await sql`select state from interests where id = ${interestId}`)[0]).toEqual({ state: 'new' });
    await card.getByLabel('Причина потери').selectOption({ label: 'Высокая цена' });
    await card.getByRole('button', { name: 'Перевести' }).click();
    await expect(card).toHaveCount(0);

    const [saved] = await sql`
      select i.state, r.name as reason,
        (select count(*)::int from tasks where interest_id = i.id and done_at is not null) as "doneTasks",
        (select count(*)::int from interactions where subject = 'Е2Е звонок с выставки' and kind = 'note'
           and not processed and author_id = ${manager!.id}) as notes
      from interests i join loss_reasons r on r.id = i.loss_reason_id where i.id = ${interestId}`;
    expect(saved).toEqual({ state: 'lost', reason: 'Высокая цена', doneTasks: 1, notes: 1 });
  } finally {
    await sql.end();
  }
});

test('from the inbox: an unknown sender becomes a partner with the address filled in; a known one is linked to an interest', async ({
  page,
}) => {
  const sql = database();
  try {
    const [manager] = await sql`select id from users where email = 'petrov@torg.demo'`;
    const [partner] = await sql`select id, name from partners order by id desc limit 1`;
    const [interest] = await sql`
      insert into interests (title, partner_id, responsible_id) values ('Е2Е Вентиляция', ${partner!.id}, ${manager!.id})
      returning id`;
    const [known] = await sql`
      insert into interactions (kind, partner_id, body) values ('call', ${partner!.id}, 'Е2Е звонок клиента') returning id`;
    await sql`insert into interactions (kind, from_address, body) values ('email', 'e2e@new-client.ru', 'Е2Е письмо')`;

    await signIn(page, 'petrov@torg.demo');
    await page.goto('/workplace');
    const inbox = page.locator('turbo-frame#inbox');
    const row = inbox.locator('tr', { hasText: 'Е2Е звонок клиента' });
    await expect(row.getByRole('link', { name: 'Создать интерес' })).toHaveAttribute(
      'href',
      `/crm/interests/new?partner=${partner!.id}&interaction=${known!.id}`,
    );
    await row.getByLabel('Связать с интересом').selectOption({ label: 'Е2Е Вентиляция' });
    await row.getByRole('button', { name: 'Связать' }).click();
    await expect(inbox.locator('tr', { hasText: 'Е2Е звонок клиента' })).toHaveCount(0);
    expect((await sql`select interest_id, processed from interactions where id = ${known!.id}`)[0]).toEqual({
      interest_id: interest!.id,
      processed: true,
    });

    await inbox
      .locator('tr', { hasText: 'Е2Е письмо' })
      .getByRole('link', { name: 'Создать партнёра' })
      .click();
    await expect(page).toHaveURL(/\/catalogs\/partners\/new\?email=/);
    await expect(page.getByLabel('Эл. почта')).toHaveValue('e2e@new-client.ru');
  } finally {
    await sql.end();
  }
});

test('with closed interests shown the kanban fits 1366 px: the board scrolls itself and keeps its column headers in view', async ({
  page,
}, testInfo) => {
  const sql = database();
  try {
    const [manager] = await sql`select id from users where email = 'ivanova@torg.demo'`;
    const [partner] = await sql`select id from partners order by id limit 1`;
    // A card in every column, and enough new ones for the board to be taller than the screen.
    await sql`
      insert into interests (title, partner_id, responsible_id, expected_amount, state, loss_reason_id)
      select 'Е2Е Ширина ' || s || ' ' || st, ${partner!.id}, ${manager!.id}, 98765432.10, st::interest_state,
        case when st = 'lost' then (select id from loss_reasons order by id limit 1) end
      from unnest(array['new','consultation','offer_sent','awaiting_payment','shipment_control','won','lost']) st,
        generate_series(1, case when st = 'new' then 12 else 1 end) s`;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'ivanova@torg.demo');
    for (const path of ['/crm/interests?closed=1', '/workplace?tab=interests&closed=1']) {
      await page.goto(path);
      const board = page.locator('turbo-frame#kanban .kanban');
      const headers = board.locator('.kanban-column > header');
      await expect(headers).toHaveCount(7);
      await expect(headers.nth(6)).toContainText('Завершён неуспешно');

      // Nothing sticks out of the page: it never scrolls sideways.
      const wide = await page.evaluate(() => ({
        scroll: document.scrollingElement!.scrollWidth - window.innerWidth,
        elements: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().width > window.innerWidth)
          .map((e) => e.className || e.tagName),
      }));
      expect(wide).toEqual({ scroll: 0, elements: [] });
      // Column titles and sums are whole, not clipped by the next column.
      for (const header of await headers.all()) {
        expect(await header.evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
      }
      // The board is never taller than the screen (its scroll bar is on it), and scrolls itself.
      expect((await board.boundingBox())!.height).toBeLessThanOrEqual(768);
      expect(await board.evaluate((b) => b.scrollHeight > b.clientHeight)).toBe(true);

      // The 7th column is reached by scrolling the board, not the page.
      await headers.nth(6).scrollIntoViewIfNeeded();
      await expect(headers.nth(6)).toBeInViewport({ ratio: 1 });
      expect(await board.evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.scrollX)).toBe(0);

      // Scrolled down to its last card, the board still shows its column headers on top.
      await board.evaluate((b) => {
        b.scrollTop = b.scrollHeight;
      });
      const boardTop = (await board.boundingBox())!.y;
      const headerTop = (await headers.nth(6).boundingBox())!.y;
      expect(Math.abs(headerTop - boardTop)).toBeLessThan(12);
      await expect(headers.nth(6)).toBeInViewport({ ratio: 1 });
      await page.screenshot({
        path: testInfo.outputPath(`kanban-1366-${path.split('?')[0]!.slice(1).replace('/', '-')}.png`),
      });
    }
  } finally {
    await sql.end();
  }
});

test("a leader sees every manager's tasks by default, narrows them to one, and sees them change live", async ({
  page,
  browser,
}) => {
  const sql = database();
  const managerContext = await browser.newContext();
  try {
    const [task] = await sql<{ id: number }[]>`
      insert into tasks (title, due_at, responsible_id)
      -- Overdue, yet on the company's today (which the calendar's week starts from) whatever the hour.
      select 'Е2Е позвонить в Северный ветер',
        greatest(now() - interval '2 hours', date_trunc('day', now() at time zone 'Europe/Moscow') at time zone 'Europe/Moscow'),
        id from users where email = 'ivanova@torg.demo'
      returning id`;

    await signIn(page, 'leader@torg.demo');
    await openFromMenu(page, 'Задачи');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Задачи');
    const tasks = page.locator('turbo-frame#tasks');
    const row = tasks.locator('.task-overdue tr', { hasText: 'Е2Е позвонить в Северный ветер' });
    await expect(row).toContainText('Анна Иванова');
    await expect(page.getByLabel('Ответственный')).toHaveValue('all');

    // The calendar too shows everyone's by default.
    await page.goto('/crm/calendar');
    await expect(page.locator('turbo-frame#calendar')).toContainText('Е2Е позвонить в Северный ветер');

    // Narrowed to Петров, Иванова's task is gone; the workplace tab is «Задачи» with the same filter.
    await page.goto('/workplace?tab=tasks');
    await expect(page.locator('nav.tabs').getByRole('link', { name: 'Задачи' })).toBeVisible();
    await expect(row).toBeVisible();
    await page.getByLabel('Ответственный').selectOption({ label: 'Сергей Петров' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect(page).toHaveURL(/responsible=\d+/);
    await expect(tasks.locator('.task-group').first()).toBeVisible();
    await expect(row).toHaveCount(0);

    // Everyone's again; Иванова marks hers done and the leader's list drops it without a reload.
    await page.getByLabel('Ответственный').selectOption({ label: 'Все' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await expect(row).toBeVisible();
    await listening(page);
    let reloads = 0;
    page.on('load', () => reloads++);
    const manager = await managerContext.newPage();
    await signIn(manager, 'ivanova@torg.demo');
    await manager.goto('/workplace?tab=tasks');
    await manager
      .locator('turbo-frame#tasks tr', { hasText: 'Е2Е позвонить в Северный ветер' })
      .getByRole('button', { name: 'Выполнено' })
      .click();
    await expect(row).toHaveCount(0);
    expect(reloads).toBe(0);
    expect((await sql`select done_at is not null as done from tasks where id = ${task!.id}`)[0]).toEqual({
      done: true,
    });
  } finally {
    await managerContext.close();
    await sql.end();
  }
});

test('a lost interest takes its open tasks along when asked: closed from the kanban, or kept', async ({
  page,
}) => {
  const sql = database();
  try {
    const [manager] = await sql`select id from users where email = 'ivanova@torg.demo'`;
    const [partner] = await sql`select id from partners order by id limit 1`;
    const interests = await sql<{ id: number; title: string }[]>`
      insert into interests (title, partner_id, responsible_id)
      values ('Е2Е Закрыть задачи', ${partner!.id}, ${manager!.id}), ('Е2Е Оставить задачи', ${partner!.id}, ${manager!.id})
      returning id, title`;
    await sql`
      insert into tasks (title, due_at, responsible_id, interest_id)
      select 'Задача: ' || i.title, now() + interval '1 day', ${manager!.id}, i.id
      from interests i where i.id in ${sql(interests.map((i) => i.id))}`;

    await signIn(page, 'ivanova@torg.demo');
    await page.goto('/workplace?tab=tasks');
    const tasks = page.locator('turbo-frame#tasks');
    await expect(tasks.locator('tr', { hasText: 'Задача: Е2Е Закрыть задачи' })).toBeVisible();

    await page.getByRole('link', { name: 'Мои интересы' }).click();
    for (const [title, choice] of [
      ['Е2Е Закрыть задачи', 'Закрыть (отметить выполненными)'],
      ['Е2Е Оставить задачи', 'Оставить открытыми'],
    ] as const) {
      const card = page.locator('turbo-frame#kanban article', { hasText: title });
      await card.locator('summary', { hasText: 'Перевести' }).click();
      await card.getByLabel('Состояние').selectOption({ label: 'Завершён неуспешно' });
      await card.getByLabel('Причина потери').selectOption({ label: 'Высокая цена' });
      const question = card.getByRole('group', { name: 'Открытые задачи интереса (1)' });
      await expect(question.getByLabel('Закрыть (отметить выполненными)')).toBeChecked();
      await question.getByLabel(choice).check();
      await card.getByRole('button', { name: 'Перевести' }).click();
      await expect(card).toHaveCount(0);
    }

    await page.getByRole('link', { name: 'Мои задачи' }).click();
    await expect(tasks.locator('tr', { hasText: 'Задача: Е2Е Оставить задачи' })).toBeVisible();
    await expect(tasks.locator('tr', { hasText: 'Задача: Е2Е Закрыть задачи' })).toHaveCount(0);
    const saved = await sql`
      select i.title, i.state, t.done_at is not null as done,
        (select count(*)::int from audit_log a where a.entity = 'task' and a.entity_id = t.id and a.action = 'done') as audited
      from interests i join tasks t on t.interest_id = i.id
      where i.id in ${sql(interests.map((i) => i.id))} order by i.title`;
    expect(saved).toEqual([
      { title: 'Е2Е Закрыть задачи', state: 'lost', done: true, audited: 1 },
      { title: 'Е2Е Оставить задачи', state: 'lost', done: false, audited: 0 },
    ]);
  } finally {
    await sql.end();
  }
});
