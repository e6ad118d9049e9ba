import ExcelJS from 'exceljs';
import { type FormSheet, placeCells } from './form-sheet';

/**
 * A fixed-layout form (УПД, ТОРГ-12) as an XLSX sheet laid out like 1C's: the sheet's columns, merged
 * cells for spans, thin borders for table cells and a bottom line for fields; amounts and quantities
 * are numbers with formats. A4 landscape fitted to the page's width, the table's header repeated.
 */
const thin = { style: 'thin' } as const;
const fontSizes = { small: 7, normal: 9, large: 12 } as const;
/** Millimetres of the printed sheet to Excel's column width (characters of the default font). */
const charsPerMm = 0.52;

export async function renderSheetXlsx(sheet: FormSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.4, bottom: 0.4, header: 0.2, footer: 0.2 },
    },
  });
  sheet.columns.forEach((width, i) => {
    ws.getColumn(i + 1).width = width * charsPerMm;
  });
  // Row numbers in the sheet: a gap before a row is an empty row of its height.
  const rowNumbers: number[] = [];
  let next = 1;
  for (const row of sheet.rows) {
    if (row.gapBefore) ws.getRow(next++).height = row.gapBefore * 0.75;
    rowNumbers.push(next++);
  }
  const heights = new Map<number, number>();
  for (const p of placeCells(sheet)) {
    const top = rowNumbers[p.row]!;
    const bottom = rowNumbers[p.row + p.rowSpan - 1]!;
    const left = p.col + 1;
    const right = p.col + p.colSpan;
    if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
    const cell = ws.getCell(top, left);
    const { cell: spec } = p;
    cell.value = spec.number ? Number(spec.number.value) : spec.text;
    if (spec.number)
      cell.numFmt =
        spec.number.format === 'money' ? '#,##0.00' : Number.isInteger(cell.value) ? '#,##0' : '#,##0.###';
    const size = fontSizes[spec.size ?? 'normal'];
    cell.font = { size, bold: spec.bold ?? false };
    cell.alignment = {
      wrapText: true,
      vertical: spec.border === 'under' ? 'bottom' : 'middle',
      horizontal: spec.align ?? 'left',
    };
    // A merged range shows the borders of its own cells: each edge cell gets its side.
    if (spec.border)
      for (let r = top; r <= bottom; r++)
        for (let c = left; c <= right; c++) {
          ws.getCell(r, c).border =
            spec.border === 'under'
              ? r === bottom
                ? { bottom: thin }
                : {}
              : {
                  top: r === top ? thin : undefined,
                  bottom: r === bottom ? thin : undefined,
                  left: c === left ? thin : undefined,
                  right: c === right ? thin : undefined,
                };
        }
    // Height from the wrapped text, shared by the rows the cell spans.
    const width = sheet.columns.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0) * charsPerMm;
    const lines = spec.text
      .split('\n')
      .reduce((n, part) => n + Math.max(1, Math.ceil((part.length * size) / 10 / width)), 0);
    const perRow = (lines * size * 1.35) / p.rowSpan;
    for (let r = p.row; r < p.row + p.rowSpan; r++)
      heights.set(rowNumbers[r]!, Math.max(heights.get(rowNumbers[r]!) ?? 12, perRow));
  }
  for (const [row, height] of heights) ws.getRow(row).height = height;
  const head = sheet.rows.flatMap((row, i) => (row.head ? [rowNumbers[i]!] : []));
  if (head.length > 0) ws.pageSetup.printTitlesRow = `${head[0]}:${head.at(-1)}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
