import { costOut, stockOut } from '../movements';
import { defineKind } from './kind-module';

/** Списание недостач: goods missing at a count, written off at the moving-average cost. */
export const stockShortage = defineKind({
  rules: { partner: null, warehouse: true, warehouseTo: false, price: null, lines: true, posts: true },
  names: {
    ru: {
      document: 'Списание недостач товаров',
      section: 'Списание недостач',
      abbreviations: ['СНТ', 'Списание'],
    },
    en: { document: 'Stock write-off', section: 'Stock write-off', abbreviations: ['WO', 'Write-off'] },
  },
  block: 'warehouse',
  slug: 'stock-shortage',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) => ({ stock: stockOut(doc.warehouseId!, lines), cost: costOut(lines) }),
});
