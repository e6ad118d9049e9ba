import { createHash, createHmac } from 'node:crypto';

/** Requests as the PBXs send them, signed with the test secrets (for the tests and the benchmark). */
export const testSecrets = {
  zadarma: 'zadarma-test-secret',
  mangoKey: 'mango-key',
  mangoSalt: 'mango-salt',
  token: 'secret-token',
} as const;

const signedFields: Record<string, string[]> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
};

/** Zadarma's documented signature: base64 of the hex HMAC-SHA1 of the event's fields. */
export function zadarmaSignature(
  fields: Record<string, string>,
  secret: string = testSecrets.zadarma,
): string {
  const event = fields.event ?? '';
  const data = (Object.hasOwn(signedFields, event) ? signedFields[event]! : [])
    .map((f) => fields[f] ?? '')
    .join('');
  return Buffer.from(createHmac('sha1', secret).update(data).digest('hex')).toString('base64');
}

export function zadarmaRequest(
  fields: Record<string, string>,
  options: { signature?: string | null; url?: string } = {},
): Request {
  const signature = options.signature === undefined ? zadarmaSignature(fields) : options.signature;
  return new Request(options.url ?? 'http://torg.test/api/telephony/zadarma', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { signature }),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

export function mangoRequest(
  kind: string,
  json: string,
  options: { key?: string; sign?: string; url?: string } = {},
): Request {
  const key = options.key ?? testSecrets.mangoKey;
  const sign =
    options.sign ??
    createHash('sha256')
      .update(key + json + testSecrets.mangoSalt)
      .digest('hex');
  return new Request(options.url ?? `http://torg.test/api/telephony/mango/events/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ vpbx_api_key: key, sign, json }).toString(),
  });
}

export function genericRequest(body: unknown, options: { url?: string } = {}): Request {
  return new Request(options.url ?? 'http://torg.test/api/telephony/webhook/secret-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
