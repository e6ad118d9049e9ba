import type { DbOrTx, Tx } from './client';
import { oneStatement } from './insert-rows';
import type { Statement } from './statement';

/** What a part left to the commit adds to the statement: writes, then reads (a notification). */
export type CommitParts = { writes: Statement[]; reads: Statement[] };

/**
 * One thing left to the commit; it may keep state that later postings in the transaction add to.
 * `first`: its writes go before the others' (a posting's own rows and balances, before the turnovers).
 */
export type CommitEntry = { parts: () => CommitParts; first?: boolean };

const held = new WeakMap<DbOrTx, Map<string, CommitEntry>>();

/**
 * From here on, what commands in `tx` leave to its end (atCommit) waits for commitStatement: a posting's
 * turnovers (lib/ledger/apply.ts), whose rows are then locked only for the commit, and the live events
 * of what changed (lib/documents/posting.ts), which PostgreSQL delivers only on commit anyway.
 */
export function holdUntilCommit(tx: Tx): void {
  held.set(tx, new Map());
}

/**
 * The entry `key` of what `tx` leaves to its commit, made by `make` the first time (a later one with
 * the same key finds it, so a document published twice notifies once); undefined when `tx` holds
 * nothing back (or is no transaction) and the caller must run its statement now.
 */
export function atCommit<E extends CommitEntry>(tx: DbOrTx, key: string, make: () => E): E | undefined {
  const waiting = held.get(tx);
  if (!waiting) return undefined;
  let entry = waiting.get(key) as E | undefined;
  if (!entry) {
    entry = make();
    waiting.set(key, entry);
  }
  return entry;
}

/**
 * Everything `tx` left to its commit as one statement (each statement costs both sides a message and a
 * system call), writes first in the order they were left; null for nothing. It is no longer held.
 */
export function commitStatement(tx: Tx): Statement | null {
  const waiting = held.get(tx);
  held.delete(tx);
  const writes: Statement[] = [];
  const reads: Statement[] = [];
  const entries = [...(waiting?.values() ?? [])];
  for (const entry of [...entries.filter((e) => e.first), ...entries.filter((e) => !e.first)]) {
    const parts = entry.parts();
    writes.push(...parts.writes);
    reads.push(...parts.reads);
  }
  return writes.length + reads.length > 0 ? oneStatement(writes, reads) : null;
}

/**
 * Runs `work` with what it leaves to the commit sent at its end, in one round trip (a transaction
 * inside another's, or a caller's; pipelinedTransaction sends it with the commit itself).
 */
export async function withStatementsAtCommit<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  holdUntilCommit(tx);
  try {
    const result = await work();
    const last = commitStatement(tx);
    if (last) await tx.execute(last);
    return result;
  } finally {
    held.delete(tx);
  }
}
