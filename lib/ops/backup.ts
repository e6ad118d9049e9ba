import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { runMigrations } from '@/db/migrate';
import { backupTables, isTableCopyBackup, restoreTables } from './table-copy-backup';

const run = promisify(execFile);

/** The server's major version (15, 18, …). */
export async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(row?.v) / 10000);
  } finally {
    await sql.end();
  }
}

/**
 * pg_dump or pg_restore of at least the server's major version (an older one refuses a newer server):
 * TORG_PG_BIN first, then PATH, then Debian's /usr/lib/postgresql/<major>/bin, the newest that fits.
 */
export async function findPgTool(name: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
  const candidates: string[] = [];
  if (process.env.TORG_PG_BIN) candidates.push(path.join(process.env.TORG_PG_BIN, name));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter))
    if (dir) candidates.push(path.join(dir, name));
  if (existsSync('/usr/lib/postgresql')) {
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join('/usr/lib/postgresql', v, 'bin', name));
  }
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const { stdout } = await run(candidate, ['--version']).catch(() => ({ stdout: '' }));
    const version = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
    if (version >= major) return candidate;
  }
  throw new Error(
    `No ${name} of PostgreSQL ${major} or newer on this machine: install the PostgreSQL ${major} client tools (e.g. postgresql-client-${major}) or set TORG_PG_BIN to their bin folder.`,
  );
}

/** The connection for libpq tools, password in the environment rather than on the command line. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
}

function tool(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} failed: ${errors.trim()}`)),
    );
  });
}

/**
 * A consistent snapshot of the whole database into `file`: pg_dump's custom format when this machine
 * has a pg_dump of at least the server's version, else Torg's own table copy (lib/ops/table-copy-backup.ts).
 */
export async function backupDatabase(url: string, file: string): Promise<BackupFormat> {
  const pgDump = await findPgTool('pg_dump', await serverMajor(url)).catch(() => null);
  if (!pgDump) {
    await backupTables(url, file);
    return 'table-copy';
  }
  await tool(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], libpqEnv(url));
  return 'pg_dump';
}

export type BackupFormat = 'pg_dump' | 'table-copy';

/**
 * Restores a backup into `database` on the server of `url`, which it creates. A database of that name
 * is refused, unless `replace` (the operator's explicit --replace) drops it first.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  database: string,
  options: { replace?: boolean } = {},
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database))
    throw new Error(
      `"${database}" is not a database name this command creates (lower-case letters, digits, _).`,
    );
  if (!existsSync(file)) throw new Error(`No backup file at ${file}.`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    if (options.replace) await sql.unsafe(`drop database if exists ${database} with (force)`);
    const [exists] = await sql`select 1 from pg_database where datname = ${database}`;
    if (exists)
      throw new Error(
        `Database ${database} exists: restore into a new one (--database NAME), or replace it (--replace).`,
      );
    await sql.unsafe(`create database ${database}`);
  } finally {
    await sql.end();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  try {
    if (await isTableCopyBackup(file)) {
      await runMigrations(target.toString());
      await restoreTables(target.toString(), file);
    } else {
      const pgRestore = await findPgTool('pg_restore', await serverMajor(url));
      await tool(
        pgRestore,
        ['--no-owner', '--no-privileges', '--exit-on-error', '--jobs=2', `--dbname=${database}`, file],
        libpqEnv(target.toString()),
      );
    }
  } catch (error) {
    // A half-restored database is no use, and would stand in the way of the next attempt.
    const cleanup = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${database} with (force)`).finally(() => cleanup.end());
    throw error;
  }
  return target.toString();
}
