/**
 * `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo data on an empty
 * embedded database or the first administrator's setup link on an empty deployment (db/runtime.ts),
 * a production build when the sources changed, then the Next.js server. Ctrl-C stops the server and
 * the embedded PostgreSQL cleanly.
 *
 * The server is scripts/server.ts (request ids, logs, metrics, graceful shutdown) over the build.
 * `--build` (`npm run build`) only builds; `--serve` (`npm run serve`) only serves an existing build,
 * on DATABASE_URL: any number of them, each on its own PORT, share one database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { authSecret, prepareDatabase } from '@/db/runtime';

const mode = process.argv.includes('--dev')
  ? 'dev'
  : process.argv.includes('--build')
    ? 'build'
    : process.argv.includes('--serve')
      ? 'serve'
      : 'start';
const port = process.env.PORT ?? '3000';
const nextBin = path.resolve('node_modules/next/dist/bin/next');
const buildStamp = path.resolve('.next/torg-source-hash');
const sourceRoots = [
  'app',
  'lib',
  'db',
  'emails',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
];

async function hashTree(hash: ReturnType<typeof createHash>, entry: string): Promise<void> {
  if (!existsSync(entry)) return;
  if ((await stat(entry)).isDirectory()) {
    for (const child of (await readdir(entry)).sort()) {
      if (!child.endsWith('.test.ts')) await hashTree(hash, path.join(entry, child));
    }
  } else {
    hash.update(entry).update(await readFile(entry));
  }
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const root of sourceRoots) await hashTree(hash, root);
  return hash.digest('hex');
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'pipe' = 'inherit',
  signal?: AbortSignal,
): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { stdio, env, signal });
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

/**
 * `next build` when the sources differ from the last build. It does not type-check (`npm test` does):
 * that halves a first start. Its steps are passed through, and a quiet spell says it is still going.
 * The very first build skips Turbopack's on-disk cache, which costs seconds to write and only pays
 * back on a rebuild.
 */
async function buildWhenChanged(env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<void> {
  const hash = await sourceHash();
  const firstBuild = !existsSync(buildStamp);
  if (!firstBuild && (await readFile(buildStamp, 'utf8')) === hash) return;
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  console.log('Building the app (first start or changed sources only; about a minute) ...');
  const build = run(['build'], { ...env, ...(firstBuild && { TORG_BUILD_CACHE: 'off' }) }, 'pipe', signal);
  build.on('error', () => {}); // aborted: the exit code below tells
  let lastOutput = Date.now();
  const forward = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    lastOutput = Date.now();
    to.write(chunk);
  };
  build.stdout?.on('data', forward(process.stdout));
  build.stderr?.on('data', forward(process.stderr));
  const ticker = setInterval(() => {
    if (Date.now() - lastOutput >= 10_000) {
      console.log(`  ... still building (${seconds()} s)`);
      lastOutput = Date.now();
    }
  }, 1000);
  const code = await exitCode(build).finally(() => clearInterval(ticker));
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  await writeFile(buildStamp, hash);
  console.log(`Built in ${seconds()} s.`);
}

async function main() {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (mode === 'build') {
    await buildWhenChanged(baseEnv);
    return;
  }
  if (mode === 'serve') {
    if (!process.env.DATABASE_URL) {
      console.error('npm run serve needs DATABASE_URL, the PostgreSQL server every app process shares.');
      process.exit(2);
    }
    if (!existsSync(buildStamp)) {
      console.error('No build yet: run `npm run build` once, then `npm run serve`.');
      process.exit(2);
    }
  }
  // The build needs no database: on a first start it runs while PostgreSQL starts, migrates and loads
  // the demo data.
  const abortBuild = new AbortController();
  const building = mode === 'start' ? buildWhenChanged(baseEnv, abortBuild.signal) : undefined;
  building?.catch(() => {}); // awaited below, once the database is up
  const database = await prepareDatabase(console.log, `http://localhost:${port}`).catch((error) => {
    abortBuild.abort();
    throw error;
  });
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    DATABASE_URL: database.url,
    AUTH_SECRET: await authSecret(),
    AUTH_TRUST_HOST: 'true',
  };
  let server: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await exitCode(server);
    }
    await database.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await building;
    server =
      mode === 'dev'
        ? run(['dev', '--port', port, '--hostname', process.env.HOSTNAME ?? '0.0.0.0'], env)
        : spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
            stdio: 'inherit',
            env: { ...env, NODE_ENV: 'production', PORT: port },
          });
    console.log(
      `Torg: http://localhost:${port}${database.demo ? ' (demo sign-in: see README.md or the login page)' : ''}`,
    );
    if (database.setupLink) {
      console.log(
        `\nNo users yet. Create the first administrator at\n\n    ${database.setupLink}\n\n` +
          'The link works once. Until it is used, each start prints a new one and the previous one stops working.\n',
      );
    }
    await shutdown(await exitCode(server));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
