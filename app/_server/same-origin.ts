/**
 * Whether a request that changes data comes from one of our own pages: browsers send `Origin` with
 * every POST, and a form on another site carries that site's origin. Server actions get the same check
 * from Next; route handlers that take forms call this. Behind a proxy, the host is the forwarded one.
 */
export function fromSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host.split(',')[0]!.trim();
  } catch {
    return false;
  }
}
