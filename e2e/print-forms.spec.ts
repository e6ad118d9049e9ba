import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { pdfPages } from '@/lib/print/pdf-text';
import { database, signIn } from './helpers';
import { postedShipment } from './sales-fixtures';

/** A download link's file, fetched with the page's session. */
async function download(page: Page, name: string) {
  const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  return { type: response.headers()['content-type'], body: await response.body() };
}

const plain = (text: string) => text.replace(/\s/g, ' ');

test('a posted sales document prints the УПД of both statuses and ТОРГ-12, downloads them and emails them to the outbox', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { salesId, number } = await postedShipment();
  const sql = database();
  try {
    await signIn(page, 'ivanova@torg.demo');
    await page.goto(`/documents/sales/${salesId}`);
    await page.getByRole('link', { name: 'Печатная форма' }).click();
    await expect(page.locator('.pf-sheet')).toContainText(`Расходная накладная № ${number}`);

    const forms = [
      { key: 'upd1', link: 'УПД (статус 1)', heading: `Счёт-фактура № ${number}`, status: '1' },
      { key: 'upd2', link: 'УПД (статус 2)', heading: `Счёт-фактура № ${number}`, status: '2' },
      { key: 'torg12', link: 'ТОРГ-12', heading: 'ТОВАРНАЯ НАКЛАДНАЯ', status: null },
    ];
    for (const form of forms) {
      await page.getByRole('link', { name: form.link, exact: true }).click();
      await expect(page.getByRole('link', { name: form.link, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      const sheet = page.locator('.pf-sheet');
      await expect(sheet).toContainText(form.heading);
      // 2 × 6 750,00 + 2 × 1 800,00 = 17 100,00, VAT 22 % inside: 3 083,61.
      await expect(sheet).toContainText('17 100,00');
      await expect(sheet).toContainText('3 083,61');
      await expect(sheet).toContainText('Индивидуальный предприниматель Орлов Дмитрий Сергеевич');
      if (form.status) {
        await expect(sheet.locator('td.pf-box.pf-bold', { hasText: /^[12]$/ })).toHaveText(form.status);
        await expect(sheet).toContainText('Российский рубль, 643');
      } else await expect(sheet).toContainText('0330212');
      for (const width of [1440, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `test-results/print-${form.key}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1366, height: 768 });

      const pdf = await download(page, 'PDF');
      expect(pdf.type).toBe('application/pdf');
      const text = plain((await pdfPages(pdf.body)).join(' '));
      expect(text).toContain(form.heading);
      expect(text).toContain('17 100,00');
      const xlsx = await download(page, 'XLSX');
      expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join('|');
      expect(cells).toContain(form.heading);
      expect(cells).toContain('17100');
    }

    await page.goto(`/documents/sales/${salesId}`);
    await page.getByRole('link', { name: 'Отправить по эл. почте' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отправка по эл. почте');
    await expect(page.getByLabel('Шаблон письма')).toHaveValue('sales');
    await expect(page.getByLabel(/^Кому/)).toHaveValue('orlov.ds@mail.ru');
    await expect(page.getByLabel(/^Тема/)).toHaveValue(new RegExp(`^УПД № ${number} от [\\d.]+ — Торг$`));
    await expect(page.getByLabel('УПД (статус 1), PDF')).toBeChecked();
    await expect(page.getByLabel('ТОРГ-12, XLSX')).not.toBeChecked();
    await page.getByLabel('ТОРГ-12, XLSX').check();
    await page.getByLabel('УПД (статус 2), PDF').check();
    await page.getByRole('button', { name: 'Отправить' }).click();

    await expect(page).toHaveURL(new RegExp(`/documents/sales/${salesId}\\?email=\\d+$`));
    const [email] = await sql`
      select e.id, e.status, e.template, e.to, i.kind, i.direction,
        array(select a.file_name from interaction_attachments a where a.interaction_id = i.id order by a.id) as files
      from outgoing_emails e join interactions i on i.id = e.interaction_id where e.document_id = ${salesId}`;
    expect(email).toMatchObject({
      status: 'outbox',
      template: 'sales',
      to: ['orlov.ds@mail.ru'],
      kind: 'email',
      direction: 'outgoing',
    });
    const files = email!.files as string[];
    expect(files).toHaveLength(3);
    expect(files).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^УПД_\(статус_1\)_.+\.pdf$/),
        expect.stringMatching(/^УПД_\(статус_2\)_.+\.pdf$/),
        expect.stringMatching(/^ТОРГ-12_.+\.xlsx$/),
      ]),
    );

    await page.goto(`/outbox/${email!.id}`);
    const letter = page.frameLocator('iframe.letter-frame');
    await expect(letter.getByText('Здравствуйте, Дмитрий Орлов!')).toBeVisible();
    await expect(letter.getByText('Сумма отгрузки')).toBeVisible();
    const attached = await page.request.get(
      (await page.getByRole('link', { name: /^ТОРГ-12_.+\.xlsx$/ }).getAttribute('href'))!,
    );
    expect((await attached.body()).subarray(0, 2).toString()).toBe('PK');
  } finally {
    await sql.end();
  }
});
