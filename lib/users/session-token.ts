import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import {
  decode as decodeAuthJsToken,
  type JWT,
  type JWTDecodeParams,
  type JWTEncodeParams,
} from 'next-auth/jwt';

/**
 * The session cookie's token, encrypted and read synchronously with node:crypto.
 *
 * Auth.js re-issues the token on every request that reads the session (the proxy and the page each
 * do), and its default codec goes through WebCrypto for each step: an HKDF derivation, key imports,
 * AES-CBC and an HMAC, every one a hop to the thread pool. That was a tenth of a page's CPU. This is
 * the same standard token (a compact JWE, `dir` + A256GCM, which Auth.js's own decoder accepts) with
 * the key derived once per secret, as Auth.js derives it, and one synchronous AES-GCM call.
 */
const protectedHeader = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
const clockToleranceSeconds = 15;
const defaultMaxAgeSeconds = 30 * 24 * 60 * 60;

const derivedKeys = new Map<string, Buffer>();

/** Auth.js's key for A256GCM: HKDF-SHA256 over the secret, salted with the cookie's name. */
function encryptionKey(secret: string, salt: string): Buffer {
  const id = `${salt}\0${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32));
    derivedKeys.set(id, key);
  }
  return key;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);
const nowSeconds = () => Math.floor(Date.now() / 1000);

export function encodeSessionToken({
  token = {},
  secret,
  salt,
  maxAge = defaultMaxAgeSeconds,
}: JWTEncodeParams): string {
  const [current] = secretsOf(secret);
  if (!current) throw new Error('AUTH_SECRET is not set');
  const issuedAt = nowSeconds();
  const claims = { ...token, iat: issuedAt, exp: issuedAt + maxAge, jti: randomUUID() };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(current, salt), iv);
  cipher.setAAD(Buffer.from(protectedHeader));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  return [
    protectedHeader,
    '',
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/** The token's claims, or null when it is malformed, forged, under another secret or expired. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const parts = token.split('.');
  // A token issued by Auth.js's own codec (before this one) still opens its session until it expires.
  if (parts[0] !== protectedHeader) return decodeAuthJsToken(params).catch(() => null);
  const [, encryptedKey, iv, ciphertext, tag] = parts;
  if (parts.length !== 5 || encryptedKey !== '' || !iv || !ciphertext || !tag) return null;
  for (const candidate of secretsOf(secret)) {
    let plaintext: string;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        encryptionKey(candidate, salt),
        Buffer.from(iv, 'base64url'),
        {
          authTagLength: 16,
        },
      );
      decipher.setAAD(Buffer.from(protectedHeader));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      continue; // another secret, or not ours
    }
    const claims: unknown = JSON.parse(plaintext);
    if (typeof claims !== 'object' || claims === null) return null;
    const { exp } = claims as { exp?: unknown };
    if (typeof exp !== 'number' || exp + clockToleranceSeconds < nowSeconds()) return null;
    return claims as JWT;
  }
  return null;
}

/**
 * What Auth.js reports as an error but is the user's answer, not the server's fault: a wrong password,
 * and a session cookie that is expired, forged or under another secret (its holder signs in again).
 * Logged, one stale cookie would put a stack in the log on each of its requests.
 */
const expectedAuthErrors = new Set(['CredentialsSignin', 'JWTSessionError']);
export const expectedAuthAnswer = (error: Error) =>
  // By Auth.js's own error type, which survives minification (class names may not); a subclass such
  // as the sign-in throttle's keeps its parent's type.
  expectedAuthErrors.has((error as { type?: unknown }).type as string);
