import { connect } from '@/db/client';
import { startMailWatcher } from '@/lib/mail/watch';
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
 * The worker (and the mailbox watcher) inside a web process (started from instrumentation.ts): once per process, and stopped
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
    // The mailbox's IDLE connection wakes the mail job as letters arrive (its schedule is the fallback).
    const mail = connect(url, { max: 1 });
    const watcher = startMailWatcher(mail.db, {
      onError: (error) => log.error({ err: error }, 'mail watcher'),
    });
    const stop = () => void Promise.all([worker.stop(), watcher.stop().then(mail.close)]);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return worker;
  })();
  return global.torgWorker;
}
