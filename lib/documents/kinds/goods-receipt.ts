import Decimal from 'decimal.js';
import { inOrder } from '@/db/pipeline';
import { updatePurchasePrices } from '@/lib/purchases/purchase-prices';
import {
  closeSupplierOrder,
  loadSupplierOrderFacts,
  refuseNegativeExpectations,
  usableSupplierOrder,
} from '@/lib/purchases/supplier-orders';
import { refuseBelowReturned, refuseOrderChangeReturned } from '@/lib/returns/basis';
import { draftLine } from '@/lib/sales/draft';
import { lockOrders } from '@/lib/sales/order-rules';
import { DocumentRuleError } from '../errors';
import { costIn, linesTotal, neg, stockIn } from '../movements';
import { defineKind } from './kind-module';

/**
 * Приобретение товаров и услуг: goods arrive from a supplier at his prices with VAT, at cost without it,
 * and we owe him for them. Made from a supplier order, it takes the goods that order expects and the
 * debt counts against the order.
 */
export const goodsReceipt = defineKind({
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
      document: 'Приобретение товаров и услуг',
      section: 'Приобретение товаров и услуг',
      abbreviations: ['ПТУ', 'Приобретение'],
    },
    en: { document: 'Goods receipt', section: 'Goods receipts', abbreviations: ['GR', 'Purchase'] },
  },
  block: 'purchases',
  slug: 'goods-receipts',
  fields: ['externalNumber', 'updatePrices'],
  pricing: 'typed',
  // Reads its order under the order's lock, before the movements (the lock order of payments too);
  // one without an order posts from what is saved.
  readsContext: (doc) => doc.basedOnId !== null,
  // Without an order and without writing purchase prices, its rules after posting look only at what it
  // took back from stock (never, as a new one).
  postsAlone: (doc) => doc.basedOnId === null && !doc.updatePrices,
  basis: 'read',
  movements: (doc, lines) => ({
    stock: stockIn(doc.warehouseId!, lines),
    expectedGoods: doc.basedOnId
      ? lines
          .filter((l) => !l.service)
          .map((l) => ({
            warehouse_id: doc.warehouseId!,
            product_id: l.productId,
            order_id: doc.basedOnId!,
            quantity: neg(l.quantity),
          }))
      : [],
    cost: costIn(lines, (l) => new Decimal(l.amount).minus(l.vatAmount).toFixed(2)),
    supplierSettlements: [
      { partner_id: doc.partnerId!, order_id: doc.basedOnId ?? 0, amount: linesTotal(lines) },
    ],
  }),
  /** A receipt of an order: the order is the supplier's, posted and agreed, and locked while it is received. */
  async beforePosting(tx, doc) {
    const orderId = doc.basedOnId;
    const [, , facts] = await inOrder(
      () => refuseOrderChangeReturned(tx, doc.id, orderId ?? 0),
      !!orderId && (() => lockOrders(tx, [orderId])),
      !!orderId && (() => loadSupplierOrderFacts(tx, [orderId], doc.id)),
    );
    if (orderId && !usableSupplierOrder(facts!.get(orderId), doc.partnerId))
      throw new DocumentRuleError({ basedOnId: 'order_required' });
    return undefined;
  },
  /** Nothing returned to the supplier may be taken off the receipt, nor more received than ordered. */
  async afterPosting(tx, doc, changes) {
    await refuseBelowReturned(tx, doc.id, 'supplier_return', changes, 'stock');
    await refuseNegativeExpectations(tx, doc.id, changes, 'receive_above_order');
    if (doc.basedOnId) await closeSupplierOrder(tx, doc.basedOnId);
    if (doc.updatePrices) await updatePurchasePrices(tx, doc.id);
  },
  madeFrom: ['supplier_order'],
  /** From a supplier order: what it still expects, at its prices, earliest lines first. */
  async draft(db, base, draft) {
    const facts = (await loadSupplierOrderFacts(db, [base.id])).get(base.id)!;
    const left = new Map(facts.expected.map((e) => [e.productId, new Decimal(e.quantity)]));
    for (const l of base.lines) {
      const quantity = Decimal.min(l.quantity, left.get(l.productId) ?? 0);
      if (quantity.lte(0)) continue;
      left.set(l.productId, left.get(l.productId)!.minus(quantity));
      draft.lines.push(draftLine(l, quantity.toFixed(3), null));
    }
  },
});
