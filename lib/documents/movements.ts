import Decimal from 'decimal.js';
import type { RegisterMovements } from '@/lib/ledger/registers';
import type { DocumentKind } from './kinds';

export type PostableDocument = {
  kind: DocumentKind;
  partnerId: number | null;
  warehouseId: number | null;
  warehouseToId: number | null;
};
export type PostableLine = { productId: number; quantity: string; amount: string; vatAmount: string };

const neg = (v: string) => new Decimal(v).negated().toFixed();

/** What each kind of document writes into the registers: the posting rules in one place. */
export function movementsFor(doc: PostableDocument, lines: PostableLine[]): RegisterMovements {
  const w = doc.warehouseId!;
  switch (doc.kind) {
    case 'goods_receipt':
      return {
        stock: lines.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: l.quantity })),
        cost: lines.map((l) => ({
          product_id: l.productId,
          quantity: l.quantity,
          amount: new Decimal(l.amount).minus(l.vatAmount).toFixed(2),
        })),
        supplierSettlements: [
          {
            partner_id: doc.partnerId!,
            amount: lines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2),
          },
        ],
      };
    case 'stock_surplus':
      return {
        stock: lines.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: l.quantity })),
        cost: lines.map((l) => ({ product_id: l.productId, quantity: l.quantity, amount: l.amount })),
      };
    case 'stock_shortage':
      return {
        stock: lines.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: neg(l.quantity) })),
        // amount null: written off at the moving-average cost when posted.
        cost: lines.map((l) => ({ product_id: l.productId, quantity: neg(l.quantity), amount: null })),
      };
    case 'transfer':
      return {
        stock: lines.flatMap((l) => [
          { warehouse_id: w, product_id: l.productId, quantity: neg(l.quantity) },
          { warehouse_id: doc.warehouseToId!, product_id: l.productId, quantity: l.quantity },
        ]),
      };
  }
}
