import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { connect, type Db, type Tx } from '@/db/client';
import { commandTransaction } from '@/lib/live/publish';
import { withContext } from '@/lib/ops/context';
import { backoffSeconds, JOB_LOCK, JOBS_CHANNEL, type JobRow } from './queue';

/**
 * A job's work in `tx`, the transaction that claimed it. `db` is for a job that commits in steps of its
 * own (a data load's batches), so that a run cut off keeps the steps done.
 */
export type JobHandler = (tx: Tx, payload: Record<string, unknown>, job: JobRow, db: Db) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export type RunResult = 'idle' | 'done' | 'failed';

/**
 * Claims the next due job and runs it in one transaction: the job row (and any unheld pending duplicate
 * of its key) is deleted as it is claimed (SKIP LOCKED, so workers never take the same one) and the
 * handler's writes commit with that delete.
 * A worker that dies mid-job rolls both back, and the job is there for the next worker. A failure
 * is recorded after the rollback: retried with backoff, parked as failed after max_attempts.
 */
export async function runNextJob(
  db: Db,
  handlers: JobHandlers,
  observe?: (job: JobRow, result: 'done' | 'failed', error?: unknown) => void,
): Promise<RunResult> {
  let claimed: JobRow | undefined;
  try {
    await commandTransaction(db, async (tx) => {
      const [job] = (await tx.execute(sql`
        delete from jobs where id = (
          select id from jobs where status = 'pending' and run_at <= now() order by run_at, id limit 1 for update skip locked
        ) returning *`)) as unknown as JobRow[];
      if (!job) return;
      claimed = job;
      // Pending duplicates of its key that no one holds are covered by this run: it reads the facts after this.
      await tx.execute(sql`
        delete from jobs where id in (
          select id from jobs where key = ${job.key} and status = 'pending' for update skip locked)`);
      // Visible to Administration → background jobs as "running" while this transaction lasts.
      await tx.execute(sql`select pg_advisory_xact_lock(${JOB_LOCK}, ${job.id})`);
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await withContext({ requestId: `job-${job.id}`, jobId: job.id }, () =>
        handler(tx, job.payload, job, db),
      );
    });
  } catch (error) {
    if (!claimed) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const attempts = claimed.attempts + 1;
    await db.execute(sql`
      update jobs set attempts = ${attempts}, last_error = ${message.slice(0, 2000)},
        status = ${attempts >= claimed.max_attempts ? 'failed' : 'pending'},
        run_at = now() + ${`${backoffSeconds(attempts)} seconds`}::interval
      where id = ${claimed.id}`);
    observe?.(claimed, 'failed', error);
    return 'failed';
  }
  if (claimed) observe?.(claimed, 'done');
  return claimed ? 'done' : 'idle';
}

/** How often a worker says it is alive (worker_heartbeats); /api/ready wants a sign within a minute. */
const HEARTBEAT_MS = 15_000;

export type Worker = {
  readonly id: string;
  /** Resolves when no job is due (for tests and benchmarks). */
  drain(): Promise<void>;
  /** Finishes the jobs in hand, then stops. */
  stop(): Promise<void>;
};

/**
 * Runs jobs until stopped: `concurrency` loops claim jobs as they are due, wake on NOTIFY from
 * enqueue_job, and poll every `pollMs` for jobs scheduled later (and in case a NOTIFY was missed).
 */
export function startWorker(
  url: string,
  handlers: JobHandlers,
  options: {
    concurrency?: number;
    pollMs?: number;
    onError?: (error: unknown) => void;
    onJob?: (job: JobRow, result: 'done' | 'failed', error?: unknown) => void;
  } = {},
): Worker {
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  // One spare connection for the steps a job commits on its own while its claim holds one (JobHandler).
  const { db, close } = connect(url, { max: concurrency + 1 });
  const listener = postgres(url, { max: 1, onnotice: () => {} });
  let stopping = false;
  let wake: (() => void)[] = [];
  const wakeAll = () => {
    const waiting = wake;
    wake = [];
    for (const w of waiting) w();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const listening = listener.listen(JOBS_CHANNEL, wakeAll).catch((error) => options.onError?.(error));
  const beat = () =>
    db
      .execute(sql`
        insert into worker_heartbeats (worker_id, host, pid) values (${id}, ${os.hostname()}, ${process.pid})
        on conflict (worker_id) do update set seen_at = now()`)
      .catch((error) => options.onError?.(error));
  const beating = beat();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  let idleSince: (() => void)[] = [];
  const loop = async () => {
    while (!stopping) {
      let result: RunResult;
      try {
        result = await runNextJob(db, handlers, options.onJob);
      } catch (error) {
        options.onError?.(error);
        result = 'idle';
      }
      if (result === 'idle') {
        for (const resolve of idleSince.splice(0)) resolve();
        if (!stopping) await sleep();
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  let stopped: Promise<void> | undefined;
  return {
    id,
    drain: () =>
      new Promise<void>((resolve) => {
        idleSince.push(resolve);
        wakeAll();
      }),
    stop() {
      // Both the web server's shutdown and the signal handler ask; the second waits for the first.
      stopped ??= (async () => {
        stopping = true;
        clearInterval(heartbeat);
        wakeAll();
        await Promise.all(loops);
        idleSince = [];
        await beating;
        await db.execute(sql`delete from worker_heartbeats where worker_id = ${id}`).catch(() => {});
        await listening;
        await listener.end({ timeout: 5 });
        await close();
      })();
      return stopped;
    },
  };
}

/** Runs due jobs one after another until none is left (tests, scripts). Returns how many ran. */
export async function runJobsUntilIdle(db: Db, handlers: JobHandlers): Promise<number> {
  let ran = 0;
  while ((await runNextJob(db, handlers)) !== 'idle') ran++;
  return ran;
}
