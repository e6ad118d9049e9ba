import { type FormSheet, type PlacedCell, placeCells, type SheetCell } from './form-sheet';
import { type Font, heightOf, openPdf, pageFooters, write } from './pdf-document';

/**
 * A fixed-layout form (УПД, ТОРГ-12) as a PDF: A4 landscape, 8 mm margins, the sheet's columns scaled
 * to the page's width. Rows tied by a cell spanning down stay on one page; the lines table runs over
 * as many pages as it needs, its header repeated on each.
 */
const mm = 72 / 25.4;
const margin = 8 * mm;
const pageWidth = 841.89;
const pageHeight = 595.28;
const contentWidth = pageWidth - 2 * margin;
const bottom = pageHeight - margin - 10;
const padding = 1.2;
const minRowHeight = 7;
const fontSizes = { small: 5, normal: 6.5, large: 9 } as const;

const fontOf = (cell: SheetCell): Font => (cell.bold ? 'bold' : 'regular');
const sizeOf = (cell: SheetCell) => fontSizes[cell.size ?? 'normal'];

export async function renderSheetPdf(sheet: FormSheet, author: string): Promise<Buffer> {
  const { doc, done } = openPdf({ title: sheet.title, author, margin, layout: 'landscape' });
  const scale = contentWidth / sheet.columns.reduce((a, b) => a + b, 0);
  const lefts = sheet.columns.map(
    (_, i) => margin + sheet.columns.slice(0, i).reduce((a, b) => a + b, 0) * scale,
  );
  const widthOf = (p: PlacedCell) =>
    sheet.columns.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0) * scale;
  const textHeight = (p: PlacedCell) =>
    p.cell.text
      ? heightOf(doc, p.cell.text, widthOf(p) - 2 * padding, fontOf(p.cell), sizeOf(p.cell)) + 2 * padding
      : 0;

  const placed = placeCells(sheet);
  const starting = sheet.rows.map((): PlacedCell[] => []);
  for (const p of placed) starting[p.row]!.push(p);
  // Row heights: the tallest single-row cell; a taller spanning cell grows its last row.
  const heights = sheet.rows.map((_, r) =>
    Math.max(minRowHeight, ...starting[r]!.filter((p) => p.rowSpan === 1).map(textHeight)),
  );
  for (const p of placed.filter((p) => p.rowSpan > 1)) {
    const have = heights.slice(p.row, p.row + p.rowSpan).reduce((a, b) => a + b, 0);
    heights[p.row + p.rowSpan - 1]! += Math.max(0, textHeight(p) - have);
  }
  // Blocks: rows a cell spans together, never split over two pages.
  const blockEnd = sheet.rows.map((_, r) => r);
  for (let r = sheet.rows.length - 1; r >= 0; r--) {
    const reach = Math.max(r, ...starting[r]!.map((p) => p.row + p.rowSpan - 1));
    blockEnd[r] = reach > r ? Math.max(reach, blockEnd[reach]!) : r;
  }
  const span = (from: number, to: number) => heights.slice(from, to + 1).reduce((a, b) => a + b, 0);

  const drawCell = (p: PlacedCell, top: number) => {
    const x = lefts[p.col]!;
    const width = widthOf(p);
    const height = span(p.row, p.row + p.rowSpan - 1);
    doc.lineWidth(0.5);
    if (p.cell.border === 'box') doc.rect(x, top, width, height).stroke();
    if (p.cell.border === 'under')
      doc
        .moveTo(x + 1, top + height)
        .lineTo(x + width - 1, top + height)
        .stroke();
    if (!p.cell.text) return;
    const inner = textHeight(p);
    // Text sits on its line when written on one, in the middle of a box otherwise.
    const offset = p.cell.border === 'under' ? height - inner : (height - inner) / 2;
    write(doc, p.cell.text, x + padding, top + offset + padding, width - 2 * padding, {
      font: fontOf(p.cell),
      size: sizeOf(p.cell),
      align: p.cell.align ?? 'left',
    });
  };
  const drawRows = (from: number, to: number, top: number): number => {
    let y = top;
    for (let r = from; r <= to; r++) {
      for (const p of starting[r]!) drawCell(p, y);
      y += heights[r]!;
    }
    return y;
  };

  let head: number[] = [];
  let y = margin;
  for (let r = 0; r < sheet.rows.length; r = blockEnd[r]! + 1) {
    const row = sheet.rows[r]!;
    const end = blockEnd[r]!;
    let keep = span(r, end);
    if (row.head && !sheet.rows[r - 1]?.head) {
      head = [];
      // The whole header and the table's first line go on one page.
      let last = end;
      while (sheet.rows[last + 1]?.head) last++;
      keep = span(r, Math.min(last + 1, sheet.rows.length - 1));
    }
    if (row.head) head.push(...Array.from({ length: end - r + 1 }, (_, i) => r + i));
    const gap = row.gapBefore ?? 0;
    if (y + gap + keep > bottom && y > margin) {
      doc.addPage();
      y = margin;
      if (row.line && head.length > 0) y = drawRows(head[0]!, head.at(-1)!, y);
    } else y += gap;
    y = drawRows(r, end, y);
  }
  pageFooters(doc, sheet.title, { x: margin, y: pageHeight - margin - 9, width: contentWidth });
  doc.end();
  return done;
}
