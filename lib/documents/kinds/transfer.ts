import { neg } from '../movements';
import { defineKind } from './kind-module';

/** Перемещение товаров: from one warehouse to another; the cost does not change. */
export const transfer = defineKind({
  rules: { partner: null, warehouse: true, warehouseTo: true, price: null, lines: true, posts: true },
  names: {
    ru: {
      document: 'Перемещение товаров',
      section: 'Перемещение товаров',
      abbreviations: ['ПТ', 'Перемещение'],
    },
    en: { document: 'Stock transfer', section: 'Transfers', abbreviations: ['TR', 'Transfer'] },
  },
  block: 'warehouse',
  slug: 'transfers',
  fields: [],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) => ({
    stock: lines
      .filter((l) => !l.service)
      .flatMap((l) => [
        { warehouse_id: doc.warehouseId!, product_id: l.productId, quantity: neg(l.quantity) },
        { warehouse_id: doc.warehouseToId!, product_id: l.productId, quantity: l.quantity },
      ]),
  }),
});
