import Decimal from 'decimal.js';
import { refuseBelowReturned } from '@/lib/returns/basis';
import { costIn, linesTotal, stockIn } from '../movements';
import { defineKind } from './kind-module';

/** Поступление товаров: goods arrive from a supplier at his prices with VAT, at cost without it. */
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
    ru: { document: 'Приобретение товаров и услуг', section: 'Приобретение товаров и услуг' },
    en: { document: 'Goods receipt', section: 'Goods receipts' },
  },
  block: 'purchases',
  slug: 'goods-receipts',
  fields: ['externalNumber'],
  pricing: 'typed',
  readsContext: false,
  basis: 'read',
  movements: (doc, lines) => ({
    stock: stockIn(doc.warehouseId!, lines),
    cost: costIn(lines, (l) => new Decimal(l.amount).minus(l.vatAmount).toFixed(2)),
    supplierSettlements: [{ partner_id: doc.partnerId!, amount: linesTotal(lines) }],
  }),
  /** Nothing returned to the supplier may be taken off the receipt. */
  afterPosting: (tx, doc, changes) => refuseBelowReturned(tx, doc.id, 'supplier_return', changes, 'stock'),
});
