import { type Doc, type Font, heightOf, openPdf, pageFooters, write } from './pdf-document';
import {
  cellText,
  hasBankBox,
  hasLetterhead,
  type PrintColumn,
  type PrintColumnKey,
  type PrintForm,
  partyRows,
  partyText,
  printColumns,
  printMoney,
  printSummary,
  printTitle,
  totalRows,
} from './print-form';

/**
 * The PDF as a Russian business sends it: A4, 15 mm margins, PT Sans (it has Cyrillic and the ₽ sign;
 * the PDF standard fonts have neither). The invoice opens with the bank details box of the standard
 * layout, the offer with the seller's letterhead. The lines table runs over as many pages as it needs,
 * its header repeated on each.
 */

const mm = 72 / 25.4;
const margin = 15 * mm;
const pageWidth = 595.28;
const pageHeight = 841.89;
const contentWidth = pageWidth - 2 * margin;
const bottom = pageHeight - margin;
/** Room kept at the foot of each page for "Страница N из M". */
const footerRoom = 14;

/** Fixed widths in points; the name takes what is left. */
const columnWidths: Record<Exclude<PrintColumnKey, 'name'>, number> = {
  no: 22,
  sku: 70,
  quantity: 38,
  unit: 28,
  price: 58,
  discount: 52,
  amount: 66,
};

function rule(doc: Doc, y: number, thickness: number) {
  doc
    .moveTo(margin, y)
    .lineTo(margin + contentWidth, y)
    .lineWidth(thickness)
    .stroke();
}

/** A new page when `height` does not fit on this one; the y to draw at. */
function room(doc: Doc, y: number, height: number): number {
  if (y + height <= bottom - footerRoom) return y;
  doc.addPage();
  return margin;
}

/** The standard invoice box: bank, BIK and correspondent account; INN, KPP; recipient and account. */
function bankBox(doc: Doc, form: PrintForm, y: number): number {
  const bank = form.sellerBank!;
  const left = 290;
  const label = 42;
  const x = [margin, margin + left / 2, margin + left, margin + left + label, margin + contentWidth];
  const row = 14;
  const small = { size: 7.5 };
  doc.lineWidth(0.5);
  // Bank: two rows on the left, BIK and the correspondent account on the right.
  doc.rect(x[0]!, y, left, 2 * row).stroke();
  write(doc, bank.bankName, x[0]! + 3, y + 2, left - 6, { size: 9 });
  write(doc, 'Банк получателя', x[0]! + 3, y + row + 5, left - 6, small);
  doc.rect(x[2]!, y, label, row).stroke();
  doc.rect(x[3]!, y, x[4]! - x[3]!, row).stroke();
  doc.rect(x[2]!, y + row, label, row).stroke();
  doc.rect(x[3]!, y + row, x[4]! - x[3]!, row).stroke();
  write(doc, 'БИК', x[2]! + 3, y + 2, label - 6);
  write(doc, bank.bik, x[3]! + 3, y + 2, x[4]! - x[3]! - 6);
  write(doc, 'Сч. №', x[2]! + 3, y + row + 2, label - 6);
  write(doc, bank.corrAccount ?? '', x[3]! + 3, y + row + 2, x[4]! - x[3]! - 6);
  // Recipient: INN and KPP, then the name; the settlement account beside them.
  const top = y + 2 * row;
  doc.rect(x[0]!, top, left / 2, row).stroke();
  doc.rect(x[1]!, top, left / 2, row).stroke();
  doc.rect(x[0]!, top + row, left, 2 * row).stroke();
  doc.rect(x[2]!, top, label, 3 * row).stroke();
  doc.rect(x[3]!, top, x[4]! - x[3]!, 3 * row).stroke();
  write(doc, `ИНН ${form.seller.inn ?? ''}`, x[0]! + 3, top + 2, left / 2 - 6);
  write(doc, `КПП ${form.seller.kpp ?? ''}`, x[1]! + 3, top + 2, left / 2 - 6);
  write(doc, form.seller.name, x[0]! + 3, top + row + 2, left - 6, { size: 9 });
  write(doc, 'Получатель', x[0]! + 3, top + 2 * row + 5, left - 6, small);
  write(doc, 'Сч. №', x[2]! + 3, top + 2, label - 6);
  write(doc, bank.account, x[3]! + 3, top + 2, x[4]! - x[3]! - 6);
  return top + 3 * row + 16;
}

/** The seller's name and requisites over a thin rule, for the forms without the bank box. */
function letterhead(doc: Doc, form: PrintForm, y: number): number {
  let next = y + write(doc, form.seller.name, margin, y, contentWidth, { font: 'bold', size: 12 });
  const requisites = partyText({ ...form.seller, name: '' }).replace(/^, /, '');
  if (requisites) next += write(doc, requisites, margin, next + 1, contentWidth, { size: 8.5 }) + 1;
  rule(doc, next + 4, 0.5);
  return next + 16;
}

function title(doc: Doc, form: PrintForm, y: number): number {
  const height = write(doc, printTitle(form), margin, y, contentWidth, { font: 'bold', size: 14 });
  rule(doc, y + height + 3, 1.5);
  return y + height + 12;
}

/** "Поставщик (Исполнитель): ООО «Торг», ИНН …" rows, the value in bold. */
function parties(doc: Doc, form: PrintForm, y: number): number {
  const rows = partyRows(form);
  doc.font('regular').fontSize(9.5);
  const labelWidth = Math.max(...rows.map(([label]) => doc.widthOfString(`${label}:`))) + 10;
  let next = y;
  for (const [label, value] of rows) {
    write(doc, `${label}:`, margin, next, labelWidth, { size: 9.5 });
    next +=
      write(doc, value, margin + labelWidth, next, contentWidth - labelWidth, { font: 'bold', size: 9.5 }) +
      5;
  }
  return next + 6;
}

const cellPadding = 3;

function linesTable(doc: Doc, form: PrintForm, y: number, columns: PrintColumn[]): number {
  const fixed = columns.reduce((sum, c) => sum + (c.key === 'name' ? 0 : columnWidths[c.key]), 0);
  const widths = columns.map((c) => (c.key === 'name' ? contentWidth - fixed : columnWidths[c.key]));
  const align = (c: PrintColumn) => (c.kind === 'text' ? (c.key === 'unit' ? 'center' : 'left') : 'right');

  const rowHeight = (texts: string[], font: Font) =>
    Math.max(...texts.map((t, i) => heightOf(doc, t, widths[i]! - 2 * cellPadding, font))) + 2 * cellPadding;
  const drawRow = (top: number, texts: string[], header: boolean): number => {
    const font: Font = header ? 'bold' : 'regular';
    const height = rowHeight(texts, font);
    let x = margin;
    columns.forEach((c, i) => {
      doc
        .lineWidth(header ? 0.8 : 0.5)
        .rect(x, top, widths[i]!, height)
        .stroke();
      write(doc, texts[i]!, x + cellPadding, top + cellPadding, widths[i]! - 2 * cellPadding, {
        font,
        align: header ? 'center' : align(c),
      });
      x += widths[i]!;
    });
    return top + height;
  };
  const header = columns.map((c) => c.label);

  // The header never stays alone at the foot of a page.
  let next = drawRow(room(doc, y, 2 * rowHeight(header, 'bold')), header, true);
  for (const line of form.lines) {
    const texts = columns.map((c) => cellText(c, line));
    if (next + rowHeight(texts, 'regular') > bottom - footerRoom) {
      doc.addPage();
      next = drawRow(margin, header, true);
    }
    next = drawRow(next, texts, false);
  }
  return next + 4;
}

/** Итого, НДС, Всего к оплате: right-aligned, the amounts under the table's last column. */
function totals(doc: Doc, form: PrintForm, y: number): number {
  const rows = totalRows(form);
  const amountWidth = columnWidths.amount;
  let next = room(doc, y, rows.length * 13);
  for (const row of rows) {
    const amount = row.amount === null ? '—' : printMoney(row.amount);
    write(doc, `${row.label}:`, margin, next, contentWidth - amountWidth - cellPadding, {
      font: 'bold',
      size: 9.5,
      align: 'right',
    });
    write(doc, amount, margin + contentWidth - amountWidth, next, amountWidth - cellPadding, {
      font: 'bold',
      size: 9.5,
      align: 'right',
    });
    next += 13;
  }
  return next + 6;
}

/** The count and sum, the amount in words in bold, then the notes. */
function summary(doc: Doc, form: PrintForm, y: number): number {
  const { count, words } = printSummary(form);
  let next = room(doc, y, heightOf(doc, count, contentWidth, 'regular', 10) * 3);
  next += write(doc, count, margin, next, contentWidth, { size: 10 }) + 1;
  next += write(doc, words, margin, next, contentWidth, { font: 'bold', size: 10 }) + 8;
  for (const note of form.notes) {
    next = room(doc, next, heightOf(doc, note, contentWidth));
    next += write(doc, note, margin, next, contentWidth) + 3;
  }
  return next;
}

/** "Руководитель ____________ Смирнов А. В.", two to a row under a thick rule. */
function signatures(doc: Doc, form: PrintForm, y: number): number {
  if (form.signatures.length === 0) return y;
  const rows = Math.ceil(form.signatures.length / 2);
  let next = room(doc, y, 14 + rows * 34);
  rule(doc, next + 4, 1.5);
  next += 20;
  const half = contentWidth / 2;
  form.signatures.forEach((signature, i) => {
    const x = margin + (i % 2) * half;
    const top = next + Math.floor(i / 2) * 34;
    const roleWidth = 78;
    const signWidth = 80;
    write(doc, signature.role, x, top + 7, roleWidth, { font: 'bold', size: 9.5 });
    const line = (from: number, width: number, caption: string) => {
      doc
        .lineWidth(0.5)
        .moveTo(from, top + 18)
        .lineTo(from + width, top + 18)
        .stroke();
      write(doc, caption, from, top + 19.5, width, { size: 6.5, align: 'center' });
    };
    line(x + roleWidth, signWidth, 'подпись');
    const nameX = x + roleWidth + signWidth + 6;
    const nameWidth = half - roleWidth - signWidth - 16;
    if (signature.name) write(doc, signature.name, nameX, top + 7, nameWidth, { size: 9.5, align: 'center' });
    line(nameX, nameWidth, 'расшифровка подписи');
  });
  return next + rows * 34;
}

export async function renderPdf(form: PrintForm): Promise<Buffer> {
  const { doc, done } = openPdf({ title: printTitle(form), author: form.seller.name, margin });

  let y = margin;
  if (hasBankBox(form)) y = bankBox(doc, form, y);
  if (hasLetterhead(form)) y = letterhead(doc, form, y);
  y = title(doc, form, y);
  y = parties(doc, form, y);
  y = linesTable(doc, form, y, printColumns(form));
  y = totals(doc, form, y);
  y = summary(doc, form, y);
  signatures(doc, form, y + 4);
  pageFooters(doc, printTitle(form), { x: margin, y: bottom - 9, width: contentWidth });
  doc.end();
  return done;
}
