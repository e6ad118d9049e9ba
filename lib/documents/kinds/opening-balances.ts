import { cashAt, costIn, stockIn } from '../movements';
import { defineKind } from './kind-module';

/**
 * Ввод начальных остатков: what the company had on the day it moved into Torg. Each is a document of
 * its own kind, so it posts through the one command, shows in its section and `ledger:check` covers it.
 */

/** Opening stock of a warehouse, at the unit cost it was carried at (a receipt without a supplier). */
export const openingStock = defineKind({
  rules: { partner: null, warehouse: true, warehouseTo: false, price: 'cost', lines: true, posts: true },
  names: {
    ru: { document: 'Ввод начальных остатков товаров', section: 'Начальные остатки товаров' },
    en: { document: 'Opening stock', section: 'Opening stock' },
  },
  block: 'warehouse',
  slug: 'opening-stock',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) => ({
    stock: stockIn(doc.warehouseId!, lines),
    cost: costIn(lines, (l) => l.amount),
  }),
});

/** What a client owed on the day, against no order (order 0, like an advance with the other sign). */
export const openingClientDebt = defineKind({
  rules: { partner: 'client', warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  names: {
    ru: { document: 'Ввод начального долга клиента', section: 'Начальные долги клиентов' },
    en: { document: 'Opening client debt', section: 'Opening client debts' },
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
    ru: { document: 'Ввод начального долга поставщику', section: 'Начальные долги поставщикам' },
    en: { document: 'Opening supplier debt', section: 'Opening supplier debts' },
  },
  block: 'purchases',
  slug: 'opening-supplier-debts',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc) => ({ supplierSettlements: [{ partner_id: doc.partnerId!, amount: doc.amount! }] }),
});

/** Money on a bank account on the day. */
export const openingCash = defineKind({
  rules: { partner: null, warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  names: {
    ru: { document: 'Ввод начального остатка денежных средств', section: 'Начальные остатки ДС' },
    en: { document: 'Opening cash balance', section: 'Opening cash balances' },
  },
  block: 'treasury',
  slug: 'opening-cash',
  fields: ['bankAccountId'],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc) => ({ cash: [cashAt(doc, doc.amount!)] }),
});
