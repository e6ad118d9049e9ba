import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cashDesks, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { renderDocumentAttachments } from './document-attachments';
import { documentPrintForm } from './document-print-form';
import { placeCells, sheetText } from './form-sheet';
import { pdfPages } from './pdf-text';
import { formSheet } from './unified-forms';

const test = isolatedDatabase();
let pko: number;
let rko: number;

beforeAll(async () => {
  const f = await salesFixtures(test.db);
  const [desk] = await test.db.insert(cashDesks).values({ name: 'Основная касса' }).returning();
  const [employee] = await test.db
    .insert(users)
    .values({ email: 'petrov@test', name: 'Петров Пётр Петрович', role: 'manager', passwordHash: '-' })
    .returning();
  const order = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-27T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      lines: [{ productId: f.products[0]!.id, quantity: '1', price: '12825', action: 'none' }],
    },
    { id: f.manager.id, role: 'leader' },
    { post: true },
  );
  if (!order.ok) throw new Error(JSON.stringify(order));
  const receipt = await saveDocument(
    test.db,
    'cash_receipt',
    null,
    {
      date: '2026-11-28T10:00:00Z',
      partnerId: f.client.id,
      cashDeskId: desk!.id,
      amount: '12825',
      allocations: [{ orderId: order.id, amount: '12825' }],
    },
    null,
    { post: true },
  );
  const payment = await saveDocument(
    test.db,
    'cash_payment',
    null,
    {
      date: '2026-11-29T10:00:00Z',
      cashDeskId: desk!.id,
      paymentKind: 'employee_advance',
      employeeId: employee!.id,
      amount: '5000',
    },
    null,
    { post: true },
  );
  if (!receipt.ok || !payment.ok) throw new Error(JSON.stringify([receipt, payment]));
  [pko, rko] = [receipt.id, payment.id];
});

describe('cash orders on paper', () => {
  it('ПКО (КО-1): the order and its receipt, from whom, for which order, the amount in words', async () => {
    const form = (await documentPrintForm(test.db, pko, 'pko'))!;
    const sheet = formSheet(form)!;
    expect(() => placeCells(sheet)).not.toThrow();
    const text = sheetText(sheet);
    for (const expected of [
      'Унифицированная форма № КО-1',
      '0310001',
      'ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР',
      'КВИТАНЦИЯ',
      'Климат-Сервис',
      'Основная касса',
      'Оплата по заказу клиента № 000001 от 27 ноября 2026 г.',
      'Двенадцать тысяч восемьсот двадцать пять рублей 00 копеек',
      '50.01',
      '62.01',
    ])
      expect(text).toContain(expected);
    // A cash order is not an invoice: a shipment's forms are not offered for it.
    expect(await documentPrintForm(test.db, pko, 'upd1')).toBeNull();
  });

  it('РКО (КО-2): paid to the employee as an advance, and as PDF and XLSX', async () => {
    const form = (await documentPrintForm(test.db, rko, 'rko'))!;
    const text = sheetText(formSheet(form)!);
    for (const expected of [
      'Унифицированная форма № КО-2',
      '0310002',
      'РАСХОДНЫЙ КАССОВЫЙ ОРДЕР',
      'Петров Пётр Петрович',
      'Выдача под отчёт',
      'Пять тысяч рублей 00 копеек',
      '71.01',
      'Выдал кассир',
    ])
      expect(text).toContain(expected);
    const [pdf, xlsx] = await renderDocumentAttachments(test.db, rko, [
      { form: 'rko', format: 'pdf' },
      { form: 'rko', format: 'xlsx' },
    ]);
    expect(pdf!.fileName).toBe('Расходный_кассовый_ордер_000001_от_29.11.2026.pdf');
    const pages = await pdfPages(pdf!.content);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('РАСХОДНЫЙ КАССОВЫЙ ОРДЕР');
    expect(pages[0]).toContain('5 000,00');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx!.content as unknown as ArrayBuffer);
    const values: unknown[] = [];
    book.worksheets[0]!.eachRow((r) => {
      r.eachCell((c) => {
        values.push(c.value);
      });
    });
    expect(values).toContain(5000);
  });
});
