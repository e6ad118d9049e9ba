import { PgTransaction } from 'drizzle-orm/pg-core';
import { atCommit } from '@/db/at-commit';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { oneStatement } from '@/db/insert-rows';
import { type Statement, statement } from '@/db/statement';
import { log } from '@/lib/ops/log';

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
 * Announces a change, to every process listening (so two app processes on one database both push it to
 * their browsers), and never for a transaction rolled back. Called inside the command's transaction
 * (commandTransaction, or a document command's), which sends it just after its commit; inside any other
 * transaction it goes with the commit (PostgreSQL delivers a NOTIFY only then); outside one, at once.
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
 * Runs `notification` (a statement calling pg_notify): after the commit of a transaction that holds its
 * events (holdEvents); with the commit when the transaction holds statements back to its end
 * (db/at-commit.ts); else now, in the transaction or, outside one, as a transaction of its own
 * (announce). The same `key` given twice in a transaction notifies once.
 */
export async function notify(db: DbOrTx, key: string, notification: Statement): Promise<void> {
  const held = heldByTransaction.get(db);
  if (held) {
    if (!held.has(key)) held.set(key, notification);
    return;
  }
  if (atCommit(db, `notify:${key}`, () => ({ parts: () => ({ writes: [], reads: [notification] }) }))) return;
  if (db instanceof PgTransaction) await db.execute(notification);
  else await announce(db as Db, [notification]);
}

/** The notifications of transactions that send them after their commit, by key. */
const heldByTransaction = new WeakMap<DbOrTx, Map<string, Statement>>();

/**
 * From here on, what `tx` publishes waits for heldEvents, to be announced once it has committed. A
 * NOTIFY sent inside a transaction makes its commit take the server's one lock for notifying
 * transactions and hold it through the commit's WAL flush, so every notifying commit waits for the one
 * before it and flushes alone (measured: 5-line receipts cost 10–15 % more CPU each, and posted a third
 * fewer a second, than without).
 */
export function holdEvents(tx: Tx): void {
  heldByTransaction.set(tx, new Map());
}

type Opener = <T>(db: Db, work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * A command's transaction (`open`: drizzle's, or a caller's such as a posting's pipelined one), its live
 * events announced once it has committed (holdEvents). Inside a transaction, a savepoint whose events go
 * where that transaction's go (a savepoint rolled back may leave one: an event only tells pages to reload).
 */
export async function commandTransaction<T>(
  db: DbOrTx,
  work: (tx: Tx) => Promise<T>,
  open: Opener = (db, run) => db.transaction(run),
): Promise<T> {
  if (db instanceof PgTransaction) {
    const held = heldByTransaction.get(db);
    return db.transaction((savepoint) => {
      if (held) heldByTransaction.set(savepoint, held);
      return work(savepoint);
    });
  }
  let events: Statement[] = [];
  const result = await open(db as Db, async (tx) => {
    holdEvents(tx);
    const done = await work(tx);
    events = heldEvents(tx);
    return done;
  });
  await announce(db as Db, events);
  return result;
}

/** The notifications `tx` held (holdEvents); it holds none from now on. */
export function heldEvents(tx: Tx): Statement[] {
  const held = heldByTransaction.get(tx);
  heldByTransaction.delete(tx);
  return held ? [...held.values()] : [];
}

type Waiting = { notifications: Statement[]; sent: () => void };
/** Per database: notifications handed to announce and not yet sent, and whether a batch is being sent. */
const outboxes = new WeakMap<Db, { waiting: Waiting[]; sending: boolean }>();
/** Commands' notifications per statement: each batch size is a statement PostgreSQL prepares once per connection. */
const BATCH = 32;
/**
 * A transaction of nothing but notifications commits without waiting for its WAL flush: losing it in a
 * crash loses only events about changes the pages reload anyway, and it then holds the notify lock only
 * for a moment.
 */
const withoutWaitingForTheFlush = statement`select set_config('synchronous_commit', 'off', true)`;

/**
 * Sends notifications as a transaction of their own, resolving once they are; what this process's other
 * commands hand over meanwhile goes in the next batch, one statement for many commands. A failure is
 * logged, not thrown: the command it follows has committed.
 */
export function announce(db: Db, notifications: Statement[]): Promise<void> {
  if (notifications.length === 0) return Promise.resolve();
  let outbox = outboxes.get(db);
  if (!outbox) {
    outbox = { waiting: [], sending: false };
    outboxes.set(db, outbox);
  }
  const box = outbox;
  return new Promise<void>((sent) => {
    box.waiting.push({ notifications, sent });
    if (!box.sending) void sendWaiting(db, box);
  });
}

async function sendWaiting(db: Db, box: { waiting: Waiting[]; sending: boolean }): Promise<void> {
  box.sending = true;
  while (box.waiting.length > 0) {
    const batch = box.waiting.splice(0, BATCH);
    try {
      await db.execute(
        oneStatement([], [withoutWaitingForTheFlush, ...batch.flatMap((w) => w.notifications)]),
      );
    } catch (error) {
      log.error({ err: error }, 'live events not sent');
    }
    for (const waiting of batch) waiting.sent();
  }
  box.sending = false;
}
