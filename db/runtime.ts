import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from './client';
import { startEmbeddedPostgres } from './embedded';
import { runMigrations } from './migrate';
import { isEmpty, seedDemoData } from './seed';

export const dataDir = () => path.resolve(process.env.TORG_DATA_DIR ?? '.data');

/**
 * The database the app runs on: DATABASE_URL when set, otherwise an embedded PostgreSQL with its data
 * in <data dir>/postgres. Either way it is migrated, and an empty one gets the demo data.
 */
export async function prepareDatabase(log: (message: string) => void = console.log) {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    log(`Starting embedded PostgreSQL in ${path.join(dataDir(), 'postgres')} ...`);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir(), 'postgres'),
      database: 'torg',
    });
    url = server.url;
    stop = server.stop;
  }
  try {
    await runMigrations(url);
    const { db, close } = connect(url, { max: 1 });
    try {
      if (await isEmpty(db)) {
        log('Empty database: loading demo data ...');
        await seedDemoData(db);
      }
    } finally {
      await close();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
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
