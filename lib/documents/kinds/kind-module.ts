import type { DbOrTx, Tx } from '@/db/client';
import type { documentKindNames } from '@/db/document-kinds';
import type { Actor } from '@/lib/access/rules';
import type { RegisterChange } from '@/lib/ledger/apply';
import type { RegisterMovements } from '@/lib/ledger/registers';
import type { PrintKind } from '@/lib/print/print-form';
import type { DocumentDraft } from '@/lib/sales/draft';
import type { ShipmentBasis } from '@/lib/sales/pricing';
import type { Locale } from '@/lib/users/users';
import type { PostableDocument, PostableLine } from '../movements';
import type { DocumentView } from '../queries';

type DocumentKindName = (typeof documentKindNames)[number];

export type KindRules = {
  /** The partner the document is with, if any ('any': a payment goes to a supplier or a client). */
  partner: 'supplier' | 'client' | 'any' | null;
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

/**
 * Header fields some kinds have beyond the common ones (date, partner, warehouses, numbers, comment):
 * the form, the input schema and the new document's defaults read them from here.
 */
export type KindField =
  | 'externalNumber'
  | 'validUntil'
  | 'orderStatus'
  | 'prepaymentPercent'
  | 'bankAccountId'
  | 'paymentPurpose'
  | 'lineAction'
  | 'offerStatus'
  | 'supplierOrderStatus'
  | 'expectedDate'
  | 'updatePrices'
  | 'paymentKind'
  | 'paymentDueDate'
  | 'allocations'
  | 'cashDeskId'
  | 'employeeId';

/**
 * Everything that makes one kind of document what it is. The pipeline (lib/documents/command.ts)
 * calls these and never asks which kind it holds.
 */
export type DocumentKindModule = {
  rules: KindRules;
  /**
   * Its name in each language: of one document, of the navigation's section listing them, and the
   * abbreviations a user types before a number to find one ("КП 12", the global search).
   */
  names: Record<Locale, { document: string; section: string; abbreviations: readonly string[] }>;
  /** The navigation block its section is in (the 1C blocks: sales, purchases, warehouse, treasury). */
  block: 'sales' | 'purchases' | 'warehouse' | 'treasury';
  /** Its print forms (lib/print), which are also the attachments its letters may carry. */
  printForms?: readonly PrintKind[];
  /** The URL segment of its pages. */
  slug: string;
  fields: readonly KindField[];
  /**
   * How its lines get their amounts: as typed ('typed'), by the client's prices with discounts and
   * limits ('sale'), at the order's prices with the last shipment taking the rest ('shipment'), or at
   * the sale's prices with the last return taking the rest ('return').
   */
  pricing: 'typed' | 'sale' | 'shipment' | 'return';
  /**
   * Posting needs more than the form gives (the order shipped, the sale returned, the orders a payment
   * pays, checks under their locks), so the document is posted from the database after it is written;
   * a function says so per document (a receipt reads only its supplier order). Otherwise a new
   * document posts from what is being saved, in the same round trip as its lines. 'pricing': a new
   * document takes what posting needs from what its pricing read of its basis, under the basis's lock
   * in the same transaction (contextFromPricing); edited or posted later, it reads it back.
   */
  readsContext: boolean | 'pricing' | ((doc: { basedOnId: number | null }) => boolean);
  /**
   * A new document of the kind posted from its form whose rules after posting (afterPosting) read and
   * check nothing of what it wrote: with the stock and cash rules reading nothing either, its rows,
   * movements and balances go in one statement with the commit (a receipt without an order).
   */
  postsAlone?(doc: { basedOnId: number | null; updatePrices?: boolean }): boolean;
  /**
   * With readsContext 'pricing': the checks beforePosting makes, over the basis pricing read, and what
   * posting needs of it.
   */
  contextFromPricing?(
    basis: ShipmentBasis,
    doc: { partnerId: number | null },
    lines: readonly { productId: number; quantity: string }[],
  ): Pick<PostableDocument, 'order'>;
  /** What posting writes into the registers. */
  movements(doc: PostableDocument, lines: PostableLine[]): RegisterMovements;
  /**
   * Checks under the locks of the documents it depends on, before movements are written. May
   * return the lines priced again under those locks (the shipment that completes an order line).
   */
  beforePosting?(tx: Tx, doc: PostableDocument, lines: PostableLine[]): Promise<PostableLine[] | undefined>;
  /**
   * After posting or unposting: rules over what the movements changed (an order closing). `first`:
   * the document had no movements before (its first posting).
   */
  afterPosting?(
    tx: Tx,
    doc: PostableDocument,
    changes: RegisterChange[],
    posting: { first: boolean },
  ): Promise<void>;
  /** After a new document made «на основании» of another is written: it may change that one. */
  created?(tx: Tx, doc: { id: number; basedOnId: number }, actor: Actor | null): Promise<void>;
  /** The kinds it may be made «на основании» of (an order of an offer, a shipment of an order). */
  madeFrom?: readonly DocumentKindName[];
  /** It may be made for a client interest, taking the interest's client, terms and products. */
  fromInterest?: boolean;
  /**
   * Fills a new document made on the basis of `base` (the common header is already copied): an
   * order takes the offer's lines, a shipment what is left to ship, a payment what is left to pay.
   */
  draft?(db: DbOrTx, base: DocumentView, draft: DocumentDraft): Promise<void>;
  /** The kind of orders its allocations pay: customer orders unless said otherwise. */
  allocatesTo?: 'customer_order' | 'supplier_order';
  /** The customer orders its posting touches, whose pages and interests show it live. */
  orders?(doc: PostableDocument): number[];
  /**
   * The document it is made from is locked while the new one is written (a shipment is priced
   * against its order); 'read' only checks it (a bank receipt locks its orders in id order later).
   */
  basis: 'lock' | 'read';
};

/** Checks a module against the interface where it is written. */
export const defineKind = (module: DocumentKindModule): DocumentKindModule => module;

/** What a document's form needs to know of its kind, passed from the server to the browser. */
export type KindForm = Pick<DocumentKindModule, 'rules' | 'pricing'> & {
  lineAction: boolean;
  /** A client's payment: its allocation to orders. */
  allocations: boolean;
};
