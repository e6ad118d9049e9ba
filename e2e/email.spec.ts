import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { connect } from '@/db/client';
import { saveDocument } from '@/lib/documents/save-document';
import { database, signIn } from './helpers';

/** A draft offer of the demo product to a partner's contact, saved as the document form would. */
async function offer(
  partnerId: number,
  contactId: number,
  interestId: number | null,
  author: { id: number; role: 'manager' | 'leader' | 'admin' },
) {
  const sql = database();
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  try {
    const [warehouse] = await sql<{ id: number }[]>`select id from warehouses where name = 'Основной склад'`;
    const [product] = await sql<{ id: number }[]>`
      select id from products where name = 'Кондиционер с ручным управлением'`;
    const saved = await saveDocument(
      db,
      'commercial_offer',
      null,
      {
        date: new Date().toISOString(),
        partnerId,
        contactId,
        interestId: interestId ?? undefined,
        warehouseId: warehouse!.id,
        validUntil: '2030-12-31',
        lines: [{ productId: product!.id, quantity: '2', price: '5100' }],
      },
      author,
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    return saved.id;
  } finally {
    await close();
    await sql.end();
  }
}

test('a manager emails an offer with its print forms: without Resend it lands in the outbox, readable with its files', async ({
  page,
}) => {
  const sql = database();
  try {
    const [ids] = await sql<{ partnerId: number; contactId: number; managerId: number }[]>`
      select p.id as "partnerId", c.id as "contactId", u.id as "managerId"
      from partners p join contact_persons c on c.partner_id = p.id, users u
      where p.name = 'Климат-Сервис' and c.name = 'Алексей Кузнецов' and u.email = 'ivanova@torg.demo'`;
    const [interest] = await sql<{ id: number }[]>`
      insert into interests (title, partner_id, contact_id, responsible_id)
      values ('Письмо с КП (e2e)', ${ids!.partnerId}, ${ids!.contactId}, ${ids!.managerId}) returning id`;
    const offerId = await offer(ids!.partnerId, ids!.contactId, interest!.id, {
      id: ids!.managerId,
      role: 'manager',
    });

    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/offers/${offerId}/send?back=/crm/interests/${interest!.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отправка по эл. почте');
    await expect(page.getByLabel(/^Кому/)).toHaveValue('a.kuznetsov@klimat-service.ru');
    await expect(page.getByLabel(/^Тема/)).toHaveValue(/^Коммерческое предложение № \d+ от [\d.]+ — Торг$/);
    await expect(page.getByLabel('Коммерческое предложение, PDF')).toBeChecked();
    await expect(page.getByLabel('Коммерческое предложение, XLSX')).not.toBeChecked();
    await page.getByLabel(/^Текст письма/).fill('Добрый день!\n\nНаправляем КП по кондиционерам.');
    await page.getByLabel('Коммерческое предложение, XLSX').check();
    await page.getByRole('button', { name: 'Отправить' }).click();

    await expect(page).toHaveURL(new RegExp(`/crm/interests/${interest!.id}\\?email=\\d+$`));
    const [email] = await sql`
      select e.id, e.status, e.to, i.interest_id as "interestId", i.kind, i.direction,
        (select count(*)::int from interaction_attachments a where a.interaction_id = i.id) as files,
        (select offer_status from documents where id = ${offerId}) as "offerStatus"
      from outgoing_emails e join interactions i on i.id = e.interaction_id where e.document_id = ${offerId}`;
    expect(email).toMatchObject({
      status: 'outbox',
      to: ['a.kuznetsov@klimat-service.ru'],
      interestId: interest!.id,
      kind: 'email',
      direction: 'outgoing',
      files: 2,
      offerStatus: 'sent',
    });

    await page.goto('/outbox');
    const row = page.locator('.data-table tbody tr', { has: page.locator(`a[href="/outbox/${email!.id}"]`) });
    await expect(row.locator('.badge')).toHaveText('в исходящих');
    await row.locator(`a[href="/outbox/${email!.id}"]`).click();
    const letter = page.frameLocator('iframe.letter-frame');
    await expect(letter.getByText('Здравствуйте, Алексей Кузнецов!')).toBeVisible();
    await expect(letter.getByText('Направляем КП по кондиционерам.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Повторить отправку' })).toHaveCount(0);
    const pdf = page.getByRole('link', { name: /\.pdf$/ });
    const download = await page.request.get((await pdf.getAttribute('href'))!);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.getByRole('link', { name: /\.xlsx$/ })).toBeVisible();
  } finally {
    await sql.end();
  }
});

test('an offer to a contact without an address says so, keeps what was typed and saves nothing', async ({
  page,
}) => {
  const sql = database();
  try {
    const [manager] = await sql<{ id: number }[]>`select id from users where email = 'ivanova@torg.demo'`;
    const [partner] = await sql<
      { id: number }[]
    >`insert into partners (name) values ('Без адреса (e2e)') returning id`;
    const [contact] = await sql<{ id: number }[]>`
      insert into contact_persons (partner_id, name) values (${partner!.id}, 'Ольга Безадресная') returning id`;
    const offerId = await offer(partner!.id, contact!.id, null, { id: manager!.id, role: 'manager' });

    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/offers/${offerId}/send`);
    await expect(page.locator('p.form-error')).toContainText('Впишите адрес получателя');
    await expect(page.getByLabel(/^Кому/)).toHaveValue('');
    await page.getByLabel(/^Тема/).fill('КП для Ольги');
    await page.getByRole('button', { name: 'Отправить' }).click();

    await expect(page.locator('.field.has-error')).toContainText('У контактного лица нет адреса эл. почты.');
    await expect(page.getByLabel(/^Тема/)).toHaveValue('КП для Ольги');
    await expect(page.getByLabel('Коммерческое предложение, PDF')).toBeChecked();
    const [state] = await sql`
      select (select count(*)::int from outgoing_emails where document_id = ${offerId}) as emails,
        (select count(*)::int from interactions where partner_id = ${partner!.id}) as interactions,
        (select offer_status from documents where id = ${offerId}) as "offerStatus"`;
    expect(state).toEqual({ emails: 0, interactions: 0, offerStatus: 'draft' });
  } finally {
    await sql.end();
  }
});
