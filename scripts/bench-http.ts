import postgres from 'postgres';
import { withDatabase } from '@/db/testing-url';

/**
 * An empty database NAME on the PostgreSQL server at DATABASE_URL (dropped first if an earlier run
 * left it): its URL. Without DATABASE_URL the benchmark says what to set and exits.
 */
export async function freshDatabase(name: string): Promise<string> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.error(
      `Set DATABASE_URL to the PostgreSQL server to measure (database ${name} is created on it).`,
    );
    process.exit(2);
  }
  await onServer(server, async (admin) => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  });
  return withDatabase(server, name);
}

/** Drops a benchmark's database made by freshDatabase, once the benchmark is done with it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await onServer(url, (admin) => admin.unsafe(`drop database if exists ${name} with (force)`));
}

async function onServer(url: string, run: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

/** Signs in through next-auth's credentials callback, as the login form does; returns the cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!, value.join('='));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes('session-token')))
    throw new Error(`sign-in failed: ${login.status}`);
  return header();
}

/** p50 / p95 / max of timings in ms, and the value at a percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}
export const stats = (xs: number[]) =>
  `p50 ${percentile(xs, 0.5).toFixed(1)} ms, p95 ${percentile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
