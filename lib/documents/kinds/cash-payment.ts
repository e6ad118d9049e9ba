import { eq } from 'drizzle-orm';
import { partners } from '@/db/schema';
import { DocumentRuleError } from '../errors';
import { cashAt, neg } from '../movements';
import { defineKind } from './kind-module';

/**
 * Расходный кассовый ордер: cash out of a cash desk — to a supplier (our debt to them goes down), a
 * refund to a client (their advance, order 0, goes back up) or an advance to an employee. The cash rule
 * (lib/ledger/cash-rules.ts) refuses it when the desk does not hold the amount.
 */
export const cashPayment = defineKind({
  rules: { partner: 'any', warehouse: false, warehouseTo: false, price: null, lines: false, posts: true },
  names: {
    ru: {
      document: 'Расходный кассовый ордер',
      section: 'Расходные кассовые ордера',
      abbreviations: ['РКО', 'Расход'],
    },
    en: {
      document: 'Cash payment order',
      section: 'Cash payment orders',
      abbreviations: ['CPO', 'Cash out'],
    },
  },
  block: 'treasury',
  slug: 'cash-payments',
  fields: ['cashDeskId', 'cashOperation', 'employeeId', 'paymentPurpose'],
  pricing: 'typed',
  // Posted from the database, so its check of the partner runs (beforePosting) under the posting.
  readsContext: true,
  basis: 'read',
  printForms: ['rko'],
  movements(doc) {
    const cash = [cashAt(doc, neg(doc.amount!))];
    if (doc.cashOperation === 'supplier_payment')
      return {
        cash,
        supplierSettlements: [{ partner_id: doc.partnerId!, order_id: 0, amount: neg(doc.amount!) }],
      };
    if (doc.cashOperation === 'client_refund')
      return { cash, clientSettlements: [{ partner_id: doc.partnerId!, order_id: 0, amount: doc.amount! }] };
    return { cash };
  },
  /** A supplier is paid, a client refunded: the partner must be one. */
  async beforePosting(tx, doc) {
    if (doc.cashOperation === 'employee_advance') return undefined;
    const [partner] = await tx
      .select({ isClient: partners.isClient, isSupplier: partners.isSupplier })
      .from(partners)
      .where(eq(partners.id, doc.partnerId!));
    const fits = doc.cashOperation === 'supplier_payment' ? partner?.isSupplier : partner?.isClient;
    if (!fits)
      throw new DocumentRuleError({
        partnerId: doc.cashOperation === 'supplier_payment' ? 'supplier_required' : 'client_required',
      });
    return undefined;
  },
});
