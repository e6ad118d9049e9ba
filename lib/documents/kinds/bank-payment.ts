import { defineKind } from './kind-module';
import { outgoingPayment } from './outgoing-payment';

/** Списание безналичных ДС: money leaves our bank account (lib/documents/kinds/outgoing-payment.ts). */
export const bankPayment = defineKind({
  ...outgoingPayment,
  names: {
    ru: {
      document: 'Списание безналичных ДС',
      section: 'Списания безналичных ДС',
      abbreviations: ['СБДС', 'Списание ДС'],
    },
    en: { document: 'Non-cash payment', section: 'Non-cash payments', abbreviations: ['BP', 'Payment'] },
  },
  slug: 'bank-payments',
  fields: ['paymentKind', 'bankAccountId', 'employeeId', 'externalNumber', 'paymentPurpose', 'allocations'],
});
