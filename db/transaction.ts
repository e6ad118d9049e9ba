import type { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js/session';
import type postgres from 'postgres';
import type { Db, Tx } from './client';
import { inOrder } from './pipeline';
import type { Statement } from './statement';

/** What drizzle's session keeps of its client and settings (drizzle-orm/postgres-js/session.js). */
type SessionParts = {
  client: postgres.Sql;
  dialect: PgDialect;
  schema: ConstructorParameters<typeof PostgresJsTransaction>[2];
  options: ConstructorParameters<typeof PostgresJsSession>[3];
};

/**
 * Runs `work` in a transaction on a connection of its own, like `db.transaction`, in two round trips
 * fewer: `begin` goes out with the first statement instead of being waited for alone, and `commit`
 * with the statement `atCommit` gives (a posting's turnovers, lib/ledger/apply.ts) instead of after
 * it. A failure of that statement makes PostgreSQL answer the commit with a rollback, and the failure
 * is thrown. When `work` sends nothing, that statement is the whole transaction and goes alone, without
 * `begin` and `commit` (a receipt whose writes all wait for the commit). Savepoints inside
 * (`tx.transaction`) work as in drizzle's transactions.
 */
export async function pipelinedTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  atCommit: (tx: Tx) => Statement | null,
): Promise<T> {
  const session = db._.session as unknown as SessionParts;
  const reserved = await session.client.reserve();
  // `begin` goes out just before the first statement of `work`, answered with that statement's answer.
  let begun: Promise<unknown> | null = null;
  const connection = new Proxy(reserved, {
    get(target, property, receiver) {
      if (property !== 'unsafe') return Reflect.get(target, property, receiver);
      return (...query: Parameters<typeof target.unsafe>) => {
        if (!begun) {
          begun = target.unsafe('begin').execute();
          begun.catch(() => {}); // a failure of `work` first is the one thrown
        }
        return target.unsafe(...query);
      };
    },
  });
  let savepoints = 0;
  const client = Object.assign(connection, {
    async savepoint<R>(run: (c: typeof connection) => Promise<R>): Promise<R> {
      const name = `s${++savepoints}`;
      await connection.unsafe(`savepoint ${name}`);
      try {
        const result = await run(client);
        await connection.unsafe(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await connection.unsafe(`rollback to savepoint ${name}`);
        throw error;
      }
    },
  });
  // drizzle's transactions use of their client only what a reserved connection has, and savepoint.
  const transactionClient = client as unknown as postgres.TransactionSql & postgres.Sql;
  const tx = new PostgresJsTransaction(
    session.dialect,
    new PostgresJsSession(transactionClient, session.dialect, session.schema, session.options),
    session.schema,
  ) as unknown as Tx;
  try {
    const result = await work(tx);
    const last = atCommit(tx)?.toQuery();
    if (!begun) {
      // One statement is a transaction of its own.
      if (last)
        await reserved.unsafe(last.sql, last.params as postgres.ParameterOrJSON<never>[], { prepare: true });
      return result;
    }
    // Both straight on the connection, so they go out in this order (a query through drizzle takes
    // more steps before it is sent, and the commit would overtake it).
    await inOrder(
      () => begun!,
      last &&
        (() =>
          connection.unsafe(last.sql, last.params as postgres.ParameterOrJSON<never>[], { prepare: true })),
      () => connection.unsafe('commit'),
    );
    return result;
  } catch (error) {
    // Also after a failed commit or a statement that aborted it: then nothing is open, and PostgreSQL
    // only warns.
    if (begun) await reserved.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    reserved.release();
  }
}
