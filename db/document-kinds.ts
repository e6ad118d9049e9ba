// Written by scripts/document-kinds.ts from lib/documents/kinds/registry.ts: do not edit by hand.
export const documentKindNames = [
  'goods_receipt',
  'stock_surplus',
  'stock_shortage',
  'transfer',
  'commercial_offer',
  'customer_order',
  'bank_receipt',
  'sales',
  'opening_stock',
  'opening_client_debt',
  'opening_supplier_debt',
  'opening_cash',
  'client_return',
  'supplier_return',
  'cash_receipt',
  'cash_payment',
] as const;
