import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import journal from '@/db/migrations/meta/_journal.json';
import type { Gauge } from './metrics';

export type Readiness = { ready: boolean; database: boolean; migrations: boolean; worker: boolean };

/**
 * /api/ready: the database answers, every migration this build ships is applied, and a job worker
 * (in a web process or `npm run worker`) said it was alive within the last minute.
 */
export async function readiness(db: DbOrTx): Promise<Readiness> {
  try {
    const [row] = await db.execute<{ applied: number; worker: boolean }>(sql`
      select
        (select count(*)::int from drizzle.__drizzle_migrations) as applied,
        exists (select 1 from worker_heartbeats where seen_at > now() - interval '1 minute') as worker`);
    const migrations = row?.applied === journal.entries.length;
    const worker = row?.worker === true;
    return { ready: migrations && worker, database: true, migrations, worker };
  } catch {
    return { ready: false, database: false, migrations: false, worker: false };
  }
}

/** What the database knows for /api/metrics: the job queue and posted documents by kind. */
export async function databaseGauges(db: DbOrTx): Promise<Gauge[]> {
  const jobs = await db.execute<{ state: string; n: number }>(sql`
    select case when status = 'failed' then 'failed' when run_at <= now() then 'due' else 'scheduled' end as state,
      count(*)::int as n
    from jobs group by 1`);
  const posted = await db.execute<{ kind: string; n: number }>(sql`
    select kind::text, count(*)::int as n from documents where status = 'posted' group by kind order by kind`);
  const jobStates = ['due', 'scheduled', 'failed'];
  return [
    {
      name: 'torg_jobs',
      help: 'Jobs in the queue: due (pending and due now), scheduled (pending, later) and failed.',
      values: jobStates.map((state) => ({
        labels: { state },
        value: jobs.find((j) => j.state === state)?.n ?? 0,
      })),
    },
    {
      name: 'torg_documents_posted',
      help: 'Posted documents by kind.',
      values: posted.map((p) => ({ labels: { kind: p.kind }, value: p.n })),
    },
  ];
}
