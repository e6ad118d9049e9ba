import Decimal from 'decimal.js';
import { inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { cashDesks } from '@/db/schema';
import type { RegisterChange } from './apply';

export type CashShortage = {
  cashDeskId: number;
  cashDesk: string;
  /** What the document takes out of the cash desk. */
  need: string;
  /** What the cash desk held before it. */
  available: string;
};

/** A posting (or an unposting of a receipt) refused because a cash desk would go below zero. */
export class CashShortageError extends Error {
  constructor(readonly shortages: CashShortage[]) {
    super(shortages.map((s) => `need ${s.need} from ${s.cashDesk}, ${s.available} available`).join('; '));
    this.name = 'CashShortageError';
  }
}

/**
 * A cash desk never goes negative (bank accounts are the bank's business). The balances in `changes`
 * are the ones the posting's own upsert returned with their rows locked, so a concurrent posting to the
 * same desk waits and then sees this one's result: two payments can never both take the last rouble.
 */
export async function checkCash(tx: Tx, changes: RegisterChange[]): Promise<void> {
  const short = deskTakings(changes).filter((r) => new Decimal(r.balance.amount!).lt(0));
  if (short.length === 0) return;
  const names = new Map(
    (
      await tx
        .select({ id: cashDesks.id, name: cashDesks.name })
        .from(cashDesks)
        .where(
          inArray(
            cashDesks.id,
            short.map((r) => r.key.cash_desk_id!),
          ),
        )
    ).map((d) => [d.id, d.name]),
  );
  throw new CashShortageError(
    short.map((r) => {
      const need = new Decimal(r.delta.amount!).negated();
      return {
        cashDeskId: r.key.cash_desk_id!,
        cashDesk: names.get(r.key.cash_desk_id!) ?? String(r.key.cash_desk_id),
        need: need.toFixed(2),
        available: Decimal.max(new Decimal(r.balance.amount!).plus(need), 0).toFixed(2),
      };
    }),
  );
}

/** What a posting took from cash desks: the rows the rule checks (none: it reads nothing). */
export const deskTakings = (changes: readonly RegisterChange[]) =>
  (changes.find((c) => c.register === 'cash')?.rows ?? []).filter(
    (r) => r.key.cash_desk_id !== 0 && new Decimal(r.delta.amount!).lt(0),
  );
