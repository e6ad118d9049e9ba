import type { VatRate } from '@/lib/catalogs/products';
import type { DocumentView } from '@/lib/documents/queries';

export type DraftLine = {
  productId: number;
  product: string;
  sku: string;
  quantity: string;
  price: string;
  gift: boolean;
  action: 'reserve' | 'ship' | 'none' | null;
  /** Lines priced with VAT as typed (a return to a supplier): the rate of the line drafted from. */
  vatRate?: VatRate;
};

/** A new document prefilled from what it is made on the basis of; the user reviews it and saves. */
export type DocumentDraft = {
  partnerId: number;
  partner: string;
  contactId: number | null;
  priceTypeId: number | null;
  warehouseId: number | null;
  manualDiscountPercent: string;
  prepaymentPercent: string | null;
  /** Bank receipts: the amount received. */
  amount: string | null;
  /** Kept in the form, so the chain interest → offer → order → payment → sales is stored. */
  basedOnId: number | null;
  interestId: number | null;
  lines: DraftLine[];
  allocations: { orderId: number; amount: string }[];
};

/** A line of the base as a line of the new document. */
export const draftLine = (
  l: DocumentView['lines'][number],
  quantity: string,
  action: DraftLine['action'],
): DraftLine => ({
  productId: l.productId,
  product: l.product,
  sku: l.sku,
  quantity,
  price: l.price,
  gift: l.gift,
  action,
});
