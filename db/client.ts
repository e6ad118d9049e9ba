import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Domain functions take either, so commands compose inside one transaction. */
export type DbOrTx = Db | Tx;

export type Connection = { db: Db; close: () => Promise<void> };

export function connect(url: string, options: { max?: number } = {}): Connection {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return { db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
}

const globalForDb = globalThis as unknown as { torgDb?: Connection };

/** The process-wide pool for the app; DATABASE_URL is set by the launcher (scripts/start.ts) or by the operator. */
export function getDb(): Db {
  if (!globalForDb.torgDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it');
    globalForDb.torgDb = connect(url);
  }
  return globalForDb.torgDb.db;
}
