import { createHash, timingSafeEqual } from 'node:crypto';
import { getDb } from '@/db/client';
import { liveStreamsOpen } from '@/lib/live/topics';
import { renderMetrics } from '@/lib/ops/metrics';
import { databaseGauges } from '@/lib/ops/status';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Prometheus metrics of this process and of the database, for a scraper that sends
 * `Authorization: Bearer <TORG_METRICS_TOKEN>`; without that variable the endpoint is off (404).
 */
export async function GET(request: Request) {
  const token = process.env.TORG_METRICS_TOKEN;
  if (!token) return new Response('Metrics are off: set TORG_METRICS_TOKEN', { status: 404 });
  const given = /^Bearer (.{1,500})$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!timingSafeEqual(digest(given), digest(token)))
    return new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  const gauges = await databaseGauges(getDb());
  gauges.push({
    name: 'torg_live_streams',
    help: 'Live update streams (SSE) open on this process.',
    values: [{ value: liveStreamsOpen() }],
  });
  return new Response(renderMetrics(gauges), {
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
  });
}
