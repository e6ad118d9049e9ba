import { currentUser } from '@/app/_server/guard';
import { liveListener } from '@/app/_server/live-listener';
import { getDb } from '@/db/client';
import { liveStreams, readableTopics } from '@/lib/live/topics';
import { activeUser } from '@/lib/users/users';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const PING_MS = 15_000;
const streams = liveStreams();

/**
 * Server-Sent Events for Turbo's <turbo-stream-source>: one `reload-topic` stream action per
 * published topic the page asked for (`?topics=interest:42,kanban`); the page's frames showing that
 * topic reload themselves. EventSource reconnects by itself after a dropped connection.
 */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response('Unauthorized', { status: 401 });
  const wanted = new Set<string>(readableTopics(user, new URL(request.url).searchParams.get('topics') ?? ''));
  const release = streams.open(user.id);
  if (!release)
    return new Response('Too many open live streams', { status: 429, headers: { 'Retry-After': '30' } });
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  const send = (text: string) => {
    try {
      controller?.enqueue(encoder.encode(text));
    } catch {
      cleanup(); // The client is gone and the abort has not arrived yet.
    }
  };
  // Subscribed before the response starts: once the browser's EventSource is open, nothing is missed.
  const unsubscribe = await liveListener()
    .subscribe((topics) => {
      // A revoked session (sign-out, password reset, deactivation) ends the stream; the browser's
      // reconnect then gets 401 and stops.
      if (topics.includes(`session:${user.id}`)) void endIfRevoked();
      for (const topic of topics) {
        if (wanted.has(topic))
          send(`data: <turbo-stream action="reload-topic" topic="${topic}"></turbo-stream>\n\n`);
      }
    })
    .catch(() => null);
  if (!unsubscribe) {
    release();
    return new Response('Live updates are unavailable: the database cannot be reached', { status: 503 });
  }
  const cleanup = () => {
    clearInterval(ping);
    unsubscribe();
    release();
  };
  const close = () => {
    cleanup();
    try {
      controller?.close();
    } catch {
      // Already closed.
    }
  };
  const endIfRevoked = async () => {
    if (!(await activeUser(getDb(), user.id, user.sessionVersion))) close();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      // Comments keep proxies and the browser from closing an idle connection.
      ping = setInterval(() => send(': ping\n\n'), PING_MS);
      send(': connected\n\n');
    },
    cancel: cleanup,
  });
  if (request.signal.aborted) cleanup();
  request.signal.addEventListener('abort', close);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
