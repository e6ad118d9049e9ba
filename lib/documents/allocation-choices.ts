import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { DocumentKind } from './kinds';

/** A document a payment may allocate to (a supplier order, a client return), with what is left to pay. */
export type AllocationChoice = { id: number; number: string; date: Date; toPay: string };

/**
 * The partner's documents of `kind` a payment may allocate to: those `open` selects with something
 * left to pay, plus `keepIds` the payment already names; newest first, at most 100, shaped as the
 * form's choices. `loadFacts` and `choice` say what is left of each.
 */
export async function allocationChoices<F>(
  db: DbOrTx,
  kind: DocumentKind,
  partnerId: number,
  open: SQL,
  keepIds: readonly number[],
  loadFacts: (db: DbOrTx, ids: number[]) => Promise<Map<number, F>>,
  choice: (facts: F) => AllocationChoice,
): Promise<AllocationChoice[]> {
  const ids = (await db.execute(sql`
    select id from documents
    where kind = ${kind} and partner_id = ${partnerId}
      and ((${open}) or id = any(${`{${keepIds.join(',')}}`}::int[]))
    order by date desc, id desc limit 100`)) as unknown as { id: number }[];
  const facts = await loadFacts(
    db,
    ids.map((r) => r.id),
  );
  return [...facts.values()]
    .map(choice)
    .filter((c) => new Decimal(c.toPay).gt(0) || keepIds.includes(c.id))
    .sort((a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id);
}
