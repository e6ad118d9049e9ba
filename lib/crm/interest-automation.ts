import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { commandTransaction } from '@/lib/live/publish';
import { fullyShipped, loadOrderFacts } from '@/lib/sales/order-facts';
import { changeInterestState, type InterestState, interestStates } from './interest-state';
import type { StateCause, StateCauseCode } from './state-cause';

/** What the state of an interest follows from (docs/domain.md, interest states). */
export type InterestFacts = {
  state: InterestState;
  lineCount: number;
  /** The latest offer of the interest sent to the client (sent, accepted, rejected or expired after sending). */
  sentOffer: { number: string } | null;
  /** Its posted customer orders, with what was shipped and paid against each. */
  orders: { number: string; paid: string; done: boolean }[];
  /** The latest posted bank or cash receipt paying one of its orders. */
  lastPayment: { number: string; amount: string } | null;
};

/**
 * The state an interest's facts call for: a pure function, so the automation and its tests agree.
 * "Lost" is a manager's decision and stays until reopened.
 */
export function interestStateFor(f: InterestFacts): InterestState {
  if (f.state === 'lost') return 'lost';
  if (f.orders.length > 0 && f.orders.every((o) => o.done)) return 'won';
  if (f.orders.some((o) => new Decimal(o.paid).gt(0))) return 'shipment_control';
  if (f.orders.length > 0) return 'awaiting_payment';
  if (f.sentOffer) return 'offer_sent';
  if (f.lineCount > 0) return 'consultation';
  return 'new';
}

/** Why the state is what it is, for the feed: a code and its parameters (lib/crm/state-cause.ts). */
export function stateCause(f: InterestFacts, from: InterestState, to: InterestState): StateCause {
  const rank = (s: InterestState) => interestStates.indexOf(s);
  if (from !== 'lost' && rank(to) < rank(from)) {
    const undone: Partial<Record<InterestState, StateCauseCode>> = {
      won: 'undone_won',
      shipment_control: 'undone_shipment_control',
      awaiting_payment: 'undone_awaiting_payment',
      offer_sent: 'undone_offer_sent',
      consultation: 'undone_consultation',
    };
    return { code: undone[from] ?? 'facts_changed' };
  }
  const number = f.orders.at(-1)?.number ?? '';
  switch (to) {
    case 'won':
      return { code: 'order_done', params: { number } };
    case 'shipment_control':
      return f.lastPayment
        ? { code: 'payment_received', params: { amount: f.lastPayment.amount, number: f.lastPayment.number } }
        : { code: 'order_paid' };
    case 'awaiting_payment':
      return { code: 'order_posted', params: { number } };
    case 'offer_sent':
      return { code: 'offer_sent', params: { number: f.sentOffer?.number ?? '' } };
    case 'consultation':
      return { code: 'products_chosen', params: { count: f.lineCount } };
    default:
      return { code: 'no_products' };
  }
}

/** Reads an interest's facts (its state row locked by the caller's transaction when `lock`). */
export async function loadInterestFacts(
  db: DbOrTx,
  interestId: number,
  lock = false,
): Promise<InterestFacts | null> {
  const [interest] = (await db.execute(sql`
    select state, (select count(*)::int from interest_lines where interest_id = ${interestId}) as "lineCount"
    from interests where id = ${interestId} ${lock ? sql`for no key update` : sql``}`)) as unknown as {
    state: InterestState;
    lineCount: number;
  }[];
  if (!interest) return null;
  const [offers, orderRows, payments] = (await Promise.all([
    db.execute(sql`
      select number from documents
      where interest_id = ${interestId} and kind = 'commercial_offer' and status <> 'deleted'
        and offer_status in ('sent', 'accepted', 'rejected', 'expired')
      order by date desc, id desc limit 1`),
    db.execute(sql`
      select id, number from documents
      where interest_id = ${interestId} and kind = 'customer_order' and status = 'posted' order by date, id`),
    db.execute(sql`
      select r.number, r.amount::text from documents r
      where r.kind in ('bank_receipt', 'cash_receipt') and r.status = 'posted' and exists (
        select 1 from payment_allocations a join documents o on o.id = a.order_id
        where a.document_id = r.id and o.interest_id = ${interestId})
      order by r.date desc, r.id desc limit 1`),
  ])) as unknown as [
    { number: string }[],
    { id: number; number: string }[],
    { number: string; amount: string }[],
  ];
  const facts = await loadOrderFacts(
    db,
    orderRows.map((o) => o.id),
  );
  return {
    state: interest.state,
    lineCount: interest.lineCount,
    sentOffer: offers[0] ?? null,
    orders: orderRows.map((o) => {
      const f = facts.get(o.id)!;
      return {
        number: o.number,
        paid: f.paid,
        done: fullyShipped(f) && new Decimal(f.paid).gte(f.shipped),
      };
    }),
    lastPayment: payments[0] ?? null,
  };
}

/**
 * The job behind every "recompute interest N": loads the facts under the interest's lock, and when the
 * state they call for differs, writes it with its cause to the feed and pushes it live. Running it
 * twice changes nothing the second time.
 */
export async function recomputeInterest(db: DbOrTx, interestId: number): Promise<{ changed: boolean }> {
  return commandTransaction(db, async (tx) => {
    const facts = await loadInterestFacts(tx, interestId, true);
    if (!facts) return { changed: false };
    const to = interestStateFor(facts);
    if (to === facts.state) return { changed: false };
    const result = await changeInterestState(tx, interestId, to, {
      by: null,
      cause: stateCause(facts, facts.state, to),
    });
    // The system is held to no access rule, and "lost" is never the facts' state: only a bug refuses it.
    if (!result.ok) throw new Error(`interest ${interestId}: ${JSON.stringify(result.errors)}`);
    return { changed: result.changed };
  });
}
