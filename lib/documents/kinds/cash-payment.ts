import { defineKind } from './kind-module';
import { outgoingPayment } from './outgoing-payment';

/**
 * Расходный кассовый ордер: cash out of a cash desk (lib/documents/kinds/outgoing-payment.ts). The cash
 * rule (lib/ledger/cash-rules.ts) refuses it when the desk does not hold the amount.
 */
export const cashPayment = defineKind({
  ...outgoingPayment,
  names: {
    ru: {
      document: 'Расходный кассовый ордер',
      section: 'Расходные кассовые ордера',
      abbreviations: ['РКО', 'Расход'],
    },
    en: {
      document: 'Cash payment order',
      section: 'Cash payment orders',
      abbreviations: ['CPO', 'Cash out'],
    },
  },
  slug: 'cash-payments',
  fields: ['paymentKind', 'cashDeskId', 'employeeId', 'paymentPurpose', 'allocations'],
  printForms: ['rko'],
});
