import { isIP } from 'node:net';

/**
 * TORG_TRUST_PROXY: how many reverse proxies stand in front of the app, each appending the address it
 * saw to X-Forwarded-For. Anything but a positive whole number means none.
 */
export function trustedProxies(value: string | undefined): number {
  return /^[1-9]\d*$/.test(value ?? '') ? Number(value) : 0;
}

/** An IPv6 client owns at least a /64: counted by its network, it cannot rotate past the limit. */
function network64(ip: string): string {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The address a sign-in attempt comes from, as a throttle key; null when it cannot be told.
 *
 * Next.js gives route handlers and actions no socket; it writes the socket's address into
 * X-Forwarded-For, but only when the request has no such header. Facing clients directly (no trusted
 * proxy), the one entry is the socket's address — or whatever a client sent in its own header, which
 * lets that client escape the per-address limit (never the per-email one). Behind N trusted proxies the
 * N-th entry from the end is the address the outermost of them saw; entries before it are the client's
 * own claims, so the first entry is never used.
 */
export function clientAddress(headers: Headers, proxies: number): string | null {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[entries.length - Math.max(1, proxies)]?.replace(/%.*$/, '');
  if (!entry) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(entry)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  switch (isIP(entry)) {
    case 4:
      return entry;
    case 6:
      return network64(entry.toLowerCase());
    default:
      return null;
  }
}
