import { z } from 'zod';
import { normalizePhone } from '@/lib/validation/fields';
import type { TelephonyConfig } from './config';
import { mangoSignValid, tokenValid, zadarmaSignatureValid } from './signatures';

export const callResults = ['answered', 'missed', 'busy', 'failed'] as const;
export type CallResult = (typeof callResults)[number];

/**
 * What a PBX said about a call, in one shape for every provider:
 * - `start`: a call began (an incoming one rings the company; an outgoing one was dialled);
 * - `ring`: it rings an extension (the user with that extension gets the pop);
 * - `answer`: an extension took it; `end`: it is over, with its result when the PBX says it;
 * - `recording`: a recording is ready; `leg_end`: one leg of a transferred call ended (nothing to do).
 */
export type CallEvent = {
  kind: 'start' | 'ring' | 'answer' | 'end' | 'recording' | 'leg_end';
  direction: 'incoming' | 'outgoing';
  /** The client's number, E.164 when it parses. */
  phone: string | null;
  /** Our side's internal number. */
  extension: string | null;
  /** Order within the call: events may arrive out of order (Mango numbers them). */
  seq: number;
  durationSeconds: number | null;
  result: CallResult | null;
  recording: string | null;
};

/** An event to store: keyed by (provider, callId, event) so a replay adds nothing. */
export type ReceivedEvent = { callId: string; event: string; payload: CallEvent };

export type Parsed = { ok: true; events: ReceivedEvent[] } | { ok: false; status: 400 | 401; reason: string };

const refuse = (status: 400 | 401, reason: string) => ({ ok: false, status, reason }) as const;

/** Text PostgreSQL stores: no NUL, no lone surrogate. */
const storable = (s: string) => !s.includes('\0') && !/\p{Cs}/u.test(s);
/** A field as PBXs send them: short text. Nothing a PBX sends about a call is longer. */
const field = z.string().trim().max(200).refine(storable, 'not text');
const optionalField = field.optional();
const seconds = z.coerce
  .number()
  .int()
  .min(0)
  .max(86_400 * 7);

const event = (e: Partial<CallEvent> & Pick<CallEvent, 'kind' | 'direction' | 'seq'>): CallEvent => ({
  phone: null,
  extension: null,
  durationSeconds: null,
  result: null,
  recording: null,
  ...e,
});

/** The client's number as we store and look it up: E.164 when it parses, else as sent (bounded). */
export function clientNumber(raw: string | null | undefined): string | null {
  const value = raw?.trim().slice(0, 64);
  if (!value) return null;
  return normalizePhone(value) ?? value;
}

/** A map's own entry: a PBX may send `__proto__` as a value. */
const own = <T>(map: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(map, key) ? map[key] : undefined;

const extensionOf = (raw: string | null | undefined) => raw?.trim().slice(0, 20) || null;

// ── Zadarma / Novofon ─────────────────────────────────────────────────────────────────────────────

const zadarmaResults: Record<string, CallResult> = {
  answered: 'answered',
  busy: 'busy',
  cancel: 'missed',
  'no answer': 'missed',
};

export const zadarmaEventNames = [
  'NOTIFY_START',
  'NOTIFY_INTERNAL',
  'NOTIFY_ANSWER',
  'NOTIFY_END',
  'NOTIFY_OUT_START',
  'NOTIFY_OUT_END',
  'NOTIFY_RECORD',
] as const;
export type ZadarmaEvent = (typeof zadarmaEventNames)[number];

const zadarmaFields = z.object({
  event: z.enum(zadarmaEventNames),
  pbx_call_id: field.min(1),
  call_start: optionalField,
  caller_id: optionalField,
  called_did: optionalField,
  destination: optionalField,
  internal: optionalField,
  duration: seconds.optional(),
  disposition: optionalField,
  call_id_with_rec: optionalField,
});
type Fields = z.infer<typeof zadarmaFields>;

/** Per event: the fields its signature covers (in order), and how it reads as a CallEvent. */
const zadarmaEvents = {
  NOTIFY_START: {
    signed: ['caller_id', 'called_did', 'call_start'],
    read: (f: Fields) =>
      event({ kind: 'start', direction: 'incoming', phone: clientNumber(f.caller_id), seq: 1 }),
  },
  NOTIFY_INTERNAL: {
    signed: ['caller_id', 'called_did', 'call_start'],
    read: (f: Fields) =>
      event({
        kind: 'ring',
        direction: 'incoming',
        phone: clientNumber(f.caller_id),
        extension: extensionOf(f.internal),
        seq: 2,
      }),
  },
  NOTIFY_ANSWER: {
    signed: ['caller_id', 'destination', 'call_start'],
    read: (f: Fields) =>
      event({
        kind: 'answer',
        direction: 'incoming',
        phone: clientNumber(f.caller_id),
        extension: extensionOf(f.internal),
        seq: 3,
      }),
  },
  NOTIFY_END: {
    signed: ['caller_id', 'called_did', 'call_start'],
    read: (f: Fields) =>
      event({
        kind: 'end',
        direction: 'incoming',
        phone: clientNumber(f.caller_id),
        extension: extensionOf(f.internal),
        seq: 4,
        durationSeconds: f.duration ?? null,
        result: f.disposition ? (own(zadarmaResults, f.disposition) ?? 'failed') : null,
      }),
  },
  NOTIFY_OUT_START: {
    signed: ['internal', 'destination', 'call_start'],
    read: (f: Fields) =>
      event({
        kind: 'start',
        direction: 'outgoing',
        phone: clientNumber(f.destination),
        extension: extensionOf(f.internal),
        seq: 1,
      }),
  },
  NOTIFY_OUT_END: {
    signed: ['internal', 'destination', 'call_start'],
    read: (f: Fields) =>
      event({
        kind: 'end',
        direction: 'outgoing',
        phone: clientNumber(f.destination),
        extension: extensionOf(f.internal),
        seq: 4,
        durationSeconds: f.duration ?? null,
        result: f.disposition ? (own(zadarmaResults, f.disposition) ?? 'failed') : null,
      }),
  },
  NOTIFY_RECORD: {
    signed: ['pbx_call_id', 'call_id_with_rec'],
    read: (f: Fields) =>
      event({ kind: 'recording', direction: 'incoming', recording: `zadarma:${f.call_id_with_rec}`, seq: 5 }),
  },
} as const satisfies Record<ZadarmaEvent, { signed: readonly string[]; read: (f: Fields) => CallEvent }>;

/**
 * A Zadarma notification (form fields). The signature is checked over the raw fields before they are
 * read; NOTIFY_INTERNAL can ring several extensions of one call, so its key names the extension.
 */
export function parseZadarma(
  form: URLSearchParams,
  signature: string | null,
  config: TelephonyConfig,
): Parsed {
  if (!config.zadarmaSecret) return refuse(401, 'telephony is not configured for Zadarma');
  const name = form.get('event') ?? '';
  if (!Object.hasOwn(zadarmaEvents, name)) return refuse(400, 'unknown event');
  if (!signature) return refuse(401, 'the Signature header is missing');
  const spec = zadarmaEvents[name as ZadarmaEvent];
  const signed = spec.signed.map((f) => form.get(f) ?? '').join('');
  if (!zadarmaSignatureValid(signature, signed, config.zadarmaSecret)) return refuse(401, 'bad signature');
  const parsed = zadarmaFields.safeParse(Object.fromEntries(form));
  if (!parsed.success) return refuse(400, `bad field ${String(parsed.error.issues[0]?.path[0] ?? '')}`);
  const f = parsed.data;
  const key = f.event === 'NOTIFY_INTERNAL' ? `${f.event}:${extensionOf(f.internal) ?? ''}` : f.event;
  return { ok: true, events: [{ callId: f.pbx_call_id, event: key, payload: spec.read(f) }] };
}

// ── Mango Office ──────────────────────────────────────────────────────────────────────────────────

export const mangoEvents = ['call', 'summary', 'recording'] as const;
export type MangoEvent = (typeof mangoEvents)[number];

const party = z.object({ extension: optionalField.nullable(), number: optionalField.nullable() }).partial();
const mangoCall = z.object({
  entry_id: field.min(1),
  call_id: optionalField,
  seq: z.coerce.number().int().min(0).max(1_000_000),
  call_state: z.enum(['Appeared', 'Connected', 'OnHold', 'Disconnected']),
  from: party.optional(),
  to: party.optional(),
});
const mangoSummary = z.object({
  entry_id: field.min(1),
  entry_result: z.coerce.number().int().min(0).max(1),
  call_direction: z.coerce.number().int().min(0).max(2).optional(),
  talk_time: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 40)
    .optional(),
  end_time: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 40)
    .optional(),
  from: party.optional(),
  to: party.optional(),
});
const mangoRecording = z.object({
  entry_id: field.min(1),
  recording_id: field.min(1),
  recording_state: optionalField,
  seq: z.number().int().min(0).max(1_000_000).optional(),
});

/** Who the client is in a Mango event: the side without an extension. */
function mangoSides(from?: z.infer<typeof party>, to?: z.infer<typeof party>) {
  const outgoing = Boolean(from?.extension);
  return {
    direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
    phone: clientNumber(outgoing ? to?.number : from?.number),
    extension: extensionOf(outgoing ? from?.extension : to?.extension),
  };
}

/**
 * A Mango notification: form fields `vpbx_api_key`, `sign`, `json`. Calls are keyed by `entry_id`,
 * which stays the same across transfers; `events/call` events are keyed by their `seq`.
 */
export function parseMango(kind: MangoEvent, form: URLSearchParams, config: TelephonyConfig): Parsed {
  if (!config.mangoApiKey || !config.mangoApiSalt)
    return refuse(401, 'telephony is not configured for Mango');
  const apiKey = form.get('vpbx_api_key');
  const sign = form.get('sign');
  const json = form.get('json');
  if (!apiKey || !sign || json === null) return refuse(401, 'vpbx_api_key, sign and json are required');
  const keyValid = tokenValid(apiKey, config.mangoApiKey);
  const signValid = mangoSignValid(sign, config.mangoApiKey, json, config.mangoApiSalt);
  if (!keyValid || !signValid) return refuse(401, 'bad sign');
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return refuse(400, 'json is not JSON');
  }
  if (kind === 'call') {
    const parsed = mangoCall.safeParse(body);
    if (!parsed.success) return refuse(400, 'bad call event');
    const c = parsed.data;
    const sides = mangoSides(c.from, c.to);
    const kindOf = {
      Appeared: sides.extension ? 'ring' : 'start',
      Connected: 'answer',
      OnHold: 'leg_end',
      Disconnected: 'leg_end',
    } as const;
    return {
      ok: true,
      events: [
        {
          callId: c.entry_id,
          event: `call:${c.seq}`,
          payload: event({ kind: kindOf[c.call_state], ...sides, seq: c.seq }),
        },
      ],
    };
  }
  if (kind === 'summary') {
    const parsed = mangoSummary.safeParse(body);
    if (!parsed.success) return refuse(400, 'bad summary');
    const s = parsed.data;
    const talked = s.entry_result === 1;
    const duration = talked && s.talk_time && s.end_time ? Math.max(0, s.end_time - s.talk_time) : 0;
    return {
      ok: true,
      events: [
        {
          callId: s.entry_id,
          event: 'summary',
          payload: event({
            kind: 'end',
            ...mangoSides(s.from, s.to),
            ...(s.call_direction === 2 ? { direction: 'outgoing' as const } : {}),
            // After every call event, whatever their numbers.
            seq: 1_000_001,
            durationSeconds: Math.min(duration, 86_400 * 7),
            result: talked ? 'answered' : 'missed',
          }),
        },
      ],
    };
  }
  const parsed = mangoRecording.safeParse(body);
  if (!parsed.success) return refuse(400, 'bad recording event');
  const r = parsed.data;
  return {
    ok: true,
    events: [
      {
        callId: r.entry_id,
        event: `recording:${r.recording_id}`,
        payload: event({
          kind: 'recording',
          direction: 'incoming',
          recording: `mango:${r.recording_id}`,
          seq: 1_000_002,
        }),
      },
    ],
  };
}

// ── Any PBX: Zammad's generic CTI shape ──────────────────────────────────────────────────────────

const genericResults: Record<string, CallResult | null> = {
  normalClearing: null,
  busy: 'busy',
  cancel: 'missed',
  noAnswer: 'missed',
  congestion: 'failed',
  notFound: 'failed',
};
const url = z
  .string()
  .max(2000)
  .refine((u) => storable(u) && /^https?:\/\//i.test(u) && URL.canParse(u), 'not an http(s) address');
const generic = z.object({
  event: z.enum(['newCall', 'answer', 'hangup']),
  callId: field.min(1),
  direction: z.enum(['in', 'out']),
  from: optionalField,
  to: optionalField,
  user: z.union([field, z.array(field).max(20)]).optional(),
  answeringNumber: optionalField,
  extension: optionalField,
  cause: optionalField,
  duration: seconds.optional(),
  recordingUrl: url.optional(),
});
const genericKinds = { newCall: 'start', answer: 'answer', hangup: 'end' } as const;
const genericSeq = { newCall: 1, answer: 3, hangup: 4 } as const;

/** Any PBX posting JSON in the shape of Zammad's generic CTI, authorised by the token in the address. */
export function parseGeneric(token: string, json: string, config: TelephonyConfig): Parsed {
  if (!config.token || !tokenValid(token, config.token)) return refuse(401, 'bad token');
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  const parsed = generic.safeParse(body);
  if (!parsed.success) return refuse(400, `bad field ${String(parsed.error.issues[0]?.path[0] ?? '')}`);
  const g = parsed.data;
  const incoming = g.direction === 'in';
  const recording = g.recordingUrl ?? null;
  return {
    ok: true,
    events: [
      {
        callId: g.callId,
        event: g.event,
        payload: event({
          kind: genericKinds[g.event],
          direction: incoming ? 'incoming' : 'outgoing',
          phone: clientNumber(incoming ? g.from : g.to),
          extension: extensionOf(g.extension ?? (g.event === 'answer' ? g.answeringNumber : undefined)),
          seq: genericSeq[g.event],
          durationSeconds: g.duration ?? null,
          result: g.event === 'hangup' ? (own(genericResults, g.cause ?? '') ?? null) : null,
          recording,
        }),
      },
    ],
  };
}
