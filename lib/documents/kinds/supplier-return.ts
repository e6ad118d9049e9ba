import { inOrder } from '@/db/pipeline';
import { checkReturnable, leftToReturn, loadReturnBasis, withBasisCost } from '@/lib/returns/basis';
import { draftLine } from '@/lib/sales/draft';
import { lockOrders } from '@/lib/sales/order-rules';
import { DocumentRuleError } from '../errors';
import { linesTotal, neg, stockOut } from '../movements';
import { defineKind } from './kind-module';

/**
 * Возврат товаров поставщику: goods of a receipt go back at the prices agreed with the supplier (the
 * receipt's, as drafted). Stock goes out and its cost at what the receipt brought it in at (the
 * moving-average rules hold: never more than is left, all of it with the last unit), and we owe the
 * supplier that much less.
 */
export const supplierReturn = defineKind({
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
      document: 'Возврат товаров поставщику',
      section: 'Возвраты товаров поставщикам',
      abbreviations: ['ВТП', 'Возврат поставщику'],
    },
    en: {
      document: 'Return to supplier',
      section: 'Returns to suppliers',
      abbreviations: ['SR', 'Supplier return'],
    },
  },
  block: 'purchases',
  slug: 'supplier-returns',
  fields: ['externalNumber'],
  pricing: 'typed',
  readsContext: true,
  basis: 'lock',
  movements: (doc, lines) => ({
    stock: stockOut(doc.warehouseId!, lines),
    cost: lines
      .filter((l) => !l.service)
      .map((l) => ({
        product_id: l.productId,
        quantity: neg(l.quantity),
        amount: null,
        basis_cost: l.cost ?? null,
      })),
    supplierSettlements: [
      { partner_id: doc.partnerId!, order_id: doc.returned?.orderId ?? 0, amount: neg(linesTotal(lines)) },
    ],
  }),
  /** Under the receipt's lock: no more back than was received and not yet returned, at its cost. */
  async beforePosting(tx, doc, lines) {
    const receiptId = doc.basedOnId;
    if (!receiptId) throw new DocumentRuleError({ basedOnId: 'return_basis_required' });
    const [, basis] = await inOrder(
      // The document returned is locked as orders are (one return of it at a time).
      () => lockOrders(tx, [receiptId]),
      () => loadReturnBasis(tx, 'supplier_return', receiptId, doc.id),
    );
    checkReturnable(doc, lines, basis);
    return withBasisCost(lines, basis);
  },
  madeFrom: ['goods_receipt'],
  /** From a receipt: its lines at its prices, less what its posted returns took back already. */
  async draft(db, base, draft) {
    for (const { line, quantity } of await leftToReturn(db, 'supplier_return', base))
      draft.lines.push({ ...draftLine(line, quantity, null), vatRate: line.vatRate });
  },
});
