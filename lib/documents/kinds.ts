import type { MessageKey } from '@/lib/i18n/messages';
export const documentKinds = [
  'goods_receipt',
  'stock_surplus',
  'stock_shortage',
  'transfer',
  'commercial_offer',
  'customer_order',
  'bank_receipt',
  'sales',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export type KindRules = {
  /** The partner the document is with, if any. */
  partner: 'supplier' | 'client' | null;
  /** The warehouse goods leave or arrive at (bank receipts have none). */
  warehouse: boolean;
  /** A destination warehouse (transfers). */
  warehouseTo: boolean;
  /**
   * Lines carry a price: receipts at the supplier's price with VAT, surplus at unit cost, sales
   * documents at the client's price with VAT, discounts and gifts.
   */
  price: 'with_vat' | 'cost' | 'sale' | null;
  /** Product lines (a bank receipt has an amount and its allocation to orders instead). */
  lines: boolean;
  /** Posting writes movements (an offer only changes its status). */
  posts: boolean;
};

const stock = { warehouse: true, lines: true, posts: true } as const;
export const kindRules: Record<DocumentKind, KindRules> = {
  goods_receipt: { ...stock, partner: 'supplier', warehouseTo: false, price: 'with_vat' },
  stock_surplus: { ...stock, partner: null, warehouseTo: false, price: 'cost' },
  stock_shortage: { ...stock, partner: null, warehouseTo: false, price: null },
  transfer: { ...stock, partner: null, warehouseTo: true, price: null },
  commercial_offer: { ...stock, partner: 'client', warehouseTo: false, price: 'sale', posts: false },
  customer_order: { ...stock, partner: 'client', warehouseTo: false, price: 'sale' },
  sales: { ...stock, partner: 'client', warehouseTo: false, price: 'sale' },
  bank_receipt: {
    partner: 'client',
    warehouse: false,
    warehouseTo: false,
    price: null,
    lines: false,
    posts: true,
  },
};

/** Document kinds by the name their section has in the navigation. */
export const kindTitle: Record<DocumentKind, MessageKey> = {
  goods_receipt: 'nav.goodsReceipts',
  stock_surplus: 'nav.stockSurplus',
  stock_shortage: 'nav.stockShortage',
  transfer: 'nav.transfers',
  commercial_offer: 'nav.offers',
  customer_order: 'nav.orders',
  bank_receipt: 'nav.bankReceipts',
  sales: 'nav.sales',
};

/** URL segment per kind (and back). */
export const kindSlugs: Record<DocumentKind, string> = {
  goods_receipt: 'goods-receipts',
  stock_surplus: 'stock-surplus',
  stock_shortage: 'stock-shortage',
  transfer: 'transfers',
  commercial_offer: 'offers',
  customer_order: 'orders',
  bank_receipt: 'bank-receipts',
  sales: 'sales',
};
export const kindBySlug = (slug: string): DocumentKind | undefined =>
  documentKinds.find((k) => kindSlugs[k] === slug);
