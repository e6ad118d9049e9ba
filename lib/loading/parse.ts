import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Bounds of one uploaded file: a 50 000-row price list of 1C is a few megabytes; twice the rows of the
 * target and a generous size leave room, and a file past them is refused before it is read.
 */
export const MAX_LOAD_FILE_MB = 30;
export const MAX_LOAD_ROWS = 100_000;
export const MAX_LOAD_COLUMNS = 60;
/**
 * What an XLSX may unpack to, all its parts together: a 50 000-row sheet is some 30 MB of XML; a zip
 * bomb (a few megabytes that unpack to gigabytes) is refused at this bound before it is parsed.
 */
export const MAX_XLSX_UNPACKED_MB = 200;
/** Longer cells are cut: no catalog field takes more (lib/validation/fields). */
const MAX_CELL = 2000;

export type LoadTable = { headers: string[]; rows: string[][] };

/** Why a file is not read: not XLSX or CSV, no rows, too many rows or columns, unpacks too large. */
export class LoadFileError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'empty' | 'too_many_rows' | 'too_many_columns' | 'too_large_unpacked',
  ) {
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

/**
 * The first sheet of an XLSX, row by row: its unpacked size is bounded first (`unpackedSize`), then
 * exceljs's streaming reader parses it without building the workbook, and reading stops past the row
 * or column limit.
 */
async function readXlsx(file: Uint8Array): Promise<string[][]> {
  await unpackedSize(file, MAX_XLSX_UNPACKED_MB * 1024 * 1024);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(file)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: string[][] = [];
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const row = r as ExcelJS.Row;
        if (rows.length > MAX_LOAD_ROWS + 100) throw new LoadFileError('too_many_rows');
        if (row.cellCount > MAX_LOAD_COLUMNS) throw new LoadFileError('too_many_columns');
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (c, column) => {
          cells[column - 1] = cellText(c.value).trim().slice(0, MAX_CELL);
        });
        rows.push(Array.from(cells, (c) => c ?? ''));
      }
      break;
    }
  } catch (error) {
    if (error instanceof LoadFileError) throw error;
    throw new LoadFileError('unreadable');
  }
  return rows;
}

/**
 * The bytes a zip's entries unpack to, inflated in 16 KB steps and counted, not kept: past `limit`
 * the file is refused (`too_large_unpacked`) having held no more than a step of it. Sizes come from
 * unpacking, not from the zip's headers, which a crafted file may fill with anything.
 */
export async function unpackedSize(zip: Uint8Array, limit: number): Promise<number> {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record: 22 bytes and a comment of up to 64 KB at the file's end.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (bytes.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) throw new LoadFileError('unreadable');
  const count = bytes.readUInt16LE(end + 10);
  let entry = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (entry + 46 > bytes.length || bytes.readUInt32LE(entry) !== 0x02014b50)
      throw new LoadFileError('unreadable');
    const method = bytes.readUInt16LE(entry + 10);
    const packed = bytes.readUInt32LE(entry + 20);
    const local = bytes.readUInt32LE(entry + 42);
    entry +=
      46 + bytes.readUInt16LE(entry + 28) + bytes.readUInt16LE(entry + 30) + bytes.readUInt16LE(entry + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50)
      throw new LoadFileError('unreadable');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + packed);
    if (method === 0) total += data.length;
    else if (method === 8) total += await inflatedSize(data, limit - total);
    else throw new LoadFileError('unreadable');
    if (total > limit) throw new LoadFileError('too_large_unpacked');
  }
  return total;
}

/** What deflated `data` inflates to, stopping (too_large_unpacked) as soon as it passes `limit`. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return;
      inflate.destroy();
      reject(new LoadFileError('too_large_unpacked'));
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(new LoadFileError('unreadable')));
    inflate.end(data);
  });
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
