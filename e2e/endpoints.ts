/**
 * Calls the app's endpoints as an outsider would: pages and route handlers by URL, server actions by
 * the id the build gave them (read from Next's server reference manifest) with arguments encoded by
 * React's own `encodeReply`, exactly as a browser sends them — or as an attacker crafts them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEMO_PASSWORD } from '@/db/demo-accounts';
import { E2E_PORT } from './port';

export const BASE = `http://127.0.0.1:${E2E_PORT}`;

const { encodeReply } = createRequire(import.meta.url)(
  'next/dist/compiled/react-server-dom-turbopack/client.edge',
) as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

/** What came of a request, as far as access is concerned. */
export type Outcome =
  | 'allowed' // done, or answered with the page or data
  | 'refused' // answered with messages at the fields (the input, not the user, was wrong)
  | 'forbidden'
  | 'login' // sent to sign in, or 401
  | 'not-found'
  | 'error'; // a server error: never acceptable

export type Answer = { outcome: Outcome; status: number; detail: string };

/** Sentences the app answers a refused change with (lib/i18n), as the access rule's refusals. */
const forbiddenTexts = [
  'Изменить это может только ответственный менеджер',
  'Этот интерес ведёт другой менеджер',
  'Это интерес или задача другого менеджера',
];

// ── Server actions ─────────────────────────────────────────────────────────────────────────────

type ManifestEntry = { filename?: string; exportedName?: string };

/** `file#export` → the action's id in the current production build. */
export function actionIds(): Map<string, string> {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  return new Map(
    Object.entries(manifest.node)
      .filter(([, v]) => v.filename && v.exportedName)
      .map(([id, v]) => [`${v.filename}#${v.exportedName}`, id]),
  );
}

/** A session: the cookies of a signed-in user (none for an anonymous visitor). */
export type Session = { cookie: string };
export const anonymous: Session = { cookie: '' };

const ids = new Map<string, string>();

export async function callAction(session: Session, action: string, args: unknown[]): Promise<Answer> {
  if (ids.size === 0) for (const [k, v] of actionIds()) ids.set(k, v);
  const id = ids.get(action);
  if (!id) throw new Error(`no server action ${action} in the build`);
  const body = await encodeReply(args);
  const response = await fetch(`${BASE}/`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'next-action': id,
      origin: BASE,
      accept: 'text/x-component',
      cookie: session.cookie,
      ...(typeof body === 'string' ? { 'content-type': 'text/plain;charset=UTF-8' } : {}),
    },
    body,
  });
  const text = await response.text();
  const redirect = response.headers.get('x-action-redirect') ?? '';
  return {
    outcome: actionOutcome(response.status, text, redirect),
    status: response.status,
    detail: `${redirect} ${text.slice(0, 300)}`,
  };
}

function actionOutcome(status: number, text: string, redirect: string): Outcome {
  if (status >= 500) return 'error';
  if (status === 404) return 'not-found';
  if (redirect.startsWith('/login')) return 'login';
  // A redirect carries the next page's payload: only its address tells how the command went.
  if (redirect) {
    if (redirect.includes('refused=forbidden')) return 'forbidden';
    return /[?&](error|refused)=/.test(redirect) ? 'refused' : 'allowed';
  }
  // The flight response names the chunk with the action's result ("a":"$@1"); a refreshed page may
  // follow it, and only the result tells the outcome.
  const chunk = /"a":"\$@([0-9a-f]+)"/.exec(text)?.[1];
  const result = chunk ? (text.split('\n').find((line) => line.startsWith(`${chunk}:`)) ?? '') : text;
  // An unexpected error reaches the client as its digest, a number; Next's own signals are named.
  if (/^[0-9a-f]+:E\{"digest":"\d+"/.test(result)) return 'error';
  if (result.includes('NEXT_HTTP_ERROR_FALLBACK;403')) return 'forbidden';
  if (result.includes('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not-found';
  if (result.includes('NEXT_HTTP_ERROR_FALLBACK;401')) return 'login';
  if (forbiddenTexts.some((t) => result.includes(t))) return 'forbidden';
  if (/"errors":\{/.test(result) || /"(fileError|error)":"/.test(result)) return 'refused';
  return 'allowed';
}

/** Signs in through the sign-in action, as the login form does. */
export async function signInAs(email: string, password = DEMO_PASSWORD): Promise<Session> {
  if (ids.size === 0) for (const [k, v] of actionIds()) ids.set(k, v);
  const form = new FormData();
  form.set('email', email);
  form.set('password', password);
  const response = await fetch(`${BASE}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'next-action': ids.get('app/login/actions.ts#login')!,
      origin: BASE,
      accept: 'text/x-component',
    },
    body: await encodeReply([{}, form]),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => c.startsWith('authjs.session-token='))
    .join('; ');
  if (!cookie) throw new Error(`${email} could not sign in: ${response.status}`);
  return { cookie };
}

// ── Pages and route handlers ───────────────────────────────────────────────────────────────────

export async function request(
  session: Session,
  method: string,
  url: string,
  init: { form?: FormData; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const controller = new AbortController();
  let response: Response;
  try {
    response = await fetch(`${BASE}${url}`, {
      method,
      redirect: 'manual',
      signal: controller.signal,
      headers: { cookie: session.cookie, origin: BASE, ...init.headers },
      body: init.form,
    });
  } catch (error) {
    // An answer the HTTP client cannot read (e.g. headers past 16 KB) is the server's fault too.
    return { outcome: 'error', status: 0, detail: String((error as Error).cause ?? error) };
  }
  const location = response.headers.get('location') ?? '';
  // Event streams never end: their status and headers are the answer.
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream');
  const text = streaming ? '' : await response.text();
  if (streaming) controller.abort();
  const s = response.status;
  const outcome: Outcome =
    s >= 500
      ? 'error'
      : s === 401 || (s >= 300 && s < 400 && new URL(location, BASE).pathname === '/login')
        ? 'login'
        : s === 403 || location.includes('error=forbidden')
          ? 'forbidden'
          : s === 404
            ? 'not-found'
            : s === 400 || s === 413 || s === 422 || s === 429 || location.includes('error=')
              ? 'refused'
              : 'allowed';
  return { outcome, status: s, detail: `${location} ${text.slice(0, 200)}` };
}

// ── What exists ────────────────────────────────────────────────────────────────────────────────

function files(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return files(full, name);
    return entry === name ? [full] : [];
  });
}

/** `app/(app)/crm/interests/[id]/page.tsx` → `/crm/interests/[id]` (route groups are not in the address). */
const routeOf = (file: string) =>
  `/${path
    .dirname(path.relative('app', file))
    .split(path.sep)
    .filter((part) => part !== '.' && !/^\(.*\)$/.test(part))
    .join('/')}`;

export const existingPages = () => files('app', 'page.tsx').map(routeOf).sort();

/** `METHOD /path` of every route handler, by the HTTP methods its module exports. */
export const existingRoutes = () =>
  files('app', 'route.ts')
    .flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const methods = [
        ...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]);
      // next-auth's handler module re-exports its methods.
      if (/export const \{ GET, POST \}/.test(source)) methods.push('GET', 'POST');
      return methods.map((m) => `${m} ${routeOf(file)}`);
    })
    .sort();

export const existingActions = () => [...actionIds().keys()].sort();
