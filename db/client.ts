import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { PostgresJsSession } from 'drizzle-orm/postgres-js/session';
import postgres from 'postgres';
import { readFrom } from './replica';

/**
 * drizzle-orm 0.45 sends every query unprepared, whatever the client says (drizzle-team/drizzle-orm
 * #6096, fix in PR #6098), so PostgreSQL parses and plans each posting statement anew. Asking for a
 * prepared statement makes postgres.js prepare each distinct text once per connection and reuse it.
 * Remove when drizzle passes the client's `prepare` through.
 */
const prepareQuery = PostgresJsSession.prototype.prepareQuery;
PostgresJsSession.prototype.prepareQuery = function (this: PostgresJsSession<never, never, never>, ...args) {
  args[2] ??= 'prepared';
  return prepareQuery.apply(this, args);
} as typeof prepareQuery;

/**
 * Without drizzle's relational queries (`db.query.*`, which nothing uses): given the schema, drizzle
 * builds a query builder for every table each time it opens a transaction, a fortieth of a posting's
 * CPU.
 */
export type Db = PostgresJsDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Domain functions take either, so commands compose inside one transaction. */
export type DbOrTx = Db | Tx;

export type Connection = { db: Db; close: () => Promise<void> };

export function connect(url: string, options: { max?: number; connectTimeout?: number } = {}): Connection {
  const client = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: options.connectTimeout ?? 30,
    onnotice: () => {},
    // A report over a million rows crosses the JIT's cost threshold and then spends ~400 ms compiling
    // for a query that runs in 50 ms from its turnovers; our queries are short, so never compile them.
    connection: { jit: 'off' },
  });
  return { db: drizzle(client), close: () => client.end({ timeout: 5 }) };
}

const globalForDb = globalThis as unknown as { torgDb?: Connection; torgReplica?: Connection };

/** The process-wide pool for the app; DATABASE_URL is set by the launcher (scripts/start.ts) or by the operator. */
export function getDb(): Db {
  if (!globalForDb.torgDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it');
    globalForDb.torgDb = connect(url);
  }
  return globalForDb.torgDb.db;
}

/**
 * The database reports and the dashboard read: DATABASE_REPLICA_URL's streaming replica when it is set
 * and has every write the primary had when asked (db/replica.ts), else the primary.
 */
export async function getReadDb(): Promise<Db> {
  const url = process.env.DATABASE_REPLICA_URL;
  if (!url) return getDb();
  globalForDb.torgReplica ??= connect(url, { connectTimeout: 2 });
  return readFrom(getDb(), globalForDb.torgReplica.db);
}
