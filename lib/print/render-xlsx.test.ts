import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from './render-xlsx';
import { longInvoice, sampleInvoice, sampleOffer } from './test-fixtures';

async function readSheet(xlsx: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** Every row's cell values, rich text as plain text, whitespace (no-break too) as single spaces. */
function rows(sheet: ExcelJS.Worksheet): (string | number)[][] {
  const result: (string | number)[][] = [];
  sheet.eachRow((row) => {
    const values: (string | number)[] = [];
    row.eachCell((cell) => {
      const v = cell.value;
      if (cell.isMerged && cell.master !== cell) return;
      const text = v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v;
      if (typeof text === 'number') values.push(text);
      else if (typeof text === 'string') values.push(text.replace(/\s+/g, ' '));
    });
    result.push(values);
  });
  return result;
}

describe('renderXlsx', () => {
  it('writes the invoice: bank details, parties, numeric lines and totals, the amount in words', async () => {
    const sheet = await readSheet(await renderXlsx(sampleInvoice()));
    const all = rows(sheet);
    const texts = all.flat().filter((v) => typeof v === 'string');
    expect(texts).toEqual(
      expect.arrayContaining([
        'ПАО Сбербанк, г. Москва',
        'БИК',
        '044525225',
        '40702810938000012345',
        'Счёт на оплату № 000012 от 27 ноября 2026 г.',
        'Всего наименований 2, на сумму 12 825,00 руб.',
        'Двенадцать тысяч восемьсот двадцать пять рублей 00 копеек',
        'Оплатить не позднее 4 декабря 2026 г.',
      ]),
    );
    expect(texts.some((t) => t.startsWith('Поставщик (Исполнитель): ООО «Торг», ИНН 7730123456'))).toBe(true);
    expect(all).toContainEqual([
      '№',
      'Артикул',
      'Товары (работы, услуги)',
      'Кол-во',
      'Ед.',
      'Цена',
      'Скидка',
      'Сумма',
    ]);
    expect(all).toContainEqual([1, 'KOND-NO-09', 'Кондиционер без управления', 2, 'шт', 6750, 675, 12825]);
    expect(all).toContainEqual([2, 'SOK-01', 'Соковыжималка (подарок)', 1, 'шт', 0, 0, 0]);
    expect(all).toContainEqual(['Итого:', 12825]);
    expect(all).toContainEqual(['В том числе НДС (22%):', 2312.7]);
    expect(all).toContainEqual(['Всего к оплате:', 12825]);

    let header = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === '№') header = number;
    });
    const line = sheet.getRow(header + 1);
    expect(line.getCell(8).numFmt).toBe('#,##0.00');
    expect(line.getCell(4).numFmt).toBe('#,##0');
    expect(sheet.getRow(header).getCell(3).font?.bold).toBe(true);
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
    expect(sheet.getColumn(3).width).toBeGreaterThan(30);
  });

  it('writes the offer without the bank box and without the discount column when there is none', async () => {
    const offer = sampleOffer();
    const all = rows(await readSheet(await renderXlsx(offer)));
    expect(all.flat()).not.toContain('Банк получателя');
    expect(all).toContainEqual([
      1,
      'KOND-MAN-09',
      'Кондиционер с ручным управлением',
      1,
      'шт',
      5100,
      255,
      4845,
    ]);
    expect(all).toContainEqual(['Всего:', 11257.5]);

    const plain = rows(await readSheet(await renderXlsx(longInvoice(3))));
    expect(plain).toContainEqual([
      '№',
      'Артикул',
      'Товары (работы, услуги)',
      'Кол-во',
      'Ед.',
      'Цена',
      'Сумма',
    ]);
    expect(plain.filter((r) => typeof r[0] === 'number')).toHaveLength(3);
  });
});
