import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { issueSetupToken } from '@/lib/users/setup';
import { connect, type Db } from './client';
import { startEmbeddedPostgres } from './embedded';
import { runMigrations } from './migrate';
import { isEmpty, seedDemoData } from './seed';

export const dataDir = () => path.resolve(process.env.TORG_DATA_DIR ?? '.data');

/**
 * Whether this start is a demo: on for the embedded default (a newcomer's first `npm start`), off with
 * DATABASE_URL (a real deployment, which must not get accounts with a published password).
 * TORG_DEMO=on|off decides either way.
 */
export function demoWanted(env: Record<string, string | undefined> = process.env): boolean {
  if (env.TORG_DEMO === 'on') return true;
  if (env.TORG_DEMO === 'off') return false;
  if (env.TORG_DEMO) throw new Error(`TORG_DEMO must be "on" or "off", not "${env.TORG_DEMO}"`);
  return !env.DATABASE_URL;
}

/**
 * What a migrated database gets on start. A demo fills an empty database with the demo data. A
 * deployment starts empty: while it has no user, a start that knows the app's address (`npm start`)
 * issues a one-time link that creates the first administrator, and returns it to be printed.
 */
export async function prepareData(
  db: Db,
  options: { demo: boolean; appUrl?: string; log?: (message: string) => void },
): Promise<string | null> {
  if (options.demo) {
    if (await isEmpty(db)) {
      options.log?.('Empty database: loading demo data ...');
      await seedDemoData(db);
    }
    return null;
  }
  const token = options.appUrl ? await issueSetupToken(db) : null;
  return token ? `${options.appUrl}/login/setup?token=${token}` : null;
}

/**
 * The database the app runs on: DATABASE_URL when set, otherwise an embedded PostgreSQL with its data
 * in <data dir>/postgres. Either way it is migrated and prepared (prepareData); `appUrl` is given by
 * the app's launcher only, which prints the setup link, so that other commands never replace one.
 */
export async function prepareDatabase(log: (message: string) => void = console.log, appUrl?: string) {
  const demo = demoWanted();
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    log(`Starting embedded PostgreSQL in ${path.join(dataDir(), 'postgres')} ...`);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir(), 'postgres'),
      database: 'torg',
      log,
    });
    url = server.url;
    stop = server.stop;
  }
  let setupLink: string | null = null;
  try {
    await runMigrations(url);
    const { db, close } = connect(url, { max: 1 });
    try {
      setupLink = await prepareData(db, { demo, appUrl, log });
    } finally {
      await close();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, demo, setupLink };
}

/** AUTH_SECRET from the environment, else one generated on first start and kept under the data dir. */
export async function authSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), 'auth-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
