import type { MessageKey } from '@/lib/i18n/messages';
export const documentKinds = ['goods_receipt', 'stock_surplus', 'stock_shortage', 'transfer'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export type KindRules = {
  /** The partner the document is with, if any. */
  partner: 'supplier' | null;
  /** A destination warehouse (transfers). */
  warehouseTo: boolean;
  /** Lines carry a price: receipts at the supplier's price with VAT, surplus at unit cost. */
  price: 'with_vat' | 'cost' | null;
};

export const kindRules: Record<DocumentKind, KindRules> = {
  goods_receipt: { partner: 'supplier', warehouseTo: false, price: 'with_vat' },
  stock_surplus: { partner: null, warehouseTo: false, price: 'cost' },
  stock_shortage: { partner: null, warehouseTo: false, price: null },
  transfer: { partner: null, warehouseTo: true, price: null },
};

/** Document kinds by the name their section has in the navigation. */
export const kindTitle: Record<DocumentKind, MessageKey> = {
  goods_receipt: 'nav.goodsReceipts',
  stock_surplus: 'nav.stockSurplus',
  stock_shortage: 'nav.stockShortage',
  transfer: 'nav.transfers',
};

/** URL segment per kind (and back). */
export const kindSlugs: Record<DocumentKind, string> = {
  goods_receipt: 'goods-receipts',
  stock_surplus: 'stock-surplus',
  stock_shortage: 'stock-shortage',
  transfer: 'transfers',
};
export const kindBySlug = (slug: string): DocumentKind | undefined =>
  documentKinds.find((k) => kindSlugs[k] === slug);
