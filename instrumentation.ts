/** Next.js calls this once when a server process starts: the job worker runs inside the web process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TORG_WORKER === 'off' || !process.env.DATABASE_URL)
    return;
  const { startAppWorker } = await import('./lib/jobs/app-worker');
  await startAppWorker(process.env.DATABASE_URL);
}

/** Next.js calls this for an error in a page, route handler or server action: logged with its stack, request and user. */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./lib/ops/log');
  log.error(
    { err: error, method: request.method, path: request.path.split('?')[0], route: context.routePath },
    'request failed',
  );
}
