/**
 * `npm run print:sample [-- DIR]`: the sample invoice, offer, a 60-line invoice and the shipment's УПД
 * (statuses 1 and 2), ТОРГ-12 and the cash orders ПКО and РКО as PDF and XLSX in DIR (default /tmp/torg-print), to look at the print
 * forms without a database.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderPrintForm } from '@/lib/print/document-attachments';
import { printFileName } from '@/lib/print/print-form';
import {
  longInvoice,
  sampleCashOrder,
  sampleInvoice,
  sampleOffer,
  sampleShipment,
} from '@/lib/print/test-fixtures';

const dir = process.argv[2] ?? '/tmp/torg-print';
await mkdir(dir, { recursive: true });
for (const [name, form] of [
  ['invoice', sampleInvoice()],
  ['offer', sampleOffer()],
  ['long', longInvoice(60)],
  ['upd1', sampleShipment('upd1')],
  ['upd2', sampleShipment('upd2')],
  ['torg12', sampleShipment('torg12')],
  ['pko', sampleCashOrder('pko')],
  ['rko', sampleCashOrder('rko')],
] as const) {
  for (const format of ['pdf', 'xlsx'] as const)
    await writeFile(path.join(dir, `${name}.${format}`), (await renderPrintForm(form, format)).content);
  console.log(`${path.join(dir, name)}.{pdf,xlsx}  (${printFileName(form, 'pdf')})`);
}
