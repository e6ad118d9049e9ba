import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from './client-address';

const from = (forwardedFor: string | null, proxies = 0) =>
  clientAddress(new Headers(forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor }), proxies);

describe('the client address that sign-in limits', () => {
  it('takes what Next.js wrote from the socket when the app faces the clients', () => {
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    expect(from('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(from(null)).toBeNull();
    expect(from('not an address')).toBeNull();
  });

  it('behind proxies, takes the entry the outermost trusted proxy added, not what the client sent', () => {
    expect(from('10.9.9.9, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(from('10.9.9.9, 203.0.113.7, 198.51.100.1', 2)).toBe('203.0.113.7');
    // Fewer entries than proxies: the request did not come through them all.
    expect(from('203.0.113.7', 2)).toBeNull();
  });

  it('counts an IPv6 client by its /64 network, which one client can fill with addresses', () => {
    expect(from('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(from('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(from('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(from('::1')).toBe('0:0:0:0::/64');
  });

  it('reads the number of trusted proxies from TORG_TRUST_PROXY', () => {
    expect([undefined, '', '0', '1', '2', 'yes', '-1'].map(trustedProxies)).toEqual([0, 0, 0, 1, 2, 0, 0]);
  });
});
