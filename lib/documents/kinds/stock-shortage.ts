import { costOut, stockOut } from '../movements';
import { defineKind } from './kind-module';

/** Списание недостач: goods missing at a count, written off at the moving-average cost. */
export const stockShortage = defineKind({
  rules: { partner: null, warehouse: true, warehouseTo: false, price: null, lines: true, posts: true },
  title: 'nav.stockShortage',
  slug: 'stock-shortage',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) => ({ stock: stockOut(doc.warehouseId!, lines), cost: costOut(lines) }),
});
