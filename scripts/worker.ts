/**
 * `npm run worker`: a job worker on its own, for more machines (or with the web processes started with
 * TORG_WORKER=off). Any number of workers share one database; SKIP LOCKED keeps them off each other's
 * jobs. It needs DATABASE_URL: the embedded database of `npm start` already has the web process's worker.
 */
import { connect } from '@/db/client';
import { workerOptions } from '@/lib/jobs/app-worker';
import { jobHandlers, scheduleRecurringJobs } from '@/lib/jobs/handlers';
import { startWorker } from '@/lib/jobs/worker';
import { startMailWatcher } from '@/lib/mail/watch';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL server the app uses.');
  process.exit(2);
}
const setup = connect(url, { max: 1 });
await scheduleRecurringJobs(setup.db);
await setup.close();
const worker = startWorker(url, jobHandlers, workerOptions());
const mail = connect(url, { max: 1 });
const watcher = startMailWatcher(mail.db, { onError: (error) => console.error('mail watcher:', error) });
console.log(`job worker ${worker.id} running; Ctrl-C stops it`);
const stop = async () => {
  await Promise.all([worker.stop(), watcher.stop().then(mail.close)]);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
