/** Names of the sales documents' print forms; merged into the catalogs in messages.ts. */
export const printRu = {
  'documents.printForm.offer': 'Коммерческое предложение',
  'documents.printForm.order': 'Заказ клиента',
  'documents.printForm.invoice': 'Счёт на оплату',
  'documents.printForm.sales': 'Расходная накладная',
  'documents.printForm.upd1': 'УПД (статус 1)',
  'documents.printForm.upd2': 'УПД (статус 2)',
  'documents.printForm.torg12': 'ТОРГ-12',
} as const;

export const printEn: Record<keyof typeof printRu, string> = {
  'documents.printForm.offer': 'Commercial offer',
  'documents.printForm.order': 'Customer order',
  'documents.printForm.invoice': 'Invoice for payment',
  'documents.printForm.sales': 'Waybill',
  'documents.printForm.upd1': 'UTD (status 1)',
  'documents.printForm.upd2': 'UTD (status 2)',
  'documents.printForm.torg12': 'TORG-12',
};
