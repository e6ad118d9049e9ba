import Decimal from 'decimal.js';
import type { Tx } from '@/db/client';
import { inOrder } from '@/db/pipeline';
import type { Movement } from '@/lib/ledger/registers';
import { refuseBelowReturned } from '@/lib/returns/basis';
import { draftLine } from '@/lib/sales/draft';
import { loadOrderFacts } from '@/lib/sales/order-facts';
import { closeOrders, lockOrders, usableOrder } from '@/lib/sales/order-rules';
import { loadShipmentBasis, priceShipment, rewriteLinePrices, type ShipmentBasis } from '@/lib/sales/pricing';
import { DocumentRuleError } from '../errors';
import { refuseAboveLeft } from '../left-to-take';
import {
  costOut,
  linesTotal,
  neg,
  type PostableDocument,
  type PostableLine,
  reserves,
  stockOut,
} from '../movements';
import { defineKind } from './kind-module';

/**
 * Реализация товаров и услуг: ships an order at its prices; stock and its cost go out, the client owes
 * for the order, and the sales register takes revenue, VAT and cost per product and manager.
 */
export const sales = defineKind({
  rules: { partner: 'client', warehouse: true, warehouseTo: false, price: 'sale', lines: true, posts: true },
  names: {
    ru: {
      document: 'Реализация товаров и услуг',
      section: 'Реализации товаров и услуг',
      abbreviations: ['РТУ', 'Реализация'],
    },
    en: { document: 'Sales', section: 'Sales documents', abbreviations: ['SD', 'Sales'] },
  },
  block: 'sales',
  printForms: ['sales', 'upd1', 'upd2', 'torg12'],
  slug: 'sales',
  fields: [],
  pricing: 'shipment',
  readsContext: 'pricing',
  basis: 'lock',
  /** Saved and posted at once, it was priced under the order's lock: the same checks, the order's reservations. */
  contextFromPricing(basis, doc, lines) {
    checkShipment(basis, doc.partnerId, lines);
    return { order: orderContext(basis) };
  },
  movements(doc, lines) {
    const orderId = doc.basedOnId ?? 0;
    const reserved = new Set(doc.order?.reservedProducts ?? []);
    const cost = costOut(lines);
    let costRow = 0;
    const salesRows: Movement[] = lines.map((l) => ({
      product_id: l.productId,
      partner_id: doc.partnerId!,
      manager_id: doc.responsibleId ?? 0,
      order_id: orderId,
      quantity: l.quantity,
      revenue: new Decimal(l.amount).minus(l.vatAmount).toFixed(2),
      vat: l.vatAmount,
      cost: l.service ? '0.00' : null,
      // Which cost movement holds this line's cost, filled in when the average is read.
      cost_row: l.service ? null : costRow++,
    }));
    return {
      stock: stockOut(doc.warehouseId!, lines),
      reservations: lines
        .filter((l) => !l.service && doc.order && reserved.has(l.productId))
        .map((l) => ({
          warehouse_id: doc.order!.warehouseId,
          product_id: l.productId,
          order_id: orderId,
          quantity: neg(l.quantity),
        })),
      cost,
      clientSettlements: [{ partner_id: doc.partnerId!, order_id: orderId, amount: linesTotal(lines) }],
      sales: salesRows,
    };
  },
  beforePosting: shipUnderOrderLock,
  // Nothing returned may be unshipped; then the order closes when shipped and paid, or reopens.
  async afterPosting(tx, doc, changes) {
    await inOrder(
      () => refuseBelowReturned(tx, doc.id, 'client_return', changes, 'sales'),
      () => closeOrders(tx, changes, doc.basedOnId ? [doc.basedOnId] : []),
    );
  },
  orders: (doc) => (doc.basedOnId ? [doc.basedOnId] : []),
  madeFrom: ['customer_order'],
  /** From an order: its lines to provide, less what posted sales already shipped, earliest lines first. */
  async draft(db, base, draft) {
    const facts = (await loadOrderFacts(db, [base.id])).get(base.id)!;
    const left = new Map(
      facts.products.map((p) => [p.productId, Decimal.max(new Decimal(p.ordered).minus(p.shipped), 0)]),
    );
    for (const l of base.lines) {
      if (l.action === 'none') continue;
      const quantity = Decimal.min(l.quantity, left.get(l.productId) ?? 0);
      if (quantity.lte(0)) continue;
      left.set(l.productId, left.get(l.productId)!.minus(quantity));
      draft.lines.push(draftLine(l, quantity.toFixed(3), null));
    }
  },
});

/** What a shipment's posting needs of its order: where it reserved, and which products. */
function orderContext(basis: ShipmentBasis): NonNullable<PostableDocument['order']> {
  const reserved = basis.orderLines.filter((l) => reserves(l.action));
  return {
    warehouseId: basis.order!.warehouseId!,
    reservedProducts: [...new Set(reserved.map((l) => l.productId))],
  };
}

/**
 * A shipment may ship a usable order of its client (posted, agreed), and no product beyond what is
 * left of it: its lines to provide, less what the order's other shipments took.
 */
function checkShipment(
  basis: ShipmentBasis,
  partnerId: number | null,
  lines: readonly { productId: number; quantity: string }[],
): void {
  if (!usableOrder(basis.order, partnerId)) throw new DocumentRuleError({ basedOnId: 'order_required' });
  const toShip = basis.orderLines.filter((l) => l.action !== 'none');
  refuseAboveLeft(lines, toShip, basis.shipped, 'ship_above_order');
}

/**
 * Under the order's lock: no shipping beyond what was ordered, and the lines priced again against what
 * the order's other shipments took, so the one that completes a line takes exactly the rest of its
 * amount however the shipments raced (a draft priced earlier may have been saved before another
 * shipment was posted). Changed lines and the header's totals are written back.
 */
async function shipUnderOrderLock(
  tx: Tx,
  doc: PostableDocument,
  lines: PostableLine[],
): Promise<PostableLine[] | undefined> {
  const orderId = doc.basedOnId;
  if (!orderId) throw new DocumentRuleError({ basedOnId: 'order_required' });
  // The lock is sent first and the read runs after it on the same connection, in one round trip.
  const [, basis] = await inOrder(
    () => lockOrders(tx, [orderId]),
    () => loadShipmentBasis(tx, orderId, doc.id),
  );
  checkShipment(basis, doc.partnerId, lines);
  const priced = priceShipment(lines, basis);
  if (!priced.ok) throw new DocumentRuleError(priced.errors);
  return rewriteLinePrices(tx, doc.id, lines, priced.lines);
}
