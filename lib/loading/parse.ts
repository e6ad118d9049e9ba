import ExcelJS from 'exceljs';

/**
 * Bounds of one uploaded file: a 50 000-row price list of 1C is a few megabytes; twice the rows of the
 * target and a generous size leave room, and a file past them is refused before it is read.
 */
export const MAX_LOAD_FILE_MB = 30;
export const MAX_LOAD_ROWS = 100_000;
export const MAX_LOAD_COLUMNS = 60;
/** Longer cells are cut: no catalog field takes more (lib/validation/fields). */
const MAX_CELL = 2000;

export type LoadTable = { headers: string[]; rows: string[][] };

/** Why a file is not read: not XLSX or CSV, no rows, too many rows or columns. */
export class LoadFileError extends Error {
  constructor(readonly reason: 'unreadable' | 'empty' | 'too_many_rows' | 'too_many_columns') {
    super(reason);
  }
}

/** The chosen file, or why it is not taken: none chosen (or empty), or too large. */
export function checkLoadFile(
  value: FormDataEntryValue | null,
): { ok: true; file: File } | { ok: false; error: 'required' | 'too_large' } {
  if (!(value instanceof File) || value.size === 0) return { ok: false, error: 'required' };
  if (value.size > MAX_LOAD_FILE_MB * 1024 * 1024) return { ok: false, error: 'too_large' };
  return { ok: true, file: value };
}

/**
 * Reads a table the way 1C and Excel save one: XLSX (its first sheet), or CSV in UTF-8 (with or
 * without BOM) or Windows-1251, separated by `;` or `,`. The first non-empty row is the header; empty
 * rows are dropped; every cell is trimmed text.
 */
export async function parseTable(file: Uint8Array): Promise<LoadTable> {
  const isZip = file[0] === 0x50 && file[1] === 0x4b;
  const grid = isZip ? await readXlsx(file) : readCsv(decodeText(file));
  const rows = grid.filter((r) => r.some((c) => c !== ''));
  const [headers, ...body] = rows;
  if (!headers || body.length === 0) throw new LoadFileError('empty');
  if (body.length > MAX_LOAD_ROWS) throw new LoadFileError('too_many_rows');
  const width = Math.max(headers.length, ...body.map((r) => r.length));
  if (width > MAX_LOAD_COLUMNS) throw new LoadFileError('too_many_columns');
  const pad = (r: string[]) => Array.from({ length: width }, (_, i) => r[i] ?? '');
  return { headers: pad(headers), rows: body.map(pad) };
}

/** UTF-8 when the bytes are valid UTF-8 (what Excel's «CSV UTF-8» writes), else Windows-1251 (1C's). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1251').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `;` (Russian Excel and 1C) or `,`: whichever the header line has more of outside quotes. */
export function guessSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * RFC 4180 CSV in one pass: quoted cells may hold separators, newlines and doubled quotes. Stops
 * counting rows past the limit, so a huge file is refused without building all of it.
 */
export function readCsv(text: string, separator = guessSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    if (row.length > MAX_LOAD_COLUMNS) throw new LoadFileError('too_many_columns');
    row.push(cell.trim().slice(0, MAX_CELL));
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
    // The header and empty lines are not rows of data: a little slack before refusing.
    if (rows.length > MAX_LOAD_ROWS + 100) throw new LoadFileError('too_many_rows');
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) endCell();
    else if (ch === '\n') endRow();
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

async function readXlsx(file: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new LoadFileError('unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LoadFileError('empty');
  if (sheet.rowCount > MAX_LOAD_ROWS + 100) throw new LoadFileError('too_many_rows');
  if (sheet.columnCount > MAX_LOAD_COLUMNS) throw new LoadFileError('too_many_columns');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, column) => {
      cells[column - 1] = cellText(c.value).trim().slice(0, MAX_CELL);
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return rows;
}

/** A cell as the user sees it: numbers without float noise, dates as days, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toFixed(6));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('result' in value) return cellText((value.result ?? '') as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((p) => p.text).join('');
  if ('text' in value) return String(value.text);
  return '';
}
