import { atCommit } from '@/db/at-commit';
import type { DbOrTx } from '@/db/client';
import { type Statement, statement } from '@/db/statement';

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
  const message = JSON.stringify([...all]);
  await notify(db, message, statement`select pg_notify(${LIVE_CHANNEL}, ${message})`);
}

/**
 * Runs `notification` (a statement calling pg_notify), or, when the transaction holds statements back
 * to its end (db/at-commit.ts), leaves it to go with the commit instead of as a statement of its own:
 * PostgreSQL delivers it on commit either way. The same `key` left twice notifies once.
 */
export async function notify(db: DbOrTx, key: string, notification: Statement): Promise<void> {
  if (atCommit(db, `notify:${key}`, () => ({ parts: () => ({ writes: [], reads: [notification] }) }))) return;
  await db.execute(notification);
}
