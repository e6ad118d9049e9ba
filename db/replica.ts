import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** A replica that did not answer is left alone this long before it is asked again. */
const RETRY_AFTER_MS = 30_000;
let replicaDownUntil = 0;

/**
 * Where a report or the dashboard reads: the streaming replica (DATABASE_REPLICA_URL) once it has
 * replayed everything the primary had written when the read was asked, else the primary. So a report
 * asked right after a command shows it (read-your-writes, for everyone), and a lagging replica costs at
 * most `waitMs` before the primary answers instead. Commands never come here: they use the primary.
 */
export async function readFrom(primary: Db, replica: Db, waitMs = 200): Promise<Db> {
  if (Date.now() < replicaDownUntil) return primary;
  const [written] = await primary.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      const [replayed] = await replica.execute<{ ok: boolean }>(
        sql`select coalesce(pg_last_wal_replay_lsn() >= ${written?.lsn}::pg_lsn, false) as ok`,
      );
      if (replayed?.ok) return replica;
      if (Date.now() >= deadline) return primary;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } catch (error) {
    console.error(
      'replica unreachable, reading the primary:',
      error instanceof Error ? error.message : error,
    );
    replicaDownUntil = Date.now() + RETRY_AFTER_MS;
    return primary;
  }
}

/** After a test stopped the replica on purpose. */
export function forgetReplicaFailure() {
  replicaDownUntil = 0;
}
