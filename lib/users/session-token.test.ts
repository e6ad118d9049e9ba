import { AuthError, CredentialsSignin, JWTSessionError, MissingSecret } from '@auth/core/errors';
import { decode as decodeAuthJsToken, encode as encodeAuthJsToken } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSessionToken, encodeSessionToken, expectedAuthAnswer } from './session-token';

const secret = 'a-test-secret-of-thirty-two-chars!';
const salt = 'authjs.session-token';
const token = { sub: '7', role: 'manager', sessionVersion: 3, name: 'Иванова' };

describe('the session token', () => {
  afterEach(() => vi.useRealTimers());

  it('opens with the secret it was made with and carries the claims, an expiry and an id', async () => {
    const encoded = encodeSessionToken({ token, secret, salt, maxAge: 600 });
    const claims = await decodeSessionToken({ token: encoded, secret, salt });
    expect(claims).toMatchObject(token);
    expect(claims?.exp).toBe((claims?.iat as number) + 600);
    expect(claims?.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(encodeSessionToken({ token, secret, salt })).not.toBe(encoded);
  });

  it('is a standard JWE: Auth.js decodes it, and a token Auth.js made still opens here', async () => {
    const ours = encodeSessionToken({ token, secret, salt, maxAge: 600 });
    expect(await decodeAuthJsToken({ token: ours, secret, salt })).toMatchObject(token);
    const theirs = await encodeAuthJsToken({ token, secret, salt, maxAge: 600 });
    expect(await decodeSessionToken({ token: theirs, secret, salt })).toMatchObject(token);
  });

  it('is refused when forged, cut, under another secret or salt, or expired', async () => {
    const encoded = encodeSessionToken({ token, secret, salt, maxAge: 600 });
    const [header, key, iv, ciphertext, tag] = encoded.split('.') as [string, string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0]! ^= 1;
      return bytes.toString('base64url');
    };
    const refused = [
      [header, key, iv, flip(ciphertext), tag].join('.'),
      [header, key, flip(iv), ciphertext, tag].join('.'),
      [header, key, iv, ciphertext, flip(tag)].join('.'),
      [header, key, iv, ciphertext, tag.slice(0, 8)].join('.'),
      [header, key, iv, ciphertext].join('.'),
      `${header}....`,
      'not a token',
    ];
    for (const forged of refused)
      expect(await decodeSessionToken({ token: forged, secret, salt })).toBeNull();
    expect(
      await decodeSessionToken({ token: encoded, secret: 'another-secret-of-thirty-two-chars', salt }),
    ).toBeNull();
    expect(await decodeSessionToken({ token: encoded, secret, salt: `__Secure-${salt}` })).toBeNull();
    expect(await decodeSessionToken({ token: '', secret, salt })).toBeNull();

    vi.useFakeTimers({ now: Date.now() + 616_000 });
    expect(await decodeSessionToken({ token: encoded, secret, salt })).toBeNull();
  });

  it('opens under any of the current secrets and is made with the first (secret rotation)', async () => {
    const old = encodeSessionToken({ token, secret: 'the-old-secret-of-thirty-two-chars', salt });
    const rotated = ['the-new-secret-of-thirty-two-chars', 'the-old-secret-of-thirty-two-chars'];
    expect(await decodeSessionToken({ token: old, secret: rotated, salt })).toMatchObject(token);
    const fresh = encodeSessionToken({ token, secret: rotated, salt });
    expect(await decodeSessionToken({ token: fresh, secret: rotated[0]!, salt })).toMatchObject(token);
  });
});

describe("Auth.js's errors", () => {
  it("a wrong password or a stale or forged session cookie is the user's answer; the rest are the server's", async () => {
    // What Auth.js reports for a cookie its decoder refuses (@auth/core lib/actions/session.js), and a
    // refusal of the credentials, also as the sign-in throttle's subclass (app/_server/auth.ts).
    expect(expectedAuthAnswer(new JWTSessionError())).toBe(true);
    expect(expectedAuthAnswer(new CredentialsSignin())).toBe(true);
    expect(expectedAuthAnswer(new (class Throttled extends CredentialsSignin {})())).toBe(true);
    expect(expectedAuthAnswer(new MissingSecret('no secret'))).toBe(false);
    expect(expectedAuthAnswer(new AuthError('other'))).toBe(false);
    expect(expectedAuthAnswer(new Error('database down'))).toBe(false);
  });
});
