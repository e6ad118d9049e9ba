import { refuseNegativeExpectations, stillExpects } from '@/lib/purchases/supplier-orders';
import { DocumentRuleError } from '../errors';
import { defineKind } from './kind-module';

/**
 * Заказ поставщику: the goods a supplier is to deliver to a warehouse, at his prices. Posted and agreed,
 * it expects its lines (the product card's «Ожидается»); the receipts made from it take them away, and
 * it closes when nothing is left.
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
    ru: {
      document: 'Заказ поставщику',
      section: 'Заказы поставщикам',
      abbreviations: ['ЗП', 'Заказ поставщику'],
    },
    en: { document: 'Supplier order', section: 'Supplier orders', abbreviations: ['PO', 'Purchase order'] },
  },
  block: 'purchases',
  slug: 'supplier-orders',
  fields: ['supplierOrderStatus', 'expectedDate', 'paymentDueDate', 'externalNumber'],
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
  /**
   * An order cannot expect less than its receipts already took, nor be closed while it still expects
   * goods (to drop the rest, its lines are cut down to what came).
   */
  async afterPosting(tx, doc, changes) {
    await refuseNegativeExpectations(tx, doc.id, changes, 'order_below_received');
    if (doc.supplierOrderStatus === 'closed' && (await stillExpects(tx, doc.id)))
      throw new DocumentRuleError({ supplierOrderStatus: 'order_closed_with_rest' });
  },
});
