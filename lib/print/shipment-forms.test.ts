import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactPersons, interactionAttachments, organizations, outgoingEmails, products } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { printFormsOf } from '@/lib/documents/kinds';
import { saveDocument } from '@/lib/documents/save-document';
import { composeEmail } from '@/lib/email/compose';
import { queueDocumentEmail } from '@/lib/email/send-email';
import { templatesFor } from '@/lib/email/templates';
import { draftFromDocument } from '@/lib/sales/based-on';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { documentPrintForm } from './document-print-form';
import { sheetText } from './form-sheet';
import { pdfPages } from './pdf-text';
import { formSheet } from './unified-forms';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let orderId = 0;
let salesId = 0;

async function save(kind: Parameters<typeof saveDocument>[1], values: unknown) {
  const saved = await saveDocument(test.db, kind, null, values, f.manager, { post: true });
  if (!saved.ok) throw new Error(`${kind} refused: ${JSON.stringify(saved)}`);
  return saved.id;
}

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const [conditioner, filter] = [f.products[1]!, f.products[2]!];
  await test.db.update(products).set({ vatRate: '10', unit: 'упак' }).where(eq(products.id, filter.id));
  await test.db
    .update(organizations)
    .set({ kpp: '773001001', address: 'г. Москва, ул. Бережковская, д. 20' });
  await test.db
    .insert(contactPersons)
    .values({ partnerId: f.client.id, name: 'Алексей Кузнецов', emails: ['kuznetsov@klimat.test'] });
  orderId = await save('customer_order', {
    date: '2026-11-27T10:00:00Z',
    partnerId: f.client.id,
    warehouseId: f.main.id,
    manualDiscountPercent: '5',
    prepaymentPercent: '100',
    lines: [
      { productId: conditioner.id, quantity: '2', price: '6750' },
      { productId: filter.id, quantity: '3', price: '3333.33' },
    ],
  });
  // Paid by the client's payment order № 512 the day before the shipment.
  await save('bank_receipt', {
    date: '2026-11-27T15:00:00Z',
    partnerId: f.client.id,
    bankAccountId: f.account.id,
    externalNumber: '512',
    amount: '22324.99',
    allocations: [{ orderId, amount: '22324.99' }],
  });
  const draft = (await draftFromDocument(test.db, orderId, 'sales'))!;
  salesId = await save(
    'sales',
    JSON.parse(
      JSON.stringify({ ...draft, date: '2026-11-28T10:00:00Z' }, (_, v) => (v === null ? undefined : v)),
    ),
  );
});

describe('the sales document’s УПД and ТОРГ-12 from the database', () => {
  it('are the sales document’s forms beside the waybill, and no other kind’s', async () => {
    expect(printFormsOf('sales')).toEqual(['sales', 'upd1', 'upd2', 'torg12']);
    expect(await documentPrintForm(test.db, orderId, 'upd1')).toBeNull();
  });

  it('reads the order as the basis, its payment orders, the manager and the totals per VAT rate', async () => {
    const form = (await documentPrintForm(test.db, salesId, 'upd1'))!;
    expect(form).toMatchObject({
      kind: 'upd1',
      number: '000001',
      seller: { name: 'ООО «Торг»', inn: '7730123456', kpp: '773001001' },
      buyer: { name: 'Климат-Сервис', inn: '7701234560' },
      basis: 'Заказ клиента № 000001 от 27 ноября 2026 г.',
      basisDocument: { number: '000001', date: '2026-11-27T10:00:00.000Z' },
      paymentDocuments: [{ number: '512', date: '2026-11-27T15:00:00.000Z' }],
      responsible: 'Анна Иванова',
      // 12 825,00 at 22 % (VAT 2 312,70) and 3 × 3 333,33 less 5 % = 9 499,99 at 10 % (VAT 863,64).
      totals: { amount: '22324.99', vat: '3176.34' },
    });
    expect(form.lines.map((l) => [l.vatRate, l.amount, l.vatAmount, l.unit])).toEqual([
      ['22', '12825.00', '2312.70', 'шт'],
      ['10', '9499.99', '863.64', 'упак'],
    ]);
    const text = sheetText(formSheet(form)!).replace(/\s/g, ' ');
    for (const expected of [
      '№ 512 от 27.11.2026',
      '№ п/п 1–2 № 000001 от 28.11.2026',
      '19 148,65',
      '3 176,34',
      '22 324,99',
      '778',
    ])
      expect(text).toContain(expected);
    // A transfer document alone leaves the invoice's line (5) out.
    const status2 = (await documentPrintForm(test.db, salesId, 'upd2'))!;
    expect(sheetText(formSheet(status2)!)).not.toContain('№ 512');
  });

  it('prints ТОРГ-12 with the order in the basis boxes', async () => {
    const form = (await documentPrintForm(test.db, salesId, 'torg12'))!;
    const sheet = formSheet(form)!;
    const text = sheetText(sheet).replace(/\s/g, ' ');
    expect(text).toContain('Двадцать две тысячи триста двадцать четыре рубля 99 копеек');
    expect(text).toContain('Два');
    expect(text).toContain('27.11.2026');
  });
});

describe('emailing the sales document', () => {
  const actor = () => ({ ...f.manager, email: f.manager.email, name: f.manager.name });

  it('offers the shipment letter with the УПД attached and sends the chosen forms as files', async () => {
    expect(templatesFor('sales')).toEqual(['sales']);
    const draft = (await composeEmail(test.db, salesId, 'sales'))!;
    expect(draft).toMatchObject({
      to: ['kuznetsov@klimat.test'],
      subject: 'УПД № 000001 от 28.11.2026 — ООО «Торг»',
      attachments: [{ form: 'upd1', format: 'pdf' }],
    });
    expect(draft.body.replace(/\s/g, ' ')).toContain('на сумму 22 324,99 ₽');

    const queued = await queueDocumentEmail(
      test.db,
      {
        documentId: salesId,
        template: 'sales',
        to: draft.to,
        subject: draft.subject,
        body: draft.body,
        attachments: [
          { form: 'upd1', format: 'pdf' },
          { form: 'upd2', format: 'xlsx' },
          { form: 'torg12', format: 'pdf' },
        ],
      },
      actor(),
    );
    if (!queued.ok) throw new Error(JSON.stringify(queued));
    const files = await test.db
      .select()
      .from(interactionAttachments)
      .where(eq(interactionAttachments.interactionId, queued.interactionId))
      .orderBy(asc(interactionAttachments.id));
    expect(files.map((a) => [a.fileName, a.contentType])).toEqual([
      ['УПД_(статус_1)_000001_от_28.11.2026.pdf', 'application/pdf'],
      [
        'УПД_(статус_2)_000001_от_28.11.2026.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      ['ТОРГ-12_000001_от_28.11.2026.pdf', 'application/pdf'],
    ]);
    expect((await pdfPages(files[2]!.content)).join(' ')).toContain('ТОВАРНАЯ НАКЛАДНАЯ');
    const [email] = await test.db.select().from(outgoingEmails).where(eq(outgoingEmails.id, queued.emailId));
    expect(email).toMatchObject({ template: 'sales', documentId: salesId, to: ['kuznetsov@klimat.test'] });
    expect(email!.html).toContain('Сумма отгрузки');
    expect(email!.html).toContain('Отгрузка № 000001 от 28.11.2026');
  });

  it('refuses a form the sales document does not have, writing nothing', async () => {
    const before = await test.db.select().from(outgoingEmails);
    expect(
      await queueDocumentEmail(
        test.db,
        {
          documentId: salesId,
          template: 'sales',
          to: 'kuznetsov@klimat.test',
          subject: 'УПД',
          body: 'Текст',
          attachments: [{ form: 'invoice', format: 'pdf' }],
        },
        actor(),
      ),
    ).toEqual({ ok: false, errors: { attachments: 'invalid' } });
    expect(await test.db.select().from(outgoingEmails)).toHaveLength(before.length);
  });
});
