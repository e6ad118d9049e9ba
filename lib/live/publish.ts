import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/** The PostgreSQL channel that carries live-update events between every app process. */
export const LIVE_CHANNEL = 'torg_live';

/**
 * Topics name what changed, e.g. `interest:42`, `document:7` (a document, or an order one of its
 * documents ships or pays), `partner:3`, `delivery:5` (a delivery task), `kanban`, `inbox`, `tasks:7` (a user's tasks), `tasks`
 * (anyone's: a leader's list of everyone's), `dashboard` (a posting or plan changed the figures),
 * `calls:7` (a user's screen-pops of phone calls), `load:3` (a data load's progress). Pages subscribe to topics; frames that show them
 * reload when one is published.
 */
export type Topic =
  | `interest:${number}`
  | `document:${number}`
  | `partner:${number}`
  | `delivery:${number}`
  | 'kanban'
  | 'inbox'
  | `tasks:${number}`
  | 'tasks'
  | 'dashboard'
  | `calls:${number}`
  | `load:${number}`;

/**
 * Announces a change. Called inside the command's transaction: PostgreSQL delivers the NOTIFY only on
 * commit (and never after a rollback), to every process listening — so two app processes on one
 * database both push it to their browsers.
 */
export async function publish(db: DbOrTx, ...topics: Topic[]): Promise<void> {
  if (topics.length === 0) return;
  const all = new Set(topics);
  // Added here rather than by each command, so no change to someone's tasks misses everyone's list.
  if (topics.some((topic) => topic.startsWith('tasks:'))) all.add('tasks');
  await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify([...all])})`);
}
