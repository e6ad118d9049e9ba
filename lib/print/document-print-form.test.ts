import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations, products } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { renderDocumentAttachments } from './document-attachments';
import { documentPrintForm } from './document-print-form';
import { pdfPages } from './pdf-text';

const test = isolatedDatabase();
let order: number;
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const [juicer, conditioner] = f.products;
  await test.db.update(products).set({ giftable: true }).where(eq(products.id, juicer!.id));
  await test.db
    .update(products)
    .set({ name: 'Кондиционер без управления' })
    .where(eq(products.id, conditioner!.id));
  await test.db
    .update(organizations)
    .set({ kpp: '773001001', address: 'г. Москва, ул. Бережковская, д. 20' });
  const saved = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-27T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      manualDiscountPercent: '5',
      prepaymentPercent: '100',
      lines: [
        { productId: conditioner!.id, quantity: '2', price: '6750' },
        { productId: juicer!.id, quantity: '1', price: '0', gift: true },
      ],
    },
    f.manager,
    { post: true },
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  order = saved.id;
});

describe('print forms of documents', () => {
  it('builds the invoice for payment from the order with our bank details', async () => {
    const form = (await documentPrintForm(test.db, order, 'invoice'))!;
    expect(form).toMatchObject({
      kind: 'invoice',
      number: '000001',
      seller: { name: 'ООО «Торг»', inn: '7730123456', kpp: '773001001' },
      sellerBank: { bik: '044525225', account: '40702810938000012345' },
      buyer: { name: 'Климат-Сервис', inn: '7701234560' },
      totals: { withoutDiscount: '13500.00', discount: '675.00', amount: '12825.00', vat: '2312.70' },
    });
    expect(form.lines.map((l) => [l.name, l.amount, l.gift])).toEqual([
      ['Кондиционер без управления', '12825.00', false],
      ['Соковыжималка', '0.00', true],
    ]);
    expect(await documentPrintForm(test.db, order, 'sales')).toBeNull();
  });

  it("ends the offer's validity with the date's own full stop, not a second one", async () => {
    const saved = await saveDocument(
      test.db,
      'commercial_offer',
      null,
      {
        date: '2026-11-27T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        validUntil: '2026-12-11',
        lines: [{ productId: f.products[0]!.id, quantity: '1', price: '1000' }],
      },
      f.manager,
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const form = (await documentPrintForm(test.db, saved.id, 'offer'))!;
    expect(form.notes).toContain('Предложение действительно до 11 декабря 2026 г.');
    expect(form.notes.join(' ')).not.toContain('г..');
  });

  it('renders the chosen forms as files whose text reads in Russian', async () => {
    const [pdf, xlsx] = await renderDocumentAttachments(test.db, order, [
      { form: 'invoice', format: 'pdf' },
      { form: 'order', format: 'xlsx' },
    ]);
    expect(pdf!.fileName).toBe('Счёт_на_оплату_000001_от_27.11.2026.pdf');
    expect(pdf!.contentType).toBe('application/pdf');
    const text = (await pdfPages(pdf!.content)).join(' ');
    for (const expected of [
      'Счёт на оплату № 000001 от 27 ноября 2026 г.',
      'Кондиционер без управления',
      'Соковыжималка (подарок)',
      '12 825,00',
      'Двенадцать тысяч восемьсот двадцать пять рублей 00 копеек',
      'Предоплата 100 % до отгрузки.',
    ])
      expect(text).toContain(expected);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx!.content as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('Кондиционер без управления');
    expect(cells).toContain('12825');
  });
});
