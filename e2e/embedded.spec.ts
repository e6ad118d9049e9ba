import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '@/db/embedded';

test('with DATABASE_URL unset, npm start runs an embedded PostgreSQL, migrates, answers and stops cleanly', async ({
  request,
}) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'torg-embedded-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as its own user when the tests run as root

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    TORG_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: 'pipe' });
  let output = '';
  app.stdout.on('data', (d) => (output += d));
  app.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => app.on('exit', (code) => resolve(code)));
  try {
    await expect
      .poll(
        async () => {
          if (app.exitCode !== null) throw new Error(`the app exited: ${output}`);
          return (await request.get(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status();
        },
        { timeout: 240_000, intervals: [500] },
      )
      .toBe(200);
    const login = await request.get(`http://127.0.0.1:${port}/login`);
    expect(await login.text()).toContain('admin@torg.demo');
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'auth-secret'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
  } finally {
    app.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    // The embedded server was shut down, not left running.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    await rm(dataDir, { recursive: true, force: true });
  }
});
