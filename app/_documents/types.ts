import type { FormState } from '@/app/_components/types';

/** A form action's answer, plus the posting's shortages as sentences (one per product and warehouse). */
export type DocumentFormState = FormState & { shortages?: string[] };

/** One row of the lines editor as the form shows it; `productLabel` is what the product lookup displays. */
export type LineValues = {
  productId: string;
  productLabel: string;
  quantity: string;
  price: string;
  vatRate: string;
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
  chooseLabel: string;
  save: string;
  post: string;
  unpost: string;
  markDeleted: string;
  restore: string;
};
