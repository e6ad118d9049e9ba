import { asc, desc, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { jobs } from '@/db/schema';

/** The channel enqueue_job NOTIFYs, so idle workers wake at once instead of at their next poll. */
export const JOBS_CHANNEL = 'torg_jobs';
/** First key of the advisory lock a worker holds while it runs a job (the second is the job id). */
export const JOB_LOCK = 742_002;

export type JobRow = {
  id: number;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'failed';
  run_at: Date;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: Date;
};

/** Adds a job, or merges into a pending one of its key (the SQL function the triggers call too). */
export async function enqueueJob(
  db: DbOrTx,
  kind: string,
  key: string,
  payload: Record<string, unknown> = {},
  runAt: Date = new Date(),
): Promise<void> {
  await db.execute(
    sql`select enqueue_job(${kind}, ${key}, ${JSON.stringify(payload)}::jsonb, ${runAt.toISOString()}::timestamptz)`,
  );
}

/** Seconds before the next attempt: 2, 4, 8 … up to 10 minutes. */
export const backoffSeconds = (attempts: number) => Math.min(2 ** attempts, 600);

/** What Administration → background jobs shows: running first, then failed, then pending. */
export async function listJobs(db: DbOrTx, limit = 200) {
  const running = sql<boolean>`exists (
    select 1 from pg_locks l where l.locktype = 'advisory' and l.classid = ${JOB_LOCK} and l.objid = ${jobs.id} and l.granted
  )`;
  return db
    .select({ ...getTableColumns(jobs), running })
    .from(jobs)
    .orderBy(desc(running), desc(sql`${jobs.status} = 'failed'`), asc(jobs.runAt), asc(jobs.id))
    .limit(limit);
}

export async function jobCounts(db: DbOrTx): Promise<{ pending: number; failed: number }> {
  const [row] = (await db.execute(sql`
    select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'failed')::int as failed
    from jobs`)) as unknown as { pending: number; failed: number }[];
  return row!;
}

/**
 * Gives a parked job another round of attempts. If a newer job with its key is pending already, that
 * one covers it and the parked one is removed.
 */
export async function retryJob(db: DbOrTx, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [job] = (await tx.execute(
      sql`select key from jobs where id = ${id} and status = 'failed' for update`,
    )) as unknown as { key: string }[];
    if (!job) return;
    const [pending] = (await tx.execute(
      sql`select 1 from jobs where key = ${job.key} and status = 'pending'`,
    )) as unknown as unknown[];
    if (pending) await tx.execute(sql`delete from jobs where id = ${id}`);
    else
      await tx.execute(
        sql`update jobs set status = 'pending', attempts = 0, run_at = now(), last_error = null where id = ${id}`,
      );
    await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, 'retry')`);
  });
}
