/**
 * `npm run print:sample [-- DIR]`: the sample invoice, offer and a 60-line invoice as PDF and XLSX in
 * DIR (default /tmp/torg-print), to look at the print forms without a database.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printFileName } from '@/lib/print/print-form';
import { renderPdf } from '@/lib/print/render-pdf';
import { renderXlsx } from '@/lib/print/render-xlsx';
import { longInvoice, sampleInvoice, sampleOffer } from '@/lib/print/test-fixtures';

const dir = process.argv[2] ?? '/tmp/torg-print';
await mkdir(dir, { recursive: true });
for (const [name, form] of [
  ['invoice', sampleInvoice()],
  ['offer', sampleOffer()],
  ['long', longInvoice(60)],
] as const) {
  await writeFile(path.join(dir, `${name}.pdf`), await renderPdf(form));
  await writeFile(path.join(dir, `${name}.xlsx`), await renderXlsx(form));
  console.log(`${path.join(dir, name)}.{pdf,xlsx}  (${printFileName(form, 'pdf')})`);
}
