/** Stands in for our own origin: only the comparison matters, so no request is needed to know it. */
const ORIGIN = 'http://torg.invalid';

/**
 * A path on our own site to send the browser to (after sign-in, back to a frame), or null. The value is
 * resolved as the browser would resolve it, so that `/\host`, `/\t/host` or `/.//host` — which a
 * prefix check lets through and the browser reads as another site — are refused.
 */
export function localPath(value: unknown): string | null {
  // No real path carries raw control characters; browsers drop some of them, changing the address.
  if (typeof value !== 'string' || !value.startsWith('/') || /\p{Cc}/u.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  // A normalized path starting with `//` would be read as another host when sent back as a Location.
  if (url.origin !== ORIGIN || url.pathname.startsWith('//')) return null;
  return url.pathname + url.search + url.hash;
}
