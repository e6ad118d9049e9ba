/** Next.js calls this once when a server process starts: the job worker runs inside the web process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TORG_WORKER === 'off' || !process.env.DATABASE_URL)
    return;
  const { startAppWorker } = await import('./lib/jobs/app-worker');
  await startAppWorker(process.env.DATABASE_URL);
}

/**
 * Every error a request did not expect, logged as one line under the id the user is shown
 * ("Ошибка, код …", app/error.tsx): Next's digest of the error.
 */
export function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
) {
  const digest = (error as { digest?: string }).digest;
  console.error(
    JSON.stringify({
      level: 'error',
      id: digest ?? null,
      method: request.method,
      path: request.path.slice(0, 500),
      route: context.routePath,
      kind: context.routeType,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    }),
  );
}
