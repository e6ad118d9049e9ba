import Decimal from 'decimal.js';
import type { Movement, RegisterMovements } from '@/lib/ledger/registers';
import type { DocumentKind } from './kinds';

export type PostableDocument = {
  id: number;
  kind: DocumentKind;
  partnerId: number | null;
  warehouseId: number | null;
  warehouseToId: number | null;
  /** Sales: the manager the revenue counts for. */
  responsibleId?: number | null;
  /** Sales: the customer order shipped; bank receipts have their allocations instead. */
  basedOnId?: number | null;
  orderStatus?: 'not_agreed' | 'to_provide' | 'to_ship' | 'closed' | null;
  bankAccountId?: number | null;
  amount?: string;
  /** Bank receipts: the amounts that pay customer orders; the rest is an advance (order 0). */
  allocations?: { orderId: number; amount: string }[];
  /** Sales: the order's warehouse and the products it reserves, released as they ship. */
  order?: { warehouseId: number; reservedProducts: number[] } | null;
};
export type PostableLine = {
  productId: number;
  quantity: string;
  amount: string;
  vatAmount: string;
  /** Services have no stock, reservation or cost. */
  service?: boolean;
  action?: 'reserve' | 'ship' | 'none' | null;
};

const neg = (v: Decimal.Value) => new Decimal(v).negated().toFixed();
const total = (lines: PostableLine[]) => Decimal.sum(0, ...lines.map((l) => l.amount)).toFixed(2);

/** What each kind of document writes into the registers: the posting rules in one place. */
export function movementsFor(doc: PostableDocument, lines: PostableLine[]): RegisterMovements {
  const w = doc.warehouseId!;
  const goods = lines.filter((l) => !l.service);
  switch (doc.kind) {
    case 'goods_receipt':
      return {
        stock: goods.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: l.quantity })),
        cost: goods.map((l) => ({
          product_id: l.productId,
          quantity: l.quantity,
          amount: new Decimal(l.amount).minus(l.vatAmount).toFixed(2),
        })),
        supplierSettlements: [{ partner_id: doc.partnerId!, amount: total(lines) }],
      };
    case 'stock_surplus':
      return {
        stock: goods.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: l.quantity })),
        cost: goods.map((l) => ({ product_id: l.productId, quantity: l.quantity, amount: l.amount })),
      };
    case 'stock_shortage':
      return {
        stock: goods.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: neg(l.quantity) })),
        // amount null: written off at the moving-average cost when posted.
        cost: goods.map((l) => ({ product_id: l.productId, quantity: neg(l.quantity), amount: null })),
      };
    case 'transfer':
      return {
        stock: goods.flatMap((l) => [
          { warehouse_id: w, product_id: l.productId, quantity: neg(l.quantity) },
          { warehouse_id: doc.warehouseToId!, product_id: l.productId, quantity: l.quantity },
        ]),
      };
    case 'commercial_offer':
      return {};
    case 'customer_order':
      // A closed order keeps its reservations: its sales documents have released them.
      if (doc.orderStatus === 'not_agreed') return {};
      return {
        reservations: goods
          .filter((l) => l.action === 'reserve' || l.action === 'ship')
          .map((l) => ({ warehouse_id: w, product_id: l.productId, order_id: doc.id, quantity: l.quantity })),
      };
    case 'bank_receipt': {
      const allocations = doc.allocations ?? [];
      const advance = new Decimal(doc.amount!).minus(Decimal.sum(0, ...allocations.map((a) => a.amount)));
      const settlements: Movement[] = allocations.map((a) => ({
        partner_id: doc.partnerId!,
        order_id: a.orderId,
        amount: neg(a.amount),
      }));
      if (advance.gt(0)) settlements.push({ partner_id: doc.partnerId!, order_id: 0, amount: neg(advance) });
      return {
        cash: [{ bank_account_id: doc.bankAccountId!, amount: doc.amount! }],
        clientSettlements: settlements,
      };
    }
    case 'sales': {
      const orderId = doc.basedOnId ?? 0;
      const reserved = new Set(doc.order?.reservedProducts ?? []);
      const cost: Movement[] = [];
      const sales = lines.map((l) => {
        // cost_row: which cost movement holds this line's cost, filled in when the average is read.
        const costRow = l.service ? null : cost.length;
        if (!l.service) cost.push({ product_id: l.productId, quantity: neg(l.quantity), amount: null });
        return {
          product_id: l.productId,
          partner_id: doc.partnerId!,
          manager_id: doc.responsibleId ?? 0,
          order_id: orderId,
          quantity: l.quantity,
          revenue: new Decimal(l.amount).minus(l.vatAmount).toFixed(2),
          vat: l.vatAmount,
          cost: l.service ? '0.00' : null,
          cost_row: costRow,
        };
      });
      return {
        stock: goods.map((l) => ({ warehouse_id: w, product_id: l.productId, quantity: neg(l.quantity) })),
        reservations: goods
          .filter((l) => doc.order && reserved.has(l.productId))
          .map((l) => ({
            warehouse_id: doc.order!.warehouseId,
            product_id: l.productId,
            order_id: orderId,
            quantity: neg(l.quantity),
          })),
        cost,
        clientSettlements: [{ partner_id: doc.partnerId!, order_id: orderId, amount: total(lines) }],
        sales,
      };
    }
  }
}
