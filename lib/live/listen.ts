import postgres from 'postgres';
import { LIVE_CHANNEL } from './publish';

export type LiveSubscriber = (topics: string[]) => void;

export type LiveListener = {
  /** Calls `onTopics` with each published topic list until the returned function is called. */
  subscribe(onTopics: LiveSubscriber): Promise<() => void>;
  close(): Promise<void>;
};

/**
 * One `LISTEN torg_live` connection fanning out to any number of in-process subscribers, so a
 * thousand open pages cost one database connection. postgres.js re-issues the LISTEN by itself after
 * the connection drops.
 */
export function createLiveListener(url: string): LiveListener {
  const subscribers = new Set<LiveSubscriber>();
  const client = postgres(url, { max: 1, onnotice: () => {} });
  let started: Promise<unknown> | undefined;
  const deliver = (payload: string) => {
    let topics: unknown;
    try {
      topics = JSON.parse(payload);
    } catch {
      return; // Not from publish(), which always sends a JSON array.
    }
    if (!Array.isArray(topics)) return;
    for (const subscriber of subscribers) subscriber(topics.map(String));
  };
  return {
    async subscribe(onTopics) {
      started ??= client.listen(LIVE_CHANNEL, deliver).catch((error: unknown) => {
        started = undefined; // The database was unreachable: the next subscriber tries again.
        throw error;
      });
      await started;
      subscribers.add(onTopics);
      return () => subscribers.delete(onTopics);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
