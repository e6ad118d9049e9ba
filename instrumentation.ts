/** Next.js calls this once when a server process starts: the job worker runs inside the web process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TORG_WORKER === 'off' || !process.env.DATABASE_URL)
    return;
  const { startAppWorker } = await import('./lib/jobs/app-worker');
  await startAppWorker(process.env.DATABASE_URL);
}
