import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { type AllocationChoice, allocationChoices } from '@/lib/documents/allocation-choices';
import { DocumentRuleError } from '@/lib/documents/errors';
import type { RegisterChange } from '@/lib/ledger/apply';

/**
 * What a client return is owed back: its amount, and what the posted refunds allocated to it
 * (Списание безналичных ДС and РКО of kind «возврат клиенту») already paid.
 */
export type RefundFacts = {
  returnId: number;
  number: string;
  date: Date;
  partnerId: number;
  status: 'draft' | 'posted' | 'deleted';
  amount: string;
  refunded: string;
};

/** `except`: leave one payment's allocations out (the one being posted). */
export async function loadRefundFacts(
  db: DbOrTx,
  returnIds: readonly number[],
  except = 0,
): Promise<Map<number, RefundFacts>> {
  if (returnIds.length === 0) return new Map();
  const ids = `{${[...new Set(returnIds)].join(',')}}`;
  const rows = (await db.execute(sql`
    select r.id as "returnId", r.number, r.date, r.partner_id as "partnerId", r.status, r.amount::text,
      coalesce((
        select sum(a.amount) from payment_allocations a join documents p on p.id = a.document_id
        where a.order_id = r.id and p.status = 'posted' and p.id <> ${except}
          and p.kind in ('bank_payment', 'cash_payment') and p.payment_kind = 'client_refund'
      ), 0)::numeric(15,2)::text as refunded
    from documents r where r.id = any(${ids}::int[]) and r.kind = 'client_return'`)) as unknown as RefundFacts[];
  return new Map(rows.map((r) => [r.returnId, { ...r, date: new Date(r.date) }]));
}

/** What is left to refund of a return (never below zero). */
export const leftToRefund = (f: RefundFacts) =>
  Decimal.max(new Decimal(f.amount).minus(f.refunded), 0).toFixed(2);

/** A return a refund may be allocated to: posted and the refunded client's. */
export const usableReturn = (f: RefundFacts | undefined, partnerId: number | null) =>
  !!f && f.status === 'posted' && f.partnerId === partnerId;

/**
 * The client's posted returns with something left to refund, plus `keepReturnIds` the payment already
 * names; shaped as the form's allocation choices.
 */
export async function clientReturnChoices(
  db: DbOrTx,
  partnerId: number,
  keepReturnIds: readonly number[] = [],
): Promise<AllocationChoice[]> {
  return allocationChoices(
    db,
    'client_return',
    partnerId,
    sql`status = 'posted'`,
    keepReturnIds,
    loadRefundFacts,
    (f) => ({
      id: f.returnId,
      number: f.number,
      date: f.date,
      toPay: leftToRefund(f),
    }),
  );
}

/**
 * A return can no longer be unposted, or posted for less, than its posted refunds paid back: checked
 * after its own posting or unposting (its row locked, which a refund takes before posting), and only
 * when it lowered what it credited the client — its own settlement movements, whatever its lines say.
 */
export async function refuseBelowRefunded(tx: Tx, returnId: number, changes: readonly RegisterChange[]) {
  const lowered = changes
    .find((c) => c.register === 'clientSettlements')
    ?.rows.some((r) => new Decimal(r.delta.amount ?? 0).gt(0));
  if (!lowered) return;
  const [above] = (await tx.execute(sql`
    select 1 where (
      select coalesce(sum(a.amount), 0) from payment_allocations a join documents p on p.id = a.document_id
      where a.order_id = ${returnId} and p.status = 'posted' and p.kind in ('bank_payment', 'cash_payment')
        and p.payment_kind = 'client_refund'
    ) > (select coalesce(-sum(amount), 0) from client_settlement_movements where document_id = ${returnId})`)) as unknown as unknown[];
  if (above) throw new DocumentRuleError({ _form: 'has_refunds' });
}
