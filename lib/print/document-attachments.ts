import type { DbOrTx } from '@/db/client';
import { documentPrintForm } from './document-print-form';
import { type PrintForm, type PrintKind, printFileName } from './print-form';
import { renderPdf } from './render-pdf';
import { renderSheetPdf } from './render-sheet-pdf';
import { renderSheetXlsx } from './render-sheet-xlsx';
import { renderXlsx } from './render-xlsx';
import { formSheet } from './unified-forms';

export const printFormats = ['pdf', 'xlsx'] as const;
export type PrintFormat = (typeof printFormats)[number];
export type AttachmentChoice = { form: PrintKind; format: PrintFormat };
export type RenderedAttachment = { fileName: string; contentType: string; content: Buffer };

const contentTypes: Record<PrintFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One print form as a file: the fixed-layout forms (УПД, ТОРГ-12) from their sheet. */
export async function renderPrintForm(form: PrintForm, format: PrintFormat): Promise<RenderedAttachment> {
  const sheet = formSheet(form);
  const content = sheet
    ? format === 'pdf'
      ? await renderSheetPdf(sheet, form.seller.name)
      : await renderSheetXlsx(sheet)
    : format === 'pdf'
      ? await renderPdf(form)
      : await renderXlsx(form);
  return { fileName: printFileName(form, format), contentType: contentTypes[format], content };
}

/** The chosen print forms of a document as files to attach to an email. */
export async function renderDocumentAttachments(
  db: DbOrTx,
  documentId: number,
  choices: readonly AttachmentChoice[],
): Promise<RenderedAttachment[]> {
  const files: RenderedAttachment[] = [];
  for (const choice of choices) {
    const form = await documentPrintForm(db, documentId, choice.form);
    if (form) files.push(await renderPrintForm(form, choice.format));
  }
  return files;
}
