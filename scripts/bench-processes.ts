/**
 * `npm run bench:processes`: requests/s of the manager's workplace page served by one web process,
 * then by two (`npm run serve`, each on its port, requests spread over them), in one run on a fresh
 * database on DATABASE_URL's server with the demo data. Needs a build (`npm run build`).
 * One and two processes are measured in turns, ROUNDS times, so that a drift in the machine's speed
 * (a shared virtual machine's varies by a quarter within minutes) falls on both alike.
 * The last line: the median of the rounds' two-over-one ratios, against the target of 1.7.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { DEMO_PASSWORD } from '@/db/demo-accounts';
import { freePort } from '@/db/embedded';
import { dropDatabase, freshDatabase, signIn } from './bench-http';

if (!existsSync('.next/torg-source-hash')) {
  console.error('No build yet: run `npm run build` first.');
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const database = await freshDatabase('torg_bench_processes');
const env = {
  ...process.env,
  DATABASE_URL: database,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  HOSTNAME: '127.0.0.1',
  TORG_DEMO: 'on',
  TORG_WORKER: 'off',
  TORG_LOG_LEVEL: 'warn',
  // As behind compose.yaml's proxy, which compresses for them.
  TORG_COMPRESS: 'off',
};
const children: ChildProcess[] = [];

async function serve(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--serve'], {
    env: { ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return base;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('a web process did not start');
}

type Rate = { rate: number; cpuMs: number };

/**
 * CLIENTS loops fetching the page for SECONDS, spread round-robin over the processes: requests/s, and
 * this process's CPU per request. The load comes from this same 2-core machine, so it is made with
 * node:http over kept-alive connections, the body read and dropped, which costs a fraction of fetch's
 * CPU and leaves the cores to the servers.
 */
async function load(bases: string[], cookies: string[]): Promise<Rate> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const get = (base: string, cookie: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${base}/workplace`, { agent, headers: { cookie } }, (response) => {
          response.on('data', () => {});
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        })
        .on('error', reject);
    });
  let done = 0;
  let next = 0;
  const until = Date.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const i = next++ % bases.length;
        const status = await get(bases[i]!, cookies[i]!);
        if (status !== 200) throw new Error(`workplace answered ${status}`);
        done++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { rate: done / SECONDS, cpuMs: (used.user + used.system) / 1000 / done };
}

try {
  const a = await serve();
  const b = await serve();
  const cookieA = await signIn(a, 'ivanova@torg.demo', DEMO_PASSWORD);
  const cookieB = await signIn(b, 'ivanova@torg.demo', DEMO_PASSWORD);
  // Warm both (first renders compile and fill caches), then measure one and both in turns.
  await load([a, b], [cookieA, cookieB]);
  const rounds: { one: Rate; two: Rate }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const one = await load([a], [cookieA]);
    const two = await load([a, b], [cookieA, cookieB]);
    rounds.push({ one, two });
  }
  console.log(
    `${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s per setting, GET /workplace as a manager`,
  );
  const line = (r: Rate) =>
    `${r.rate.toFixed(1)} requests/s (the load's own CPU: ${r.cpuMs.toFixed(2)} ms per request)`;
  const ratios = rounds.map(({ one, two }) => two.rate / one.rate);
  rounds.forEach(({ one, two }, i) => {
    console.log(`round ${i + 1}: one web process ${line(one)}`);
    console.log(`         two web processes ${line(two)}; ratio ${ratios[i]!.toFixed(2)}`);
  });
  const median = [...ratios].sort((x, y) => x - y)[Math.floor(ratios.length / 2)]!;
  console.log(`ratio two/one, median of ${ROUNDS} rounds: ${median.toFixed(2)} (target ≥ 1.7)`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))),
  );
  await dropDatabase(database);
}
