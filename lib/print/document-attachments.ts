// TEMPORARY: replaced by the lead on merge (the real print forms render PDF and XLSX from the documents).
import ExcelJS from 'exceljs';
import type { DbOrTx } from '@/db/client';
import { getDocument } from '@/lib/documents/queries';

type Choice = { form: 'offer' | 'order' | 'invoice' | 'sales'; format: 'pdf' | 'xlsx' };

const titles: Record<Choice['form'], string> = {
  offer: 'Коммерческое предложение',
  order: 'Заказ клиента',
  invoice: 'Счёт на оплату',
  sales: 'Реализация товаров и услуг',
};

/** The document's print forms as files to attach: a stand-in with the number and lines only. */
export async function renderDocumentAttachments(
  db: DbOrTx,
  documentId: number,
  choices: Choice[],
): Promise<{ fileName: string; contentType: string; content: Buffer }[]> {
  const doc = await getDocument(db, documentId);
  if (!doc) throw new Error(`document ${documentId} not found`);
  return Promise.all(
    choices.map(async ({ form, format }) => {
      const title = `${titles[form]} № ${doc.number}`;
      if (format === 'pdf') {
        return {
          fileName: `${title}.pdf`,
          contentType: 'application/pdf',
          content: Buffer.from(`%PDF-1.4\n% ${form} ${doc.number}\n%%EOF\n`),
        };
      }
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(form);
      sheet.addRow([title]);
      for (const line of doc.lines) sheet.addRow([line.product, Number(line.quantity), Number(line.amount)]);
      return {
        fileName: `${title}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: Buffer.from(await workbook.xlsx.writeBuffer()),
      };
    }),
  );
}
