import Decimal from 'decimal.js';
import { inOrder } from '@/db/pipeline';
import { checkReturnable, leftToReturn, loadReturnBasis, withBasisCost } from '@/lib/returns/basis';
import { refuseBelowRefunded } from '@/lib/returns/refunds';
import { draftLine } from '@/lib/sales/draft';
import { closeOrders, lockOrders } from '@/lib/sales/order-rules';
import { priceReturn, rewriteLinePrices } from '@/lib/sales/pricing';
import { DocumentRuleError } from '../errors';
import { costIn, linesTotal, neg, stockIn } from '../movements';
import { defineKind } from './kind-module';

/**
 * Возврат товаров от клиента: goods of a sale come back at its prices. Stock returns at the cost it
 * left with, the sales register takes the revenue, VAT and cost back under the sale's own product,
 * client, manager and order, and the client owes that much less for the order (below zero: we owe).
 */
export const clientReturn = defineKind({
  rules: { partner: 'client', warehouse: true, warehouseTo: false, price: 'sale', lines: true, posts: true },
  names: {
    ru: {
      document: 'Возврат товаров от клиента',
      section: 'Возвраты товаров от клиентов',
      abbreviations: ['ВТК', 'Возврат'],
    },
    en: { document: 'Return from client', section: 'Returns from clients', abbreviations: ['CR', 'Return'] },
  },
  block: 'sales',
  printForms: ['client_return'],
  slug: 'client-returns',
  fields: [],
  pricing: 'return',
  readsContext: true,
  basis: 'lock',
  movements(doc, lines) {
    const orderId = doc.returned?.orderId ?? 0;
    return {
      stock: stockIn(doc.warehouseId!, lines),
      cost: costIn(lines, (l) => l.cost ?? null),
      clientSettlements: [{ partner_id: doc.partnerId!, order_id: orderId, amount: neg(linesTotal(lines)) }],
      sales: lines.map((l) => ({
        product_id: l.productId,
        partner_id: doc.partnerId!,
        manager_id: doc.returned?.managerId ?? 0,
        order_id: orderId,
        quantity: neg(l.quantity),
        revenue: new Decimal(l.vatAmount).minus(l.amount).toFixed(2),
        vat: neg(l.vatAmount),
        cost: l.service ? '0.00' : l.cost === undefined ? null : neg(l.cost),
      })),
    };
  },
  /**
   * Under the sale's lock (then its order's, whose state the return may change): no more back than was
   * sold and not yet returned, the lines priced again against the sale's other returns, and the cost
   * each line's goods left with.
   */
  async beforePosting(tx, doc, lines) {
    const saleId = doc.basedOnId;
    if (!saleId) throw new DocumentRuleError({ basedOnId: 'return_basis_required' });
    const [, , basis] = await inOrder(
      // The document returned is locked as orders are (one return of it at a time).
      () => lockOrders(tx, [saleId]),
      () => lockOrders(tx, doc.returned?.orderId ? [doc.returned.orderId] : []),
      () => loadReturnBasis(tx, 'client_return', saleId, doc.id),
    );
    checkReturnable(doc, lines, basis);
    const priced = priceReturn(lines, basis);
    if (!priced.ok) throw new DocumentRuleError(priced.errors);
    const repriced = (await rewriteLinePrices(tx, doc.id, lines, priced.lines)) ?? lines;
    return withBasisCost(repriced, basis);
  },
  /** Never below what its refunds paid back; the order closes or reopens as its debt moves. */
  async afterPosting(tx, doc, changes) {
    await refuseBelowRefunded(tx, doc.id, changes);
    await closeOrders(tx, changes, []);
  },
  madeFrom: ['sales'],
  /** From a sale: its lines, less what its posted returns brought back already. */
  async draft(db, base, draft) {
    for (const { line, quantity } of await leftToReturn(db, 'client_return', base))
      draft.lines.push(draftLine(line, quantity, null));
  },
});
