import { connect } from '@/db/client';
import { log } from '@/lib/ops/log';
import { countJob } from '@/lib/ops/metrics';
import { jobHandlers, scheduleRecurringJobs } from './handlers';
import { startWorker, type Worker } from './worker';

/** Every worker's settings: TORG_WORKER_CONCURRENCY, and each job logged and counted for /api/metrics. */
export function workerOptions(): Parameters<typeof startWorker>[2] {
  return {
    concurrency: Number(process.env.TORG_WORKER_CONCURRENCY ?? 2),
    onError: (error) => log.error({ err: error }, 'job worker'),
    onJob: (job, result, error) => {
      countJob(job.kind, result);
      const fields = { jobId: job.id, kind: job.kind, key: job.key, attempts: job.attempts + 1 };
      if (result === 'done') log.info(fields, 'job done');
      else log.warn({ ...fields, err: error }, 'job failed');
    },
  };
}

const global = globalThis as unknown as { torgWorker?: Promise<Worker> };

/**
 * The worker inside a web process (started from instrumentation.ts): once per process, and stopped
 * on SIGTERM/SIGINT. A job cut off by the process ending rolls back and is run again by any worker.
 */
export function startAppWorker(url: string): Promise<Worker> {
  global.torgWorker ??= (async () => {
    const { db, close } = connect(url, { max: 1 });
    try {
      await scheduleRecurringJobs(db);
    } finally {
      await close();
    }
    const worker = startWorker(url, jobHandlers, workerOptions());
    const stop = () => void worker.stop();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return worker;
  })();
  return global.torgWorker;
}
