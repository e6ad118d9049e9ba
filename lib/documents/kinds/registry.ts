import type { RegisterMovements } from '@/lib/ledger/registers';
import type { PostableDocument, PostableLine } from '../movements';
import { bankPayment } from './bank-payment';
import { bankReceipt } from './bank-receipt';
import { cashPayment } from './cash-payment';
import { cashReceipt } from './cash-receipt';
import { clientReturn } from './client-return';
import { commercialOffer } from './commercial-offer';
import { customerOrder } from './customer-order';
import { goodsReceipt } from './goods-receipt';
import type { DocumentKindModule } from './kind-module';
import { openingCash, openingClientDebt, openingStock, openingSupplierDebt } from './opening-balances';
import { sales } from './sales';
import { stockShortage } from './stock-shortage';
import { stockSurplus } from './stock-surplus';
import { supplierOrder } from './supplier-order';
import { supplierReturn } from './supplier-return';
import { transfer } from './transfer';

/**
 * Every kind of document, the one list of them: the database enum (db/document-kinds.ts, written by
 * `npm run db:generate-migration`), the navigation, the forms and posting all follow it. Adding a
 * kind is its module, a line here and the migration the generator writes.
 */
export const documentKindModules = {
  goods_receipt: goodsReceipt,
  stock_surplus: stockSurplus,
  stock_shortage: stockShortage,
  transfer,
  commercial_offer: commercialOffer,
  customer_order: customerOrder,
  bank_receipt: bankReceipt,
  sales,
  opening_stock: openingStock,
  opening_client_debt: openingClientDebt,
  opening_supplier_debt: openingSupplierDebt,
  opening_cash: openingCash,
  client_return: clientReturn,
  supplier_return: supplierReturn,
  supplier_order: supplierOrder,
  bank_payment: bankPayment,
  cash_receipt: cashReceipt,
  cash_payment: cashPayment,
} satisfies Record<string, DocumentKindModule>;

export type DocumentKind = keyof typeof documentKindModules;

export const kindModule = (kind: DocumentKind): DocumentKindModule => documentKindModules[kind];

/** What a document writes into the registers: its kind's posting rules. */
export const movementsFor = (doc: PostableDocument, lines: PostableLine[]): RegisterMovements =>
  documentKindModules[doc.kind].movements(doc, lines);
