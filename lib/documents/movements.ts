import Decimal from 'decimal.js';
import type { paymentKind } from '@/db/schema';
import type { Movement } from '@/lib/ledger/registers';
import type { DocumentKind } from './kinds/registry';

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
  interestId?: number | null;
  orderStatus?: 'not_agreed' | 'to_provide' | 'to_ship' | 'closed' | null;
  supplierOrderStatus?: 'not_agreed' | 'to_receive' | 'closed' | null;
  /** Goods receipts: whether posting writes the purchase prices. */
  updatePrices?: boolean;
  /** Outgoing payments: to a supplier, a refund to a client, an advance to an employee, or other. */
  paymentKind?: (typeof paymentKind.enumValues)[number] | null;
  bankAccountId?: number | null;
  /** Cash orders: the cash desk; an outgoing payment's employee an advance goes to. */
  cashDeskId?: number | null;
  employeeId?: number | null;
  amount?: string;
  /**
   * Payments: the amounts that pay customer (supplier) orders, or refund client returns; the rest is an
   * advance (order 0). A refund settles the order its return settled (`settlesOrderId`, 0 for none).
   */
  allocations?: { orderId: number; amount: string; settlesOrderId?: number | null }[];
  /** Sales: the order's warehouse and the products it reserves, released as they ship. */
  order?: { warehouseId: number; reservedProducts: number[] } | null;
  /**
   * Returns: the order of the document returned (a sale's customer order, a receipt's supplier order)
   * and its manager, whose revenue and debt the return reverses.
   */
  returned?: { orderId: number | null; managerId: number | null } | null;
};
export type PostableLine = {
  lineNo?: number;
  productId: number;
  quantity: string;
  amount: string;
  vatAmount: string;
  /** Services have no stock, reservation or cost. */
  service?: boolean;
  action?: 'reserve' | 'ship' | 'none' | null;
  /**
   * Returns: the cost of the line's goods in the document returned (what they left a sale with, what a
   * receipt brought them in at), known only under that document's lock, so posting alone fills it in.
   */
  cost?: string;
};

/** The order-line actions that reserve goods: to reserve and to ship; «не обеспечивать» does not. */
export const RESERVING_ACTIONS = ['reserve', 'ship'] as const;
export const reserves = (action: PostableLine['action']) =>
  (RESERVING_ACTIONS as readonly PostableLine['action'][]).includes(action);

export const neg = (v: Decimal.Value) => new Decimal(v).negated().toFixed();
export const linesTotal = (lines: readonly PostableLine[]) =>
  Decimal.sum(0, ...lines.map((l) => l.amount)).toFixed(2);

const goods = (lines: readonly PostableLine[]) => lines.filter((l) => !l.service);
export const stockIn = (warehouseId: number, lines: readonly PostableLine[]): Movement[] =>
  goods(lines).map((l) => ({ warehouse_id: warehouseId, product_id: l.productId, quantity: l.quantity }));
export const stockOut = (warehouseId: number, lines: readonly PostableLine[]): Movement[] =>
  goods(lines).map((l) => ({
    warehouse_id: warehouseId,
    product_id: l.productId,
    quantity: neg(l.quantity),
  }));
/**
 * Goods arriving at a cost: `amountOf` a line (a receipt's without VAT, a surplus's as typed, a client
 * return's as it left; null where only posting knows it, which the ledger check compares as open).
 */
export const costIn = (
  lines: readonly PostableLine[],
  amountOf: (l: PostableLine) => string | null,
): Movement[] =>
  goods(lines).map((l) => ({ product_id: l.productId, quantity: l.quantity, amount: amountOf(l) }));
/** Goods leaving at the moving-average cost (amount null: filled in when the average is read). */
export const costOut = (lines: readonly PostableLine[]): Movement[] =>
  goods(lines).map((l) => ({ product_id: l.productId, quantity: neg(l.quantity), amount: null }));

/** Money in or out (signed) of the bank account or the cash desk a payment document names. */
export const cashAt = (
  doc: Pick<PostableDocument, 'bankAccountId' | 'cashDeskId'>,
  amount: Decimal.Value,
): Movement => ({
  bank_account_id: doc.cashDeskId ? 0 : doc.bankAccountId!,
  cash_desk_id: doc.cashDeskId ?? 0,
  amount: new Decimal(amount).toFixed(),
});
