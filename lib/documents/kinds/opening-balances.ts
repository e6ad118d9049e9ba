import { cashAt } from '../movements';
import { defineKind } from './kind-module';
import { stockSurplus } from './stock-surplus';

/**
 * Ввод начальных остатков: what the company had on the day it moved into Torg. Each is a document of
 * its own kind, so it posts through the one command, shows in its section and `ledger:check` covers it.
 */

/** Opening stock of a warehouse, at the unit cost it was carried at (a receipt without a supplier). */
export const openingStock = defineKind({
  // Posts as a surplus does: stock in, and cost at the amount typed.
  ...stockSurplus,
  names: {
    ru: {
      document: 'Ввод начальных остатков товаров',
      section: 'Начальные остатки товаров',
      abbreviations: ['ВНОТ', 'Начальные остатки'],
    },
    en: { document: 'Opening stock', section: 'Opening stock', abbreviations: ['OS', 'Opening stock'] },
  },
  slug: 'opening-stock',
});

/** What a client owed on the day, against no order (order 0, like an advance with the other sign). */
export const openingClientDebt = defineKind({
  rules: { partner: 'client', warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  names: {
    ru: {
      document: 'Ввод начального долга клиента',
      section: 'Начальные долги клиентов',
      abbreviations: ['ВНДК'],
    },
    en: { document: 'Opening client debt', section: 'Opening client debts', abbreviations: ['OCD'] },
  },
  block: 'sales',
  slug: 'opening-client-debts',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc) => ({
    clientSettlements: [{ partner_id: doc.partnerId!, order_id: 0, amount: doc.amount! }],
  }),
});

/** What we owed a supplier on the day. */
export const openingSupplierDebt = defineKind({
  rules: {
    partner: 'supplier',
    warehouse: false,
    warehouseTo: false,
    price: null,
    lines: false,
    posts: true,
  },
  names: {
    ru: {
      document: 'Ввод начального долга поставщику',
      section: 'Начальные долги поставщикам',
      abbreviations: ['ВНДП'],
    },
    en: { document: 'Opening supplier debt', section: 'Opening supplier debts', abbreviations: ['OSD'] },
  },
  block: 'purchases',
  slug: 'opening-supplier-debts',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc) => ({
    supplierSettlements: [{ partner_id: doc.partnerId!, order_id: 0, amount: doc.amount! }],
  }),
});

/** Money on a bank account or in a cash desk on the day (the one it names). */
export const openingCash = defineKind({
  rules: { partner: null, warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  names: {
    ru: {
      document: 'Ввод начального остатка денежных средств',
      section: 'Начальные остатки ДС',
      abbreviations: ['ВНОДС'],
    },
    en: { document: 'Opening cash balance', section: 'Opening cash balances', abbreviations: ['OCB'] },
  },
  block: 'treasury',
  slug: 'opening-cash',
  fields: ['bankAccountId', 'cashDeskId'],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc) => ({ cash: [cashAt(doc, doc.amount!)] }),
});
