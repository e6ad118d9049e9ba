import { describe, expect, it } from 'vitest';
import { mangoSignValid, tokenValid, zadarmaSignatureValid } from './signatures';

/**
 * Vectors computed outside this code, with OpenSSL and coreutils:
 *   D='+79161234567+749512345672026-03-02 10:15:00'    # caller_id + called_did + call_start
 *   printf '%s' "$D" | openssl dgst -sha1 -hmac zadarma-test-secret | awk '{print $2}' | tr -d '\n' | base64
 *   printf '%s' "$D" | openssl dgst -sha1 -hmac zadarma-test-secret -binary | base64
 *   printf '%s' '1700000000.123456zadarma-rec-1' | openssl dgst -sha1 -hmac zadarma-test-secret \
 *     | awk '{print $2}' | tr -d '\n' | base64          # pbx_call_id + call_id_with_rec (NOTIFY_RECORD)
 *   printf '%s' "mango-key${J}mango-salt" | sha256sum  # J: the json below, byte for byte
 */
const ZADARMA_SECRET = 'zadarma-test-secret';
const START_SIGNED = '+79161234567+749512345672026-03-02 10:15:00';
const START_OF_HEX = 'ZDEzN2YxNTVlNmMyMjFkNDY5NzJjODRiNmE4MGU2MDY4MjVlMjUwOQ==';
const START_OF_RAW = '0TfxVebCIdRpcshLaoDmBoJeJQk=';
const RECORD_OF_HEX = 'NDk2ZTVmOTMzYzQyMTQwYWNjYzIyZGQwNjBlMmYxYmNkMzFiMTZhMg==';
const MANGO_JSON =
  '{"entry_id":"MTIzNDU2","call_id":"MToxMDA=","timestamp":1767340800,"seq":1,"call_state":"Appeared","location":"abonent","from":{"number":"79161234567"},"to":{"extension":"101","number":"74951234567"}}';
const MANGO_SIGN = 'dc7b9b589da21fd502e49c10f79db58982691a61c21fa6578c0dff13e95605cf';

describe('webhook signatures', () => {
  it('Zadarma: base64 of the hex HMAC-SHA1, and of the raw digest (the newer SDK)', () => {
    expect(zadarmaSignatureValid(START_OF_HEX, START_SIGNED, ZADARMA_SECRET)).toBe(true);
    expect(zadarmaSignatureValid(START_OF_RAW, START_SIGNED, ZADARMA_SECRET)).toBe(true);
    expect(zadarmaSignatureValid(RECORD_OF_HEX, '1700000000.123456zadarma-rec-1', ZADARMA_SECRET)).toBe(true);
  });

  it('Zadarma: another secret, another field, a cut or empty signature are refused', () => {
    expect(zadarmaSignatureValid(START_OF_HEX, START_SIGNED, 'other-secret')).toBe(false);
    expect(zadarmaSignatureValid(START_OF_HEX, START_SIGNED.replace('10:15', '10:16'), ZADARMA_SECRET)).toBe(
      false,
    );
    expect(zadarmaSignatureValid(START_OF_HEX.slice(0, -2), START_SIGNED, ZADARMA_SECRET)).toBe(false);
    expect(zadarmaSignatureValid('', START_SIGNED, ZADARMA_SECRET)).toBe(false);
  });

  it('Mango: sha256 hex of key + json as received + salt', () => {
    expect(mangoSignValid(MANGO_SIGN, 'mango-key', MANGO_JSON, 'mango-salt')).toBe(true);
    expect(mangoSignValid(MANGO_SIGN.toUpperCase(), 'mango-key', MANGO_JSON, 'mango-salt')).toBe(true);
    // The same JSON re-serialised with a space is another string, and another signature.
    expect(mangoSignValid(MANGO_SIGN, 'mango-key', MANGO_JSON.replace(':1,', ': 1,'), 'mango-salt')).toBe(
      false,
    );
    expect(mangoSignValid(MANGO_SIGN, 'mango-key', MANGO_JSON, 'other-salt')).toBe(false);
  });

  it('the generic webhook token', () => {
    expect(tokenValid('secret-token', 'secret-token')).toBe(true);
    expect(tokenValid('secret-toke', 'secret-token')).toBe(false);
    expect(tokenValid('', 'secret-token')).toBe(false);
  });
});
