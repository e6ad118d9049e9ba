import type { FormState } from '@/app/_components/types';
import type { LinePricing } from '@/lib/sales/form-facts';

/** A form action's answer, plus the posting's shortages as sentences (one per product and warehouse). */
export type DocumentFormState = FormState & { shortages?: string[] };

/** One row of the lines editor as the form shows it; `productLabel` is what the product lookup displays. */
export type LineValues = {
  productId: string;
  productLabel: string;
  quantity: string;
  price: string;
  vatRate: string;
  /** Sales documents: given free, and for orders what the warehouse does with the line. */
  gift: boolean;
  action: string;
};

export type AllocationValues = { orderId: string; amount: string };

export type Choice = { value: string; label: string };

/**
 * What the server adds to a sales document form while the user types: the client's contacts and open
 * orders (labelled, with what is left to pay), and per line the list price, stock and the amounts
 * saving would give. Lines are in the order of the rows the form sent.
 */
export type FormFactsView = {
  contacts: Choice[];
  orders: (Choice & { toPay: string })[];
  lines: {
    listPrice: string | null;
    onHand: string | null;
    available: string | null;
    pricing: LinePricing | null;
  }[];
  totals: { gross: string; discount: string; amount: string; vat: string } | null;
};

/** The editor's texts, translated on the server (the client bundle carries no message catalog). */
export type DocumentFormLabels = {
  lines: string;
  lineNo: string;
  product: string;
  quantity: string;
  price: string;
  vatRate: string;
  amount: string;
  total: string;
  addLine: string;
  /** With {n} and {field} placeholders. */
  removeLine: string;
  lineField: string;
  lookupHint: string;
  /** The link from a line to its product's card. */
  productCard: string;
  chooseLabel: string;
  save: string;
  post: string;
  unpost: string;
  markDeleted: string;
  restore: string;
  discount: string;
  vat: string;
  gift: string;
  action: string;
  available: string;
  onHand: string;
  totalGross: string;
  totalDiscount: string;
  totalVat: string;
  allocations: string;
  allocationOrder: string;
  allocationAmount: string;
  addAllocation: string;
  /** With {n}; and {field}, {n}. */
  removeAllocation: string;
  allocationField: string;
  noAllocations: string;
};
