/**
 * `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo data on an empty
 * embedded database or the first administrator's setup link on an empty deployment (db/runtime.ts),
 * a production build when the sources changed, then the Next.js server. Ctrl-C stops the server and
 * the embedded PostgreSQL cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { authSecret, prepareDatabase } from '@/db/runtime';

const dev = process.argv.includes('--dev');
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

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { stdio: 'inherit', env });
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

async function main() {
  const database = await prepareDatabase(console.log, `http://localhost:${port}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: await authSecret(),
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
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
    if (!dev) {
      const hash = await sourceHash();
      const built = existsSync(buildStamp) && (await readFile(buildStamp, 'utf8')) === hash;
      if (!built) {
        console.log('Building the app (first start or changed sources) ...');
        const code = await exitCode(run(['build'], env));
        if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
        await writeFile(buildStamp, hash);
      }
    }
    server = run(
      [dev ? 'dev' : 'start', '--port', port, '--hostname', process.env.HOSTNAME ?? '0.0.0.0'],
      env,
    );
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

void main();
