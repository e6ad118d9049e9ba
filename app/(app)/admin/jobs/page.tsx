import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { formatDateTime } from '@/lib/i18n/formats';
import type { MessageKey } from '@/lib/i18n/messages';
import { jobCounts, listJobs } from '@/lib/jobs/queue';
import { retryJobAction } from './actions';

/** Administration → background jobs: what runs now, what waits, what failed (with its error and a retry). */
export default async function JobsPage() {
  await requireUser('admin');
  const { t, locale } = await getTranslator();
  const db = getDb();
  const [jobs, counts] = await Promise.all([listJobs(db), jobCounts(db)]);
  const kind = (k: string) => {
    const key = `jobs.kind.${k}` as MessageKey;
    return t(key) === key ? k : t(key);
  };
  return (
    <>
      <header className="page-header">
        <h1>{t('nav.jobs')}</h1>
      </header>
      <p className="muted">{t('jobs.summary', counts)}</p>
      {jobs.length === 0 ? (
        <p className="notice">{t('jobs.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('jobs.col.kind')}</th>
              <th>{t('jobs.col.key')}</th>
              <th>{t('jobs.col.status')}</th>
              <th>{t('jobs.col.runAt')}</th>
              <th className="num">{t('jobs.col.attempts')}</th>
              <th>{t('jobs.col.error')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => {
              const status = job.running ? 'running' : job.status;
              return (
                <tr key={job.id}>
                  <td>{kind(job.kind)}</td>
                  <td>{job.key}</td>
                  <td>
                    <span className={`badge job-${status}`}>{t(`jobs.status.${status}`)}</span>
                  </td>
                  <td>{formatDateTime(locale, job.runAt)}</td>
                  <td className="num">
                    {job.attempts} / {job.maxAttempts}
                  </td>
                  <td className="job-error">{job.lastError}</td>
                  <td>
                    {job.status === 'failed' && (
                      <form action={retryJobAction}>
                        <input type="hidden" name="id" value={job.id} />
                        <button type="submit">{t('jobs.retry')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
