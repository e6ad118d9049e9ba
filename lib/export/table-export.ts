import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Locale } from '@/lib/users/users';
import { type ReportHeading, tableToPdf } from './table-pdf';

/**
 * One description of a report table serves the page, the print view and the XLSX / CSV files, so
 * what the user sees and what they download cannot drift apart.
 */
export type CellKind = 'text' | 'quantity' | 'money' | 'percent';

/** `value` and `link` are methods, so any report's table can be passed where `ReportTable<unknown>` is taken. */
export type ReportColumn<R> = {
  label: string;
  kind: CellKind;
  /** Decimal strings for quantity and money; null shows as an empty cell. */
  value(row: R): string | null;
  /** Where the cell links to on the page (files ignore it). */
  link?(row: R): string | undefined;
  /** Summed into the totals row. */
  total?: boolean;
  /** The totals row's value when it is not a sum (a percentage of two sums). */
  totalOf?(rows: R[]): string | null;
};

export type ReportTable<R> = {
  title: string;
  /** Filters in words ("Период: … Склад: …"), printed under the title. */
  caption?: string;
  columns: ReportColumn<R>[];
  rows: R[];
  /** What the reader must see first, above the table (the calendar's first day short of money). */
  notice?: { text: string; alert: boolean };
  /** The label of the totals row; without it there is none. */
  totalsLabel?: string;
  /**
   * Grouped reports: 0 for a group's row (a manager), 1 for the rows under it (their interests). The
   * totals sum the group rows only.
   */
  rowLevel?(row: R): 0 | 1;
};

/** The totals row: `total` columns summed exactly, the label in the first column. */
export function totalsOf<R>(table: ReportTable<R>): (string | null)[] | null {
  if (!table.totalsLabel) return null;
  const rows = table.rowLevel ? table.rows.filter((r) => table.rowLevel!(r) === 0) : table.rows;
  return table.columns.map((c, i) => {
    if (c.totalOf) return c.totalOf(rows);
    if (c.total) return Decimal.sum(0, ...rows.map((r) => c.value(r) ?? 0)).toFixed();
    return i === 0 ? table.totalsLabel! : null;
  });
}

/** A share in percent of two decimal strings, to one decimal place; null when the base is zero. */
export function percentOf(part: Decimal.Value, base: Decimal.Value): string | null {
  const b = new Decimal(base);
  return b.isZero() ? null : new Decimal(part).div(b).times(100).toDecimalPlaces(1).toFixed(1);
}

function cells<R>(table: ReportTable<R>): (string | null)[][] {
  const body = table.rows.map((r) => table.columns.map((c) => c.value(r)));
  const totals = totalsOf(table);
  return totals ? [...body, totals] : body;
}

const numberFormat: Record<CellKind, string | undefined> = {
  text: undefined,
  quantity: '#,##0.###',
  money: '#,##0.00',
  percent: '0.0',
};

/**
 * An XLSX workbook: the title and caption, then the header and rows. Numbers go in as numbers so that
 * Excel can sum them; the sums on the page and in CSV stay exact decimals.
 */
export async function tableToXlsx<R>(table: ReportTable<R>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31));
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  sheet.addRow([table.caption ?? '']);
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  const headerRow = header.number;
  const data = cells(table);
  data.forEach((values, i) => {
    const row = sheet.addRow(
      values.map((v, col) => (v !== null && table.columns[col]!.kind !== 'text' ? Number(v) : v)),
    );
    if (table.totalsLabel && i === data.length - 1) row.font = { bold: true };
  });
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.numFmt = numberFormat[c.kind] ?? '@';
    column.width =
      c.kind === 'text' ? Math.min(60, Math.max(12, ...data.map((r) => (r[i] ?? '').length + 2))) : 14;
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * CSV as Excel opens it by double click: UTF-8 with a BOM (else Cyrillic breaks), and for Russian the
 * semicolon separator with a decimal comma, which is what Russian Excel expects.
 */
export function tableToCsv<R>(table: ReportTable<R>, locale: Locale): string {
  const separator = locale === 'ru' ? ';' : ',';
  const decimal = locale === 'ru' ? ',' : '.';
  const field = (value: string | null, kind: CellKind) => {
    if (value === null) return '';
    if (kind !== 'text') return value.replace('.', decimal);
    // A leading = + - @ would make a spreadsheet run the text as a formula.
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\n\r,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
    table.columns.map((c) => field(c.label, 'text')),
    ...cells(table).map((values) => values.map((v, i) => field(v, table.columns[i]!.kind))),
  ];
  return `\uFEFF${lines.map((l) => l.join(separator)).join('\r\n')}\r\n`;
}

export const exportFormats = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;
export type ExportFormat = keyof typeof exportFormats;

/** The file for a download, in the format asked for; a PDF carries the page's heading too. */
export async function exportTable<R>(
  table: ReportTable<R>,
  format: ExportFormat,
  locale: Locale,
  heading: ReportHeading,
): Promise<Buffer> {
  if (format === 'pdf') return tableToPdf(table, heading, locale);
  return format === 'xlsx' ? tableToXlsx(table) : Buffer.from(tableToCsv(table, locale), 'utf8');
}
