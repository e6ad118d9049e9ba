import ExcelJS from 'exceljs';
import {
  cellValue,
  hasBankBox,
  hasLetterhead,
  type PrintColumnKey,
  type PrintForm,
  partyRows,
  partyText,
  printColumns,
  printSummary,
  printTitle,
  totalRows,
} from './print-form';

/**
 * The same document as an XLSX sheet, for a client who wants to edit or paste it: numbers are numbers
 * with formats (Russian Excel shows "#,##0.00" as 12 825,00), the table's header repeats on every
 * printed page, A4 portrait fitted to the page width.
 */

/** Column widths in characters. */
const columnWidths: Record<PrintColumnKey, number> = {
  no: 5,
  sku: 14,
  name: 44,
  quantity: 9,
  unit: 6,
  price: 13,
  discount: 12,
  amount: 14,
};
const moneyFormat = '#,##0.00';
const thin = { style: 'thin' } as const;
const box = { top: thin, left: thin, bottom: thin, right: thin };

type MergedOptions = {
  from?: number;
  to?: number;
  font?: Partial<ExcelJS.Font>;
  border?: Partial<ExcelJS.Borders>;
  align?: 'left' | 'right' | 'center';
};

export async function renderXlsx(form: PrintForm): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Sheet names are at most 31 characters and may not contain some punctuation.
  const sheet = workbook.addWorksheet(
    printTitle(form)
      .replace(/[\\/?*[\]:]/g, ' ')
      .slice(0, 31),
    {
      pageSetup: {
        paperSize: 9,
        orientation: 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.59, right: 0.59, top: 0.59, bottom: 0.59, header: 0.3, footer: 0.3 },
      },
    },
  );
  const columns = printColumns(form);
  const last = columns.length;
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = columnWidths[c.key];
  });

  /** A row with one text merged over columns from..to; its height grows with wrapped lines. */
  const merged = (
    value: ExcelJS.CellValue,
    { from = 1, to = last, font = {}, border, align = 'left' }: MergedOptions = {},
  ) => {
    const row = sheet.addRow([]);
    if (to > from) sheet.mergeCells(row.number, from, row.number, to);
    const cell = row.getCell(from);
    cell.value = value;
    cell.font = font;
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: align };
    if (border) cell.border = border;
    const text = typeof value === 'string' ? value : richTextOf(value);
    const width = columns.slice(from - 1, to).reduce((sum, c) => sum + columnWidths[c.key], 0);
    const lines = Math.ceil(((text.length + 1) * (font.size ?? 11)) / 11 / width);
    row.height = Math.max(row.height ?? 15, lines * 15);
    return row;
  };

  if (hasBankBox(form)) {
    const bank = form.sellerBank!;
    // The two-line boxes of the standard layout: the text above, its caption below.
    const upper = { to: last - 3, border: { top: thin, left: thin, right: thin } };
    const lower = { to: last - 3, border: { bottom: thin, left: thin, right: thin }, font: { size: 8 } };
    const bankRow = merged(bank.bankName, upper);
    const captionRow = merged('Банк получателя', lower);
    const innRow = merged(`ИНН ${form.seller.inn ?? ''}    КПП ${form.seller.kpp ?? ''}`, {
      ...upper,
      border: box,
    });
    merged(form.seller.name, upper);
    merged('Получатель', lower);
    // Labels and values on the right, merged down over rows that exist by now.
    const label = (row: ExcelJS.Row, text: string, value: string, rows = 1) => {
      sheet.mergeCells(row.number, last - 2, row.number + rows - 1, last - 2);
      sheet.mergeCells(row.number, last - 1, row.number + rows - 1, last);
      Object.assign(row.getCell(last - 2), { value: text, border: box, alignment: { vertical: 'top' } });
      Object.assign(row.getCell(last - 1), { value, border: box, alignment: { vertical: 'top' } });
    };
    label(bankRow, 'БИК', bank.bik);
    label(captionRow, 'Сч. №', bank.corrAccount ?? '');
    label(innRow, 'Сч. №', bank.account, 3);
    sheet.addRow([]);
  }
  if (hasLetterhead(form)) {
    merged(form.seller.name, { font: { bold: true, size: 13 } });
    merged(partyText({ ...form.seller, name: '' }).replace(/^, /, ''), { font: { size: 9 } });
    sheet.addRow([]);
  }
  merged(printTitle(form), { font: { bold: true, size: 14 } });
  sheet.addRow([]);
  for (const [label, text] of partyRows(form)) {
    merged({ richText: [{ text: `${label}: ` }, { text, font: { bold: true } }] });
  }
  sheet.addRow([]);

  const header = sheet.addRow(columns.map((c) => c.label));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = box;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  });
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  for (const line of form.lines) {
    const row = sheet.addRow(
      columns.map((c) => {
        const value = cellValue(line, c.key);
        return c.kind === 'text' ? value : Number(value);
      }),
    );
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = box;
      cell.alignment = {
        vertical: 'top',
        wrapText: c.key === 'name',
        horizontal: c.key === 'unit' ? 'center' : undefined,
      };
      // "#,##0.###" would show a whole quantity as "2," in Excel.
      if (c.kind === 'quantity') cell.numFmt = Number.isInteger(cell.value) ? '#,##0' : '#,##0.###';
      if (c.kind === 'money') cell.numFmt = moneyFormat;
    });
    const name = cellValue(line, 'name');
    row.height = Math.max(15, Math.ceil(name.length / columnWidths.name) * 15);
  }

  for (const total of totalRows(form)) {
    const row = merged(`${total.label}:`, { to: last - 1, font: { bold: true }, align: 'right' });
    const cell = row.getCell(last);
    cell.value = total.amount === null ? '—' : Number(total.amount);
    cell.numFmt = moneyFormat;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'right' };
  }
  sheet.addRow([]);
  const { count, words } = printSummary(form);
  merged(count);
  merged(words, { font: { bold: true } });
  for (const note of form.notes) merged(note, { font: { size: 9 } });
  sheet.addRow([]);
  for (const signature of form.signatures) {
    merged(`${signature.role}  ____________________  ${signature.name ?? '____________________'}`, {
      font: { bold: true },
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function richTextOf(value: ExcelJS.CellValue): string {
  return value && typeof value === 'object' && 'richText' in value
    ? value.richText.map((r) => r.text).join('')
    : '';
}
