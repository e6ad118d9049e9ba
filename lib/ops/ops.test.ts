import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { jobHandlers } from '@/lib/jobs/handlers';
import { enqueueJob } from '@/lib/jobs/queue';
import { startWorker } from '@/lib/jobs/worker';
import { countJob, observeRequest, renderMetrics, routeOf } from './metrics';
import { databaseGauges, readiness } from './status';

const test = isolatedDatabase();

describe('readiness', () => {
  it('wants the migrations applied and a worker seen within a minute; the worker says so while it runs', async () => {
    expect(await readiness(test.db)).toEqual({
      ready: false,
      database: true,
      migrations: true,
      worker: false,
    });
    const worker = startWorker(test.url, jobHandlers, { pollMs: 50 });
    try {
      await expect.poll(async () => (await readiness(test.db)).ready).toBe(true);
      // A worker silent for over a minute does not count.
      await test.db.execute(sql`update worker_heartbeats set seen_at = now() - interval '61 seconds'`);
      expect((await readiness(test.db)).worker).toBe(false);
    } finally {
      await worker.stop();
    }
    // A stopped worker takes its heartbeat with it.
    expect((await test.db.execute(sql`select count(*)::int as n from worker_heartbeats`))[0]?.n).toBe(0);
    // A migration missing from the database (an older schema than this build) is not ready.
    await test.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    expect((await readiness(test.db)).migrations).toBe(false);
  });

  it('an unreachable database is not ready, and says so instead of failing', async () => {
    const { connect } = await import('@/db/client');
    const gone = connect('postgres://postgres:x@127.0.0.1:1/none', { connectTimeout: 1 });
    try {
      expect(await readiness(gone.db)).toEqual({
        ready: false,
        database: false,
        migrations: false,
        worker: false,
      });
    } finally {
      await gone.close();
    }
  });
});

describe('metrics', () => {
  it('labels requests by route, with ids and tokens folded', () => {
    expect(routeOf('/crm/interests/42')).toBe('/crm/interests/:id');
    expect(routeOf('/api/telephony/webhook/Zx8_kq93jdLw0aa1bb2')).toBe('/api/telephony/webhook/:id');
    expect(routeOf('/_next/static/chunks/app.js')).toBe('/_next');
    expect(routeOf('/')).toBe('/');
    expect(routeOf('/a/b/c/d/e/f')).toBe('/a/b/c/d');
  });

  it('renders latency histograms, job counters and database gauges in the Prometheus text format', async () => {
    observeRequest('GET', '/reports/gross-profit', 200, 0.03);
    observeRequest('GET', '/reports/gross-profit', 200, 0.7);
    countJob('recompute_interest', 'done');
    await enqueueJob(test.db, 'recompute_interest', 'interest:1', { interestId: 1 });
    const text = renderMetrics(await databaseGauges(test.db));
    const key = 'method="GET",route="/reports/gross-profit",status="200"';
    expect(text).toContain(`torg_http_request_duration_seconds_bucket{${key},le="0.05"} 1`);
    expect(text).toContain(`torg_http_request_duration_seconds_bucket{${key},le="1"} 2`);
    expect(text).toContain(`torg_http_request_duration_seconds_count{${key}} 2`);
    expect(text).toContain('torg_jobs_run_total{kind="recompute_interest",result="done"} 1');
    expect(text).toContain('torg_jobs{state="due"} 1');
    expect(text).toContain('torg_jobs{state="failed"} 0');
    expect(text).toContain('# TYPE torg_documents_posted gauge');
  });

  it('keeps at most 500 route series: a scan of random addresses folds into "other"', () => {
    for (let i = 0; i < 700; i++) observeRequest('GET', `/scan-${i}`, 404, 0.001);
    const text = renderMetrics([]);
    const series = new Set(
      [...text.matchAll(/torg_http_request_duration_seconds_count\{([^}]*)\}/g)].map((m) => m[1]),
    );
    expect(series.size).toBeLessThanOrEqual(501);
    expect(text).toContain('route="other",status="404"');
  });
});
