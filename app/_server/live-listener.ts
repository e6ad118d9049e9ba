import { createLiveListener, type LiveListener } from '@/lib/live/listen';

const globalForLive = globalThis as unknown as { torgLive?: LiveListener };

/**
 * The process's one live listener (its own small connection, apart from the query pool), created on
 * the first subscription and kept on globalThis so hot reloads and route bundles share it.
 */
export function liveListener(): LiveListener {
  if (!globalForLive.torgLive) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it');
    globalForLive.torgLive = createLiveListener(url);
  }
  return globalForLive.torgLive;
}
