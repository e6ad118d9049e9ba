/**
 * A form of a fixed layout (УПД, ТОРГ-12) as a grid of cells over one set of columns, the way 1C draws
 * them: every field, caption, signature line and table cell is a cell spanning some columns (and rows).
 * The renderers (HTML, PDF, XLSX) only lay the grid out, so the three files of one form say the same.
 */
export type SheetCell = {
  text: string;
  /** Columns and rows the cell covers; 1 when left out. */
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  size?: 'small' | 'normal' | 'large';
  /** `box`: a table cell; `under`: a line to write on (fields and signatures); nothing: plain text. */
  border?: 'box' | 'under';
  /** For XLSX: the decimal string behind a number, stored as a number with this format. */
  number?: { value: string; format: 'money' | 'quantity' };
};
export type SheetRow = {
  cells: SheetCell[];
  /** The lines table's header: repeated at the top of every page the table runs over. */
  head?: boolean;
  /** A line of the table: a page may break before it (and the header is repeated). */
  line?: boolean;
  /** Extra space above the row, in points. */
  gapBefore?: number;
};
export type FormSheet = {
  title: string;
  /** Column widths in millimetres of the printed sheet, scaled to the page's width. */
  columns: number[];
  rows: SheetRow[];
};

export type PlacedCell = { cell: SheetCell; row: number; col: number; colSpan: number; rowSpan: number };

/**
 * Where each cell lands, as an HTML table places it: a cell takes the next column not covered by a
 * cell spanning down from a row above. Throws on a row whose cells overflow the columns — a layout
 * bug that tests catch, not a user's input.
 */
export function placeCells(sheet: FormSheet): PlacedCell[] {
  const width = sheet.columns.length;
  const covered = sheet.rows.map(() => new Array<boolean>(width).fill(false));
  const placed: PlacedCell[] = [];
  sheet.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (col < width && covered[r]![col]) col++;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = Math.min(cell.rowSpan ?? 1, sheet.rows.length - r);
      if (col + colSpan > width) throw new Error(`Row ${r} of «${sheet.title}» is wider than its columns`);
      for (let i = r; i < r + rowSpan; i++) covered[i]!.fill(true, col, col + colSpan);
      placed.push({ cell, row: r, col, colSpan, rowSpan });
      col += colSpan;
    }
  });
  return placed;
}

/** Every text of the sheet in reading order, for tests and searching. */
export const sheetText = (sheet: FormSheet): string =>
  sheet.rows.flatMap((row) => row.cells.map((c) => c.text)).join(' ');
