import { clientPayment } from './client-payment';
import { defineKind } from './kind-module';

/** Поступление безналичных ДС: a client's money on our bank account, allocated to their orders. */
export const bankReceipt = defineKind({
  ...clientPayment,
  names: {
    ru: {
      document: 'Поступление безналичных ДС',
      section: 'Поступления безналичных ДС',
      abbreviations: ['ПБДС', 'Поступление'],
    },
    en: { document: 'Non-cash receipt', section: 'Non-cash receipts', abbreviations: ['BR', 'Receipt'] },
  },
  slug: 'bank-receipts',
  fields: ['bankAccountId', 'externalNumber', 'paymentPurpose', 'allocations'],
});
