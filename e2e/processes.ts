/** App processes that an e2e spec starts beside the e2e server: `npm run serve` and `npm run worker`. */
import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from '@playwright/test';

export type AppProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

export function startProcess(script: 'serve' | 'worker', env: Record<string, string>): AppProcess {
  const args = script === 'serve' ? ['scripts/start.ts', '--serve'] : ['scripts/worker.ts'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  // Not left serving if the test run itself is stopped.
  const orphaned = () => child.kill('SIGTERM');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function healthy(url: string, app: AppProcess) {
  await expect
    .poll(
      async () => {
        if (app.child.exitCode !== null) throw new Error(`the process exited: ${app.output()}`);
        return (await fetch(`${url}/api/health`).catch(() => null))?.status;
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe(200);
}

/** SIGTERM, then the exit code. */
export async function stopProcess(app: AppProcess): Promise<number | null> {
  if (app.child.exitCode === null) app.child.kill('SIGTERM');
  return app.exited;
}
