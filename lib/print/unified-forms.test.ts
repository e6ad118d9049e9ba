import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderPrintForm } from './document-attachments';
import { type FormSheet, placeCells, sheetText } from './form-sheet';
import { pdfPages } from './pdf-text';
import { printFileName } from './print-form';
import { sampleShipment } from './test-fixtures';
import { formSheet, okeiCode, taxLines, taxTotals, torg12Sheet, updSheet } from './unified-forms';

/** The sample: 12 825,00 at 22 %, 3 × 333,33 at 10 %, 450,00 without VAT and a gift at zero. */
const shipment = sampleShipment('upd1');

/** Texts with the no-break spaces of Russian numbers as plain ones. */
const plain = (text: string) => text.replace(/\s/g, ' ');
const texts = (row: FormSheet['rows'][number]) => row.cells.map((c) => plain(c.text));

/** Every row covers each column exactly once: no holes, no overlaps. */
function coverage(sheet: FormSheet): number[][] {
  const grid = sheet.rows.map(() => sheet.columns.map(() => 0));
  for (const p of placeCells(sheet))
    for (let r = p.row; r < p.row + p.rowSpan; r++)
      for (let c = p.col; c < p.col + p.colSpan; c++) grid[r]![c]! += 1;
  return grid;
}

async function workbookText(content: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const values: unknown[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      values.push(cell.value);
    });
  });
  return { sheet, values, text: values.map(String).join('|') };
}

describe('tax figures of the fixed-layout forms', () => {
  it('splits each line into the amount without VAT and the VAT, exact to the kopeck, per rate', () => {
    const lines = taxLines(shipment);
    expect(lines.map((l) => [l.line.vatRate, l.price, l.withoutVat, l.vat, l.withVat])).toEqual([
      ['22', '5256.15', '10512.30', '2312.70', '12825.00'],
      ['10', '303.03', '909.08', '90.91', '999.99'],
      ['none', '450.00', '450.00', '0.00', '450.00'],
      ['22', '0.00', '0.00', '0.00', '0.00'],
    ]);
    for (const l of lines) expect(new Decimal(l.withoutVat).plus(l.vat).toFixed(2)).toBe(l.withVat);
    // The totals are the document's: the sum of the lines, nothing recomputed from rounded prices.
    expect(taxTotals(lines)).toEqual({
      quantity: '7',
      withoutVat: '11871.38',
      vat: '2403.61',
      withVat: '14274.99',
    });
    expect(taxTotals(lines).vat).toBe(shipment.totals.vat);
    expect(taxTotals(lines).withVat).toBe(shipment.totals.amount);
  });

  it('gives units their ОКЕИ codes and a dash for a unit the classifier does not list', () => {
    expect(['шт', 'шт.', 'Кг', 'упак', 'м²', 'коробка'].map(okeiCode)).toEqual([
      '796',
      '796',
      '166',
      '778',
      '055',
      '—',
    ]);
  });
});

describe('the УПД', () => {
  const status1 = updSheet(shipment, 1);
  const status2 = updSheet(shipment, 2);

  it('lays every row over the 19 columns of the form without holes or overlaps', () => {
    for (const sheet of [status1, status2, torg12Sheet(shipment)])
      for (const row of coverage(sheet)) expect(row).toEqual(sheet.columns.map(() => 1));
    expect(status1.columns).toHaveLength(19);
  });

  it('prints the columns of the form with their numbers and a line per product', () => {
    const numbers = status1.rows.find((r) => r.head && r.cells[0]!.text === 'А')!;
    expect(numbers.cells.map((c) => c.text)).toEqual([
      'А',
      'Б',
      '1',
      '1а',
      '2',
      '2а',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '10а',
      '11',
      '12',
      '12а',
      '13',
    ]);
    const lines = status1.rows.filter((r) => r.line).map(texts);
    expect(lines[0]!.slice(0, 13)).toEqual([
      '1',
      'KOND-NO-09',
      'Кондиционер без управления',
      '—',
      '796',
      'шт',
      '2',
      '5 256,15',
      '10 512,30',
      'без акциза',
      '22%',
      '2 312,70',
      '12 825,00',
    ]);
    expect(lines[1]!.slice(4, 13)).toEqual([
      '778',
      'упак',
      '3',
      '303,03',
      '909,08',
      'без акциза',
      '10%',
      '90,91',
      '999,99',
    ]);
    expect(lines[2]!.slice(10, 13)).toEqual(['без НДС', 'без НДС', '450,00']);
    expect(lines[3]![2]).toBe('Соковыжималка (подарок)');
    const total = status1.rows.find((r) => r.cells[0]?.text === 'Всего к оплате (9)')!;
    expect(texts(total)).toEqual(['Всего к оплате (9)', '11 871,38', 'Х', '2 403,61', '14 274,99', '']);
  });

  it('names the seller, buyer, consignee, the shipping document, the currency and the basis', () => {
    const text = plain(sheetText(status1));
    for (const expected of [
      'Счёт-фактура № 000012 от 27 ноября 2026 г.',
      'ООО «Торг»',
      '7730123456/773001001',
      'ООО «Климат-Сервис», г. Москва, ул. Летниковская, д. 10',
      '7701234560/770101001',
      '№ п/п 1–4 № 000012 от 27.11.2026',
      'Российский рубль, 643',
      'Заказ клиента № 000012 от 27 ноября 2026 г.',
      'Иванова О. Н.',
      'Главный бухгалтер или иное уполномоченное лицо',
      'Товар (груз) получил / услуги, результаты работ, права принял',
    ])
      expect(text).toContain(expected);
  });

  it('differs between status 1 and 2 only in the status, the payment documents of line (5) and the title', () => {
    const cellsOf = (sheet: FormSheet) => sheet.rows.map((r) => r.cells.map((c) => c.text));
    const a = cellsOf(status1);
    const b = cellsOf(status2);
    const differences = a.flatMap((row, r) =>
      row.flatMap((text, c) => (text === b[r]![c] ? [] : [[text, b[r]![c]]])),
    );
    expect(differences).toEqual([
      ['1', '2'],
      ['№ 512 от 26.11.2026', '—'],
    ]);
    expect(status1.title).toBe(
      'Универсальный передаточный документ (статус 1) № 000012 от 27 ноября 2026 г.',
    );
    expect(status2.title).toContain('(статус 2)');
    expect(printFileName(sampleShipment('upd2'), 'pdf')).toBe('УПД_(статус_2)_000012_от_27.11.2026.pdf');
  });

  it('renders a one-page PDF and an XLSX with numbers as numbers', async () => {
    const pdf = await renderPrintForm(shipment, 'pdf');
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.fileName).toBe('УПД_(статус_1)_000012_от_27.11.2026.pdf');
    const pages = await pdfPages(pdf.content);
    expect(pages).toHaveLength(1);
    for (const expected of [
      'Универсальный передаточный документ',
      'Счёт-фактура № 000012 от 27 ноября 2026 г.',
      'Кондиционер без управления',
      '10 512,30',
      '11 871,38',
      '2 403,61',
      '14 274,99',
      'Российский рубль, 643',
      '№ 512 от 26.11.2026',
    ])
      expect(pages[0]).toContain(expected);

    const xlsx = await renderPrintForm(sampleShipment('upd2'), 'xlsx');
    expect(xlsx.fileName).toBe('УПД_(статус_2)_000012_от_27.11.2026.xlsx');
    const { sheet, values, text } = await workbookText(xlsx.content);
    expect(text).toContain('Универсальный передаточный документ');
    expect(text).toContain('Счёт-фактура № 000012 от 27 ноября 2026 г.');
    expect(values).toContain(11871.38);
    expect(values).toContain(2403.61);
    expect(values).toContain(14274.99);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    // The table header (three rows) repeats on every printed page.
    expect(sheet.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
  });

  it('runs a long document over pages with the table header on each and the totals exact', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      ...shipment.lines[1]!,
      no: i + 1,
      name: `Фильтр угольный, модель ${i + 1}`,
    }));
    const long = {
      ...shipment,
      lines,
      totals: {
        ...shipment.totals,
        amount: Decimal.sum(...lines.map((l) => l.amount)).toFixed(2),
        vat: Decimal.sum(...lines.map((l) => l.vatAmount)).toFixed(2),
      },
    };
    expect(taxTotals(taxLines(long))).toMatchObject({
      withoutVat: '72726.40',
      vat: '7272.80',
      withVat: '79999.20',
    });
    const pages = await pdfPages((await renderPrintForm(long, 'pdf')).content);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(0, -1)) expect(page).toContain('Наименование товара');
    expect(pages.join(' ')).toContain('79 999,20');
    expect(pages.at(-1)).toContain(`страница ${pages.length} из ${pages.length}`);
  });
});

describe('ТОРГ-12', () => {
  const torg12 = sampleShipment('torg12');

  it('has the form’s header, codes, columns, totals and the amount in words', () => {
    const sheet = formSheet(torg12)!;
    const text = plain(sheetText(sheet));
    for (const expected of [
      'Унифицированная форма № ТОРГ-12',
      'Форма по ОКУД',
      '0330212',
      'ТОВАРНАЯ НАКЛАДНАЯ',
      'Грузополучатель',
      'Поставщик',
      'Плательщик',
      'р/с 40702810938000012345 в ПАО Сбербанк, г. Москва, БИК 044525225, к/с 30101810400000000225',
      'Заказ клиента № 000012 от 27 ноября 2026 г.',
      'Сумма без учёта НДС, руб. коп.',
      'Четыре',
      'Четырнадцать тысяч двести семьдесят четыре рубля 99 копеек',
      'Отпуск груза разрешил',
      'Груз получил грузополучатель',
    ])
      expect(text).toContain(expected);
    const basis = sheet.rows.find((r) => r.cells.some((c) => c.text === 'номер'))!;
    expect(basis.cells.at(-1)!.text).toBe('000012');
    const total = sheet.rows.find((r) => r.cells[0]?.text === 'Всего по накладной')!;
    expect(texts(total)).toEqual([
      'Всего по накладной',
      '',
      '',
      '7',
      'Х',
      '11 871,38',
      'Х',
      '2 403,61',
      '14 274,99',
    ]);
    const line = texts(sheet.rows.filter((r) => r.line)[2]!);
    expect(line.slice(9)).toEqual(['1', '450,00', '450,00', 'без НДС', '—', '450,00']);
  });

  it('renders a one-page PDF and an XLSX with the key texts', async () => {
    const pdf = await renderPrintForm(torg12, 'pdf');
    expect(pdf.fileName).toBe('ТОРГ-12_000012_от_27.11.2026.pdf');
    const pages = await pdfPages(pdf.content);
    expect(pages).toHaveLength(1);
    for (const expected of [
      'ТОВАРНАЯ НАКЛАДНАЯ',
      '0330212',
      '14 274,99',
      'Четырнадцать тысяч двести семьдесят',
    ])
      expect(pages[0]).toContain(expected);
    const { values, text } = await workbookText((await renderPrintForm(torg12, 'xlsx')).content);
    expect(text).toContain('ТОВАРНАЯ НАКЛАДНАЯ');
    expect(text).toContain('0330212');
    expect(values).toContain(14274.99);
    expect(values).toContain(11871.38);
  });

  it('leaves the freely laid out forms to their own renderers', () => {
    expect(formSheet(sampleShipment('sales'))).toBeNull();
  });
});
