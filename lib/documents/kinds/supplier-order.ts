import { refuseNegativeExpectations } from '@/lib/purchases/supplier-orders';
import { defineKind } from './kind-module';

/**
 * Заказ поставщику: the goods a supplier is to deliver to a warehouse, at his prices. Posted and agreed,
 * it expects its lines (the product card's «Ожидается»); the receipts made from it take them away.
 */
export const supplierOrder = defineKind({
  rules: {
    partner: 'supplier',
    warehouse: true,
    warehouseTo: false,
    price: 'with_vat',
    lines: true,
    posts: true,
  },
  names: {
    ru: { document: 'Заказ поставщику', section: 'Заказы поставщикам' },
    en: { document: 'Supplier order', section: 'Supplier orders' },
  },
  block: 'purchases',
  slug: 'supplier-orders',
  fields: ['supplierOrderStatus', 'expectedDate', 'externalNumber'],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) =>
    // Not agreed yet, it expects nothing; closed, it keeps what its receipts took away.
    doc.supplierOrderStatus === 'not_agreed'
      ? {}
      : {
          expectedGoods: lines
            .filter((l) => !l.service)
            .map((l) => ({
              warehouse_id: doc.warehouseId!,
              product_id: l.productId,
              order_id: doc.id,
              quantity: l.quantity,
            })),
        },
  /** An order cannot expect less than its receipts already took. */
  afterPosting: (tx, doc, changes) => refuseNegativeExpectations(tx, doc.id, changes, 'order_below_received'),
});
