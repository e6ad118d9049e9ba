import path from 'node:path';
import PDFDocument from 'pdfkit';

/** What the PDF renderers share: an A4 document in PT Sans (it has Cyrillic and the ₽ sign; the PDF
 * standard fonts have neither) and writing text in a box. */

/** Read from the checkout, not the bundle: Next runs the server from the project root (so do tests). */
const fontDir = path.join(process.cwd(), 'lib/print/fonts');

export type Doc = PDFKit.PDFDocument;
export type Font = 'regular' | 'bold';

/** A buffered A4 document with the fonts registered; `done` resolves to the file after `doc.end()`. */
export function openPdf({
  title,
  author,
  margin,
  layout = 'portrait',
}: {
  title: string;
  author: string;
  margin: number;
  layout?: 'portrait' | 'landscape';
}): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin,
    bufferPages: true,
    lang: 'ru-RU',
    info: { Title: title, Author: author },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', path.join(fontDir, 'PTSans-Regular.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'PTSans-Bold.ttf'));
  return { doc, done };
}

/** Writes text into a box of the given width; returns the height it took. */
export function write(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  {
    font = 'regular',
    size = 9,
    align = 'left',
  }: { font?: Font; size?: number; align?: 'left' | 'center' | 'right' } = {},
): number {
  doc.font(font).fontSize(size).text(text, x, y, { width, align });
  return doc.heightOfString(text, { width });
}

export function heightOf(doc: Doc, text: string, width: number, font: Font = 'regular', size = 9): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width });
}

/** "Счёт на оплату № 000012 от … — страница 2 из 3" at the foot of every page of a long document. */
export function pageFooters(doc: Doc, title: string, at: { x: number; y: number; width: number }) {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would make pdfkit start yet another page.
    doc.page.margins.bottom = 0;
    write(doc, `${title} — страница ${i - start + 1} из ${count}`, at.x, at.y, at.width, {
      size: 7.5,
      align: 'right',
    });
  }
}
