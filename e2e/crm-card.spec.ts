import { expect, type Page, test } from '@playwright/test';
import { database, listening, signIn } from './helpers';

async function addLine(page: Page, line: number, search: string, name: string, quantity: string) {
  await page.getByRole('button', { name: 'Добавить строку' }).click();
  await page.getByLabel(`Номенклатура, строка ${line}`).fill(search);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByLabel(`Количество, строка ${line}`).fill(quantity);
}

test('a manager opens an interest for a client with two products: stock per warehouse, retail prices filled', async ({
  page,
}) => {
  const sql = database();
  try {
    const [client] = await sql<{ id: number }[]>`select id from partners where name = 'Климат-Сервис'`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/catalogs/partners/${client!.id}`);
    await page.getByRole('link', { name: 'Создать интерес' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Новый интерес клиента');
    await expect(page.getByLabel(/^Партнёр/)).toHaveValue('Климат-Сервис');
    await page.getByLabel(/^Тема/).fill('Кондиционеры для офиса на Лесной');
    await page.getByLabel(/^Вид цены/).selectOption({ label: 'Розничная' });

    await addLine(page, 1, 'ручным', 'Кондиционер с ручным управлением', '2');
    const stock = page.locator('.interest-lines tbody tr .line-stock');
    await expect(stock.nth(0)).toContainText('Основной склад:');
    await addLine(page, 2, 'без управления', 'Кондиционер без управления', '1');
    await expect(stock.nth(1)).toContainText('Основной склад:');
    await expect(stock.nth(1)).toContainText('Склад Подольск:');

    await page.getByRole('button', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/\d+\?tab=products$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Кондиционеры для офиса на Лесной');
    await expect(page.getByLabel('Цена, строка 1')).toHaveValue('5\u00a0100,00');
    await expect(page.getByLabel('Цена, строка 2')).toHaveValue('6\u00a0750,00');
    await expect(page.getByLabel('Сумма, строка 1')).toHaveText(/^10\s200,00$/);
    await expect(page.getByLabel('Сумма, строка 2')).toHaveText(/^6\s750,00$/);
    await expect(stock.nth(0)).toContainText('Основной склад:');
    await expect(page.locator('#interest-header')).toContainText('Климат-Сервис');
    await expect(page.locator('#interest-header')).toContainText('Розничная');

    const id = Number(/interests\/(\d+)/.exec(page.url())![1]);
    const lines = await sql`
      select p.name, l.quantity::text, l.price::text, l.amount::text
      from interest_lines l join products p on p.id = l.product_id
      where l.interest_id = ${id} order by l.line_no`;
    expect(lines).toEqual([
      { name: 'Кондиционер с ручным управлением', quantity: '2.000', price: '5100.00', amount: '10200.00' },
      { name: 'Кондиционер без управления', quantity: '1.000', price: '6750.00', amount: '6750.00' },
    ]);
  } finally {
    await sql.end();
  }
});

test("another user's open card shows a manager's note and state change live, without reload", async ({
  page,
  browser,
}) => {
  const sql = database();
  const leaderContext = await browser.newContext();
  try {
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id)
      select 'Сплит-система в переговорную', p.id, u.id
      from partners p, users u where p.name = 'Климат-Сервис' and u.email = 'ivanova@torg.demo'
      returning id`;
    const card = `/crm/interests/${interest!.id}?tab=feed`;

    const leader = await leaderContext.newPage();
    await signIn(leader, 'leader@torg.demo');
    await leader.goto(card);
    await expect(leader.locator('#interest-feed')).toContainText('В ленте пока ничего нет.');
    await listening(leader);
    let reloads = 0;
    leader.on('load', () => reloads++);

    await signIn(page, 'ivanova@torg.demo');
    await page.goto(card);
    await page.getByLabel(/^Текст/).fill('Клиент просит КП до пятницы');
    await page.getByRole('button', { name: 'Записать в ленту' }).click();
    await expect(page.locator('#interest-feed')).toContainText('Клиент просит КП до пятницы');

    await expect(leader.locator('#interest-feed')).toContainText('Клиент просит КП до пятницы');
    await expect(leader.locator('#interest-feed')).toContainText('Анна Иванова');

    // Products are chosen (here straight into the database, as another app process might): the
    // automation moves the state, and both screens show it.
    await sql`
      insert into interest_lines (interest_id, line_no, product_id, quantity)
      select ${interest!.id}, 1, id, 1 from products where sku = 'KOND-NO-09'`;
    await expect(leader.locator('.page-header .interest-state')).toContainText('Подбор товаров');
    await expect(leader.locator('#interest-feed')).toContainText('Состояние: Новый → Подбор товаров');
    // By hand only "lost" (and reopening) can be chosen: the rest follows the documents.
    await page.reload();
    await expect(page.getByLabel('Состояние').locator('option')).toHaveText([
      'Подбор товаров',
      'Завершён неуспешно',
    ]);

    // "Lost" asks for the reason first.
    await page.getByLabel('Состояние').selectOption({ label: 'Завершён неуспешно' });
    await page.getByRole('button', { name: 'Применить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Почему интерес проигран?' });
    // Without a reason the dialog stays open and says why at the field.
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Причина проигрыша')).toHaveAccessibleDescription(
      'Укажите причину потери',
    );
    expect((await sql`select state from interests where id = ${interest!.id}`)[0]).toEqual({
      state: 'consultation',
    });
    await dialog.getByLabel('Причина проигрыша').selectOption({ index: 1 });
    const reason = await dialog.getByLabel('Причина проигрыша').locator('option:checked').textContent();
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await expect(leader.locator('.page-header .interest-state')).toContainText('Завершён неуспешно');
    await expect(leader.locator('#interest-header')).toContainText(reason!);
    // Reopened, the interest goes back to what its facts say.
    await page.getByLabel('Состояние').selectOption({ label: 'Возобновить' });
    await page.getByRole('button', { name: 'Применить' }).click();
    await expect(leader.locator('.page-header .interest-state')).toContainText('Подбор товаров');
    expect(reloads).toBe(0);
  } finally {
    await leaderContext.close();
    await sql.end();
  }
});

test('an interest opened from an incoming interaction takes it out of the inbox and into its feed', async ({
  page,
}) => {
  const sql = database();
  try {
    const [note] = await sql<{ id: number }[]>`
      insert into interactions (kind, direction, partner_id, body)
      select 'call', 'incoming', id, 'Звонили: нужна сплит-система в серверную' from partners where name = 'Климат-Сервис'
      returning id`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/crm/interests/new?interaction=${note!.id}`);
    await expect(page.getByText('Из входящего: Звонили: нужна сплит-система в серверную')).toBeVisible();
    await expect(page.getByLabel(/^Партнёр/)).toHaveValue('Климат-Сервис');
    await page.getByRole('button', { name: 'Создать интерес' }).click();
    await expect(page).toHaveURL(/\/crm\/interests\/\d+\?tab=products$/);
    const id = Number(/interests\/(\d+)/.exec(page.url())![1]);
    const [linked] =
      await sql`select processed, interest_id as "interestId" from interactions where id = ${note!.id}`;
    expect(linked).toEqual({ processed: true, interestId: id });
    await page.getByRole('link', { name: 'Лента' }).click();
    await expect(page.locator('#interest-feed')).toContainText('Звонок · Входящее');
  } finally {
    await sql.end();
  }
});

test("marking an interest lost on its card closes its open tasks: they leave the manager's «Мои задачи»", async ({
  page,
}) => {
  const sql = database();
  try {
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, responsible_id)
      select 'Е2Е Проигранный тендер', p.id, u.id
      from partners p, users u where p.name = 'Климат-Сервис' and u.email = 'ivanova@torg.demo'
      returning id`;
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/crm/interests/${interest!.id}?tab=tasks`);
    // A task added on the card right now is one the loss dialog asks about.
    await page.getByLabel(/^Задача/).fill('Е2Е отправить тендерную заявку');
    await page.getByLabel(/^Срок/).fill('10.01.2030 10:00');
    await page.getByRole('button', { name: 'Добавить задачу' }).click();
    await expect(page.locator('#interest-tasks')).toContainText('Е2Е отправить тендерную заявку');

    await page.getByLabel('Состояние').selectOption({ label: 'Завершён неуспешно' });
    await page.getByRole('button', { name: 'Применить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Почему интерес проигран?' });
    await dialog.getByLabel('Причина проигрыша').selectOption({ label: 'Высокая цена' });
    const question = dialog.getByRole('group', { name: 'Открытые задачи интереса (1)' });
    await expect(question.getByLabel('Закрыть (отметить выполненными)')).toBeChecked();
    await dialog.getByRole('button', { name: 'Применить' }).click();
    await expect(page.locator('.page-header .interest-state')).toContainText('Завершён неуспешно');

    await page.goto('/workplace?tab=tasks');
    await expect(page.locator('turbo-frame#tasks .task-group').first()).toBeVisible();
    await expect(page.locator('turbo-frame#tasks')).not.toContainText('Е2Е отправить тендерную заявку');
    const [saved] = await sql`
      select i.state, count(t.id)::int as tasks, count(t.done_at)::int as done
      from interests i join tasks t on t.interest_id = i.id where i.id = ${interest!.id} group by i.state`;
    expect(saved).toEqual({ state: 'lost', tasks: 1, done: 1 });
  } finally {
    await sql.end();
  }
});
