import { eq, sql } from 'drizzle-orm';
import { interests } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { draftLine } from '@/lib/sales/draft';
import { acceptedFrom } from '@/lib/sales/offer-transitions';
import { DocumentRuleError } from '../errors';
import { reserves } from '../movements';
import { defineKind } from './kind-module';

/** Заказ клиента: reserves what it will ship; the order's sales and receipts close it. */
export const customerOrder = defineKind({
  rules: { partner: 'client', warehouse: true, warehouseTo: false, price: 'sale', lines: true, posts: true },
  names: {
    ru: { document: 'Заказ клиента', section: 'Заказы клиентов', abbreviations: ['ЗК', 'Заказ'] },
    en: { document: 'Customer order', section: 'Customer orders', abbreviations: ['SO', 'Order'] },
  },
  block: 'sales',
  printForms: ['order', 'invoice'],
  slug: 'orders',
  fields: ['orderStatus', 'prepaymentPercent', 'paymentDueDate', 'lineAction'],
  pricing: 'sale',
  // Its reservations need only its own lines (priced under its basis's lock as it is saved).
  readsContext: false,
  basis: 'lock',
  movements: (doc, lines) =>
    // A closed order keeps its reservations: its sales documents have released them.
    doc.orderStatus === 'not_agreed'
      ? {}
      : {
          reservations: lines
            .filter((l) => !l.service && reserves(l.action))
            .map((l) => ({
              warehouse_id: doc.warehouseId!,
              product_id: l.productId,
              order_id: doc.id,
              quantity: l.quantity,
            })),
        },
  /**
   * An order that has shipments cannot change its reservations. At its first posting it has none: a
   * shipment posts only against a posted order, which this rule then keeps from being unposted.
   */
  async afterPosting(tx, doc, changes, { first }) {
    const reservations = changes.find((c) => c.register === 'reservations')?.rows ?? [];
    if (first || reservations.length === 0) return;
    const [shipment] = (await tx.execute(
      sql`select 1 from documents where kind = 'sales' and status = 'posted' and based_on_id = ${doc.id} limit 1`,
    )) as unknown as unknown[];
    if (shipment) throw new DocumentRuleError({ _form: 'order_has_sales' });
  },
  orders: (doc) => [doc.id],
  madeFrom: ['commercial_offer'],
  fromInterest: true,
  /** From an offer: its lines, gifts and manual discount (so the same discounts apply), the interest's prepayment. */
  async draft(db, base, draft) {
    const [interest] = base.interestId
      ? await db
          .select({ prepaymentPercent: interests.prepaymentPercent })
          .from(interests)
          .where(eq(interests.id, base.interestId))
      : [];
    draft.prepaymentPercent = interest?.prepaymentPercent ?? null;
    draft.lines = base.lines.map((l) => draftLine(l, l.quantity, 'reserve'));
  },
  /** An order made from an offer means the client accepted it. */
  async created(tx, doc, actor) {
    const accepted = (await tx.execute(sql`
      update documents set offer_status = 'accepted'
      where id = ${doc.basedOnId} and kind = 'commercial_offer' and status <> 'deleted'
        and offer_status = any(${`{${acceptedFrom.join(',')}}`}::offer_status[])
      returning id`)) as unknown as { id: number }[];
    if (accepted.length > 0)
      await writeAudit(tx, {
        userId: actor?.id ?? null,
        action: 'offer_status',
        entity: 'document',
        entityId: doc.basedOnId,
        data: { to: 'accepted', order: doc.id },
      });
  },
});
