import { clientPayment } from './client-payment';
import { defineKind } from './kind-module';

/** Приходный кассовый ордер: a client paying cash at our cash desk, allocated to their orders. */
export const cashReceipt = defineKind({
  ...clientPayment,
  names: {
    ru: {
      document: 'Приходный кассовый ордер',
      section: 'Приходные кассовые ордера',
      abbreviations: ['ПКО', 'Приход'],
    },
    en: { document: 'Cash receipt order', section: 'Cash receipt orders', abbreviations: ['CRO', 'Cash in'] },
  },
  slug: 'cash-receipts',
  fields: ['cashDeskId', 'paymentPurpose', 'allocations'],
  printForms: ['pko'],
});
