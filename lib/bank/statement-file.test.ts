import { describe, expect, it } from 'vitest';
import { checkStatementFile } from './statement-file';

const ofSize = (bytes: number) => new File([new Uint8Array(bytes)], 'kl_to_1c.txt');

describe('checkStatementFile', () => {
  it('takes a file of up to 20 MB and refuses a larger one as too large, not as missing', () => {
    expect(checkStatementFile(ofSize(20 * 1024 * 1024))).toMatchObject({ ok: true });
    expect(checkStatementFile(ofSize(20 * 1024 * 1024 + 1))).toEqual({ ok: false, error: 'too_large' });
  });

  it('asks for a file when none or an empty one is chosen', () => {
    for (const value of [null, '', 'kl_to_1c.txt', ofSize(0)])
      expect(checkStatementFile(value)).toEqual({ ok: false, error: 'required' });
  });
});
