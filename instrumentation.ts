/** Next.js calls this once when a server process starts: the job worker runs inside the web process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TORG_WORKER === 'off' || !process.env.DATABASE_URL)
    return;
  const { startAppWorker } = await import('./lib/jobs/app-worker');
  await startAppWorker(process.env.DATABASE_URL);
}

/**
 * Every error a request did not expect, logged with its stack, request and user under the id the user
 * is shown ("Ошибка, код …", app/error.tsx): Next's digest of the error.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./lib/ops/log');
  log.error(
    {
      id: (error as { digest?: string }).digest ?? null,
      err: error,
      method: request.method,
      path: request.path.split('?')[0]!.slice(0, 500),
      route: context.routePath,
      kind: context.routeType,
    },
    'request failed',
  );
}
