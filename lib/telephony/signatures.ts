import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Equal strings, compared in constant time (lengths are no secret: a signature's length is public). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Zadarma / Novofon: the `Signature` header is base64 of the HMAC-SHA1 of `signed` with the API
 * secret — of its hex digest in the provider's documented PHP (`base64_encode(hash_hmac('sha1', …))`),
 * of the raw digest in its newer SDKs. Both are accepted.
 */
export function zadarmaSignatureValid(signature: string, signed: string, secret: string): boolean {
  const hmac = createHmac('sha1', secret).update(signed, 'utf8').digest();
  const ofHex = Buffer.from(hmac.toString('hex'), 'utf8').toString('base64');
  const ofRaw = hmac.toString('base64');
  // Both compared, so the time taken does not tell which form came close.
  const hex = sameSecret(signature, ofHex);
  const raw = sameSecret(signature, ofRaw);
  return hex || raw;
}

/** Mango Office: `sign` = sha256 (hex) of api key + the `json` field exactly as received + salt. */
export function mangoSignValid(sign: string, apiKey: string, json: string, salt: string): boolean {
  const expected = createHash('sha256')
    .update(apiKey + json + salt, 'utf8')
    .digest('hex');
  return sameSecret(sign.toLowerCase(), expected);
}

/** A webhook token from the address; both are hashed first, so the comparison never sees their lengths. */
export function tokenValid(given: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}
