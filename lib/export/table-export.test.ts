import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ReportTable, tableToCsv, tableToXlsx } from './table-export';

type Row = { name: string; qty: string; price: string | null };
const table: ReportTable<Row> = {
  title: 'Остатки',
  caption: 'Склад: Все склады',
  totalsLabel: 'Итого',
  rows: [
    { name: 'Кондиционер "Бриз"; белый', qty: '1.500', price: '5100.00' },
    { name: '=HYPERLINK("x")', qty: '-2.000', price: null },
  ],
  columns: [
    { label: 'Номенклатура', kind: 'text', value: (r) => r.name },
    { label: 'Количество', kind: 'quantity', value: (r) => r.qty, total: true },
    { label: 'Цена', kind: 'money', value: (r) => r.price },
  ],
};

describe('table export', () => {
  it('writes an XLSX with title, header, numbers as numbers and the totals row', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(table)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(sheet.name).toBe('Остатки');
    expect(values(1)).toEqual(['Остатки']);
    expect(values(2)).toEqual(['Склад: Все склады']);
    expect(values(3)).toEqual(['Номенклатура', 'Количество', 'Цена']);
    expect(values(4)).toEqual(['Кондиционер "Бриз"; белый', 1.5, 5100]);
    expect(values(5)).toEqual(['=HYPERLINK("x")', -2]);
    expect(values(6)).toEqual(['Итого', -0.5]);
    expect(sheet.getCell('C4').numFmt).toBe('#,##0.00');
  });

  it('writes CSV with a BOM, the locale separator and decimal mark, quoting and no formulas', () => {
    expect(tableToCsv(table, 'ru')).toBe(
      '\uFEFFНоменклатура;Количество;Цена\r\n' +
        '"Кондиционер ""Бриз""; белый";1,500;5100,00\r\n' +
        `"'=HYPERLINK(""x"")";-2,000;\r\n` +
        'Итого;-0,5;\r\n',
    );
    expect(tableToCsv(table, 'en').split('\r\n')[1]).toBe('"Кондиционер ""Бриз""; белый",1.500,5100.00');
  });
});
