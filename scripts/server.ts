/**
 * The production web server (`npm start`, `npm run serve` run it after the build): Next.js behind a
 * Node HTTP server that gives every request an id (X-Request-Id, kept when a proxy sent a sane one), a
 * JSON log line and a latency sample for /api/metrics, and that shuts down gracefully: on SIGTERM it
 * stops accepting connections, ends the live streams (browsers reconnect to another process), lets the
 * requests in progress finish — a posting commits or rolls back whole either way — and the job worker
 * finish the jobs in hand, then exits.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import next from 'next';
import { withContext } from '@/lib/ops/context';
import { log } from '@/lib/ops/log';
import { observeRequest } from '@/lib/ops/metrics';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';
/** Longest wait for requests in progress on shutdown; a proxy's own timeout is usually about this. */
const DRAIN_MS = 25_000;

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const inFlight = new Set<http.ServerResponse>();
const liveStreams = new Set<http.ServerResponse>();
let drained: (() => void) | undefined;

const server = http.createServer((req, res) => {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = requestId;
  res.setHeader('X-Request-Id', requestId);
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const started = process.hrtime.bigint();
  const context = { requestId } as { requestId: string; userId?: number };
  const streams = pathname === '/api/live';
  (streams ? liveStreams : inFlight).add(res);
  res.on('close', () => {
    inFlight.delete(res);
    liveStreams.delete(res);
    if (inFlight.size === 0) drained?.();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!streams) observeRequest(req.method ?? 'GET', pathname, res.statusCode, seconds);
    // The path only: a query may carry a one-time token (the first administrator's setup link).
    withContext(context, () =>
      log.info(
        { method: req.method, path: pathname, status: res.statusCode, ms: Math.round(seconds * 1000) },
        'request',
      ),
    );
  });
  withContext(context, () => handle(req, res));
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => log.info({ port, hostname }, 'listening'));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal, requests: inFlight.size, streams: liveStreams.size }, 'shutting down');
  server.close();
  server.closeIdleConnections();
  for (const res of liveStreams) res.destroy();
  if (inFlight.size > 0)
    await new Promise<void>((resolve) => {
      drained = resolve;
      setTimeout(resolve, DRAIN_MS).unref();
    });
  server.closeAllConnections();
  const worker = (globalThis as { torgWorker?: Promise<{ stop(): Promise<void> }> }).torgWorker;
  if (worker) await (await worker).stop();
  await app.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
