import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Locale } from '@/lib/users/users';
import { type CellKind, type ReportTable, totalsOf } from './table-export';

/**
 * A report as a PDF a leader files or sends: A4, landscape when the table is wide, the organization,
 * the report's name, its filters and the moment it was printed at the top of the first page, the
 * header row repeated on every page, «Страница N из M» at the foot. PT Sans, for Cyrillic and ₽.
 */

const fontDir = path.join(process.cwd(), 'lib/print/fonts');
const mm = 72 / 25.4;
const margin = 12 * mm;
const rowPadding = 2.5;
const fontSize = 8;

/** What a report page shows above the table, on paper too. */
export type ReportHeading = { organization: string | null; printed: string };

const numberFormats: Record<Locale, Record<Exclude<CellKind, 'text'>, Intl.NumberFormat>> = {
  ru: {
    money: new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    quantity: new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 3 }),
    percent: new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  },
  en: {
    money: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    quantity: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
    percent: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  },
};

const show = (value: string | null, kind: CellKind, locale: Locale) =>
  value === null
    ? ''
    : kind === 'text'
      ? value
      : numberFormats[locale][kind].format(value as unknown as number);

export async function tableToPdf<R>(
  table: ReportTable<R>,
  heading: ReportHeading,
  locale: Locale,
): Promise<Buffer> {
  const wide = table.columns.length > 6;
  const doc = new PDFDocument({
    size: 'A4',
    layout: wide ? 'landscape' : 'portrait',
    margin,
    bufferPages: true,
    info: { Title: table.title },
  });
  doc.registerFont('regular', path.join(fontDir, 'PTSans-Regular.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'PTSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const width = doc.page.width - 2 * margin;
  const bottom = doc.page.height - margin - 12;
  let y = margin;
  if (heading.organization) {
    doc.font('regular').fontSize(9).fillColor('#555').text(heading.organization, margin, y, { width });
    y = doc.y + 2;
  }
  doc.font('bold').fontSize(14).fillColor('#000').text(table.title, margin, y, { width });
  y = doc.y + 2;
  if (table.caption) {
    doc.font('regular').fontSize(9).text(table.caption, margin, y, { width });
    y = doc.y;
  }
  doc
    .font('regular')
    .fontSize(8)
    .fillColor('#555')
    .text(heading.printed, margin, y + 1, { width });
  y = doc.y + 8;

  // The first (text) column takes what the numbers leave.
  const numeric = table.columns.filter((c) => c.kind !== 'text').length;
  const texts = table.columns.length - numeric;
  const numberWidth = Math.min(78, (width * 0.6) / Math.max(1, numeric));
  const textWidth = (width - numberWidth * numeric) / Math.max(1, texts);
  const widths = table.columns.map((c) => (c.kind === 'text' ? textWidth : numberWidth));

  const drawRow = (cells: string[], font: 'regular' | 'bold', fill?: string) => {
    doc.font(font).fontSize(fontSize);
    const height =
      Math.max(
        ...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * rowPadding })),
      ) +
      2 * rowPadding;
    if (y + height > bottom) {
      doc.addPage();
      y = margin;
      drawHeader();
      doc.font(font).fontSize(fontSize);
    }
    if (fill) doc.rect(margin, y, width, height).fill(fill).fillColor('#000');
    let x = margin;
    cells.forEach((text, i) => {
      doc.text(text, x + rowPadding, y + rowPadding, {
        width: widths[i]! - 2 * rowPadding,
        align: table.columns[i]!.kind === 'text' ? 'left' : 'right',
      });
      x += widths[i]!;
    });
    y += height;
    doc
      .moveTo(margin, y)
      .lineTo(margin + width, y)
      .lineWidth(0.3)
      .strokeColor('#bbb')
      .stroke();
  };
  const drawHeader = () =>
    drawRow(
      table.columns.map((c) => c.label),
      'bold',
      '#eef0f3',
    );

  drawHeader();
  for (const row of table.rows) {
    const group = table.rowLevel?.(row) === 0;
    drawRow(
      table.columns.map((c, i) => {
        const text = show(c.value(row), c.kind, locale);
        return i === 0 && table.rowLevel && !group ? `    ${text}` : text;
      }),
      group ? 'bold' : 'regular',
    );
  }
  const totals = totalsOf(table);
  if (totals && table.rows.length > 0)
    drawRow(
      totals.map((v, i) => show(v, i === 0 ? 'text' : table.columns[i]!.kind, locale)),
      'bold',
      '#f0f2f5',
    );

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this pdfkit would start a page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#777')
      .text(
        locale === 'ru' ? `Страница ${i + 1} из ${pages.count}` : `Page ${i + 1} of ${pages.count}`,
        margin,
        doc.page.height - margin - 4,
        { width, align: 'right', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
