import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { bankPayments, partners } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { partnerCatalog } from '@/lib/catalogs/partners';
import type { FieldErrors } from '@/lib/validation/fields';
import { type PostOutcome, postPayment } from './import-statement';

export type PayerPartnerResult =
  | { ok: true; partnerId: number; created: boolean; outcome: PostOutcome }
  | { ok: false; errors: FieldErrors };

/** Banks often put the INN before the name («ИНН 7701234560 ООО "Климат"»): the name without it. */
export function payerPartnerName(payerName: string): string {
  return payerName.replace(/^ИНН\s*\d{10,12}\s+/i, '').trim() || payerName.trim();
}

/**
 * A client for an unknown payer, from what the bank says of them — the name and INN — and the payment
 * matched to it and posted (an advance: a new client has no orders yet). The payer's account is kept
 * on the matched payment, so their next payment from it is matched by the account too. One
 * transaction under the payment's lock: a double click creates one client and posts once; a client
 * with that INN added meanwhile is taken rather than duplicated. The client is created through the
 * catalog (its validation, access rule and audit), as the manager's own.
 */
export async function createPartnerFromPayment(
  db: DbOrTx,
  paymentId: number,
  actor: Actor,
): Promise<PayerPartnerResult> {
  return db.transaction(async (tx): Promise<PayerPartnerResult> => {
    const [payment] = await tx
      .select()
      .from(bankPayments)
      .where(eq(bankPayments.id, paymentId))
      .for('update');
    if (!payment) return { ok: false, errors: { _form: 'not_found' } };
    if (payment.receiptId && payment.partnerId)
      return {
        ok: true,
        partnerId: payment.partnerId,
        created: false,
        outcome: { ok: true, receiptId: payment.receiptId },
      };
    if (!payment.payerInn) return { ok: false, errors: { _form: 'payer_inn_required' } };
    const [known] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.inn, payment.payerInn))
      .for('share');
    let partnerId = known?.id;
    if (!partnerId) {
      const name = payerPartnerName(payment.payerName);
      const saved = await partnerCatalog.save(
        tx,
        null,
        {
          name,
          fullName: name,
          // Money in came from a client; money out of our account went to a supplier.
          isClient: !payment.outgoing,
          isSupplier: payment.outgoing,
          inn: payment.payerInn,
          responsibleId: actor.role === 'manager' ? String(actor.id) : '',
          comment: `${payment.outgoing ? 'Получатель' : 'Плательщик'} по выписке банка, счёт ${payment.payerAccount}`,
        },
        actor,
      );
      if (!saved.ok) return saved;
      partnerId = saved.id;
    }
    const outcome = await postPayment(tx, paymentId, partnerId, null, actor);
    // A refused receipt still leaves the payment with its client, to post by hand once it may.
    if (!outcome.ok) await tx.update(bankPayments).set({ partnerId }).where(eq(bankPayments.id, paymentId));
    return { ok: true, partnerId, created: !known, outcome };
  });
}
