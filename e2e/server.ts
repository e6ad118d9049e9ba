/**
 * The server for the e2e run: a fresh database (on DATABASE_URL's server when set, else an embedded
 * one), then the real launcher (scripts/start.ts) on the e2e port. The tests read the database URL
 * from .data/e2e/database-url to check what the pages wrote.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '@/db/embedded';
import { withDatabase } from '@/db/testing-url';
import { E2E_PORT, FAKE_BOT_API_PORT } from './port';

const dir = path.resolve('.data/e2e');
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });

let url: string;
let stopDatabase = async () => {};
if (process.env.DATABASE_URL) {
  const admin = postgres(withDatabase(process.env.DATABASE_URL, 'postgres'), { max: 1, onnotice: () => {} });
  const name = `torg_e2e_${E2E_PORT}`;
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  url = withDatabase(process.env.DATABASE_URL, name);
} else {
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'postgres'),
    database: 'torg',
    persistent: false,
  });
  url = server.url;
  stopDatabase = server.stop;
}
await writeFile(path.join(dir, 'database-url'), url);

const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(E2E_PORT),
    HOSTNAME: '127.0.0.1',
    TORG_DATA_DIR: dir,
    // The specs sign in with the demo accounts, which a database at DATABASE_URL does not get by default.
    TORG_DEMO: 'on',
    // The inbox spec's fake Telegram Bot API (lib/telegram/fake-bot-api.ts) listens here while it runs.
    TORG_TELEGRAM_API_ROOT: `http://127.0.0.1:${FAKE_BOT_API_PORT}`,
    // A log line per request would bury the test report.
    TORG_LOG_LEVEL: process.env.TORG_LOG_LEVEL ?? 'warn',
  },
});
const stop = () => app.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
app.on('exit', async (code) => {
  await stopDatabase();
  process.exit(code ?? 0);
});
