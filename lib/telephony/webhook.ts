import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { readBody, textResponse } from '@/lib/validation/read-body';
import type { Provider } from './calls';
import { type TelephonyConfig, telephonyConfig } from './config';
import {
  type MangoEvent,
  type Parsed,
  parseGeneric,
  parseMango,
  parseZadarma,
  type ReceivedEvent,
} from './events';
import { identifyCaller } from './identify';

/** No PBX notification comes near this; a larger body is refused unread. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

export const CALL_JOB = 'telephony_call';

const text = textResponse;

/** A form-encoded body; `+` and escapes decoded as browsers and PBXs send them. */
function formOf(body: string): URLSearchParams | null {
  try {
    // URLSearchParams replaces a broken escape silently; refuse it instead, like the proxy does for addresses.
    for (const part of body.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return new URLSearchParams(body);
  } catch {
    return null;
  }
}

/**
 * Stores what a webhook brought and commits, before anything slow: a replay (same provider, call and
 * event) adds nothing. Each new event queues its call's job, which identifies the caller, writes the
 * interaction and pushes the pop (lib/telephony/calls.ts) — the job's key merges a burst of events of
 * one call into one run.
 */
export async function storeEvents(db: DbOrTx, provider: Provider, events: ReceivedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = sql.join(
    events.map(
      (e) =>
        sql`(${provider}::telephony_provider, ${e.callId}, ${e.event}, ${JSON.stringify(e.payload)}::jsonb)`,
    ),
    sql`, `,
  );
  // One statement, so one round trip and atomic: the events and their calls' jobs (one job per call,
  // `call:<provider>:<call id>`), or nothing.
  await db.execute(sql`
    with stored as (
      insert into telephony_events (provider, call_id, event, payload) values ${rows}
      on conflict do nothing returning call_id
    )
    select enqueue_job(${CALL_JOB}, ${`call:${provider}:`} || call_id,
      jsonb_build_object('provider', ${provider}::text, 'callId', call_id))
    from (select distinct call_id from stored) calls`);
}

async function receive(
  db: DbOrTx,
  provider: Provider,
  request: Request,
  parse: (body: string, config: TelephonyConfig) => Parsed,
  reply: (parsed: ReceivedEvent[], config: TelephonyConfig) => Promise<Response> = async () =>
    text(200, 'OK'),
): Promise<Response> {
  const body = await readBody(request, MAX_WEBHOOK_BYTES);
  if (body instanceof Response) return body;
  const config = await telephonyConfig(db);
  const parsed = parse(body, config);
  if (!parsed.ok)
    return text(parsed.status, `${parsed.status === 401 ? 'Unauthorized' : 'Bad request'}: ${parsed.reason}`);
  await storeEvents(db, provider, parsed.events);
  return reply(parsed.events, config);
}

/** Zadarma's URL check: GET ?zd_echo=X answers X. */
export function zadarmaEcho(request: Request): Response {
  const echo = new URL(request.url).searchParams.get('zd_echo');
  if (echo === null || echo.length > 200) return text(400, 'Bad request: zd_echo expected');
  return text(200, echo);
}

/** POST /api/telephony/zadarma: a Zadarma / Novofon notification. */
export function zadarmaWebhook(db: DbOrTx, request: Request): Promise<Response> {
  return receive(
    db,
    'zadarma',
    request,
    (body, config) => {
      const form = formOf(body);
      if (!form) return { ok: false, status: 400, reason: 'the form cannot be read' };
      return parseZadarma(form, request.headers.get('signature'), config);
    },
    (events, config) => zadarmaReply(db, events, config),
  );
}

/**
 * The answer to NOTIFY_START: the client's name for the manager's phone display and, with «route to
 * the client's manager» on, the manager's extension to put the call through to. A read on the indexes
 * after the event is committed; everything else is the job's.
 */
async function zadarmaReply(db: DbOrTx, events: ReceivedEvent[], config: TelephonyConfig): Promise<Response> {
  const start = events.find((e) => e.event === 'NOTIFY_START');
  if (!start) return text(200, 'OK');
  const [match] = await identifyCaller(db, start.payload.phone);
  if (!match) return Response.json({});
  const answer: { caller_name: string; redirect?: string } = {
    caller_name: (match.contact ? `${match.contact}, ${match.partner}` : match.partner).slice(0, 100),
  };
  if (config.routeToManager && match.responsibleId) {
    const [manager] = await db
      .select({ extension: users.extension })
      .from(users)
      .where(
        and(eq(users.id, match.responsibleId), eq(users.active, true), sql`${users.extension} is not null`),
      );
    if (manager?.extension) answer.redirect = manager.extension;
  }
  return Response.json(answer);
}

/** POST /api/telephony/mango/events/<call|summary|recording>: a Mango Office notification. */
export function mangoWebhook(db: DbOrTx, kind: MangoEvent, request: Request): Promise<Response> {
  return receive(db, 'mango', request, (body, config) => {
    const form = formOf(body);
    if (!form) return { ok: false, status: 400, reason: 'the form cannot be read' };
    return parseMango(kind, form, config);
  });
}

/** POST /api/telephony/webhook/<token>: any PBX, JSON in the shape of Zammad's generic CTI. */
export function genericWebhook(db: DbOrTx, token: string, request: Request): Promise<Response> {
  return receive(
    db,
    'webhook',
    request,
    (body, config) => parseGeneric(token, body, config),
    async () => Response.json({ ok: true }),
  );
}
