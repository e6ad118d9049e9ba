import { type Actor, changesEverything } from '@/lib/access/rules';
import { MAX_ID } from '@/lib/validation/fields';
import type { Topic } from './publish';

/** A page follows a handful of topics; more in one stream is not a page of ours. */
export const MAX_TOPICS_PER_STREAM = 50;
/** Open live streams per user and app process: a few tabs each with a page or two. */
export const MAX_STREAMS_PER_USER = 20;

const topicPattern =
  /^(?:(kanban|inbox|tasks|dashboard)|(interest|document|partner|delivery|tasks|calls|load):(\d{1,10}))$/;

/**
 * The topics of a `?topics=` list that the user may follow: known topics only, and a user's task list
 * and call pops only their own (leaders and admins follow anyone's, and everyone's tasks at once).
 * Everything else is dropped, not an error: a page of an older version may still ask for something gone.
 */
export function readableTopics(user: Actor, requested: string): Topic[] {
  const topics = new Set<Topic>();
  for (const raw of requested.split(',').slice(0, MAX_TOPICS_PER_STREAM)) {
    const match = topicPattern.exec(raw.trim());
    if (!match) continue;
    if (match[1]) {
      if (match[1] !== 'tasks' || changesEverything(user))
        topics.add(match[1] as 'kanban' | 'inbox' | 'tasks' | 'dashboard');
      continue;
    }
    const id = Number(match[3]);
    if (id < 1 || id > MAX_ID) continue;
    // A user's tasks and call pops are theirs to follow (and their leaders').
    const owned = match[2] === 'tasks' || match[2] === 'calls';
    if (owned && id !== user.id && !changesEverything(user)) continue;
    topics.add(
      `${match[2] as 'interest' | 'document' | 'partner' | 'delivery' | 'tasks' | 'calls' | 'load'}:${id}`,
    );
  }
  return [...topics];
}

/** Counts open streams per user in this process; `open` refuses past the limit. */
export function streamQuota(limit = MAX_STREAMS_PER_USER) {
  const open = new Map<number, number>();
  return {
    /** Streams open now, of every user. */
    total: () => [...open.values()].reduce((sum, n) => sum + n, 0),
    /** A release function for the new stream, or null when the user has `limit` open already. */
    open(userId: number): (() => void) | null {
      const count = open.get(userId) ?? 0;
      if (count >= limit) return null;
      open.set(userId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(userId) ?? 1) - 1;
        if (left > 0) open.set(userId, left);
        else open.delete(userId);
      };
    },
  };
}

const globalForStreams = globalThis as unknown as { torgLiveStreams?: ReturnType<typeof streamQuota> };

/** The process's open live streams (app/api/live), one quota for the whole process. */
export function liveStreams(): ReturnType<typeof streamQuota> {
  globalForStreams.torgLiveStreams ??= streamQuota();
  return globalForStreams.torgLiveStreams;
}

export const liveStreamsOpen = () => liveStreams().total();
