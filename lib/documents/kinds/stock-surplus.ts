import { costIn, stockIn } from '../movements';
import { defineKind } from './kind-module';

/** Оприходование излишков: goods found at a count, at the unit cost typed. */
export const stockSurplus = defineKind({
  rules: { partner: null, warehouse: true, warehouseTo: false, price: 'cost', lines: true, posts: true },
  names: {
    ru: {
      document: 'Оприходование излишков товаров',
      section: 'Оприходование излишков',
      abbreviations: ['ОИТ', 'Оприходование'],
    },
    en: { document: 'Stock surplus', section: 'Stock surplus', abbreviations: ['SS', 'Surplus'] },
  },
  block: 'warehouse',
  slug: 'stock-surplus',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) => ({
    stock: stockIn(doc.warehouseId!, lines),
    cost: costIn(lines, (l) => l.amount),
  }),
});
