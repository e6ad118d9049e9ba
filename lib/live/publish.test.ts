import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import type { Statement } from '@/db/statement';
import { statement } from '@/db/statement';
import { isolatedDatabase } from '@/db/testing';
import { log } from '@/lib/ops/log';
import { announce, commandTransaction, heldEvents, holdEvents, LIVE_CHANNEL, publish } from './publish';

const test = isolatedDatabase();

describe('publish', () => {
  it('reaches other connections on commit, and never after a rollback', async () => {
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[][] = [];
    await listener.listen(LIVE_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    try {
      await test.db
        .transaction(async (tx) => {
          await publish(tx, 'interest:1');
          throw new Error('rolled back');
        })
        .catch(() => {});
      await test.db.transaction(async (tx) => {
        await publish(tx, 'interest:2', 'kanban', 'kanban');
        // Not delivered before the commit.
        await new Promise((r) => setTimeout(r, 50));
        expect(received).toEqual([]);
      });
      await expect.poll(() => received).toEqual([['interest:2', 'kanban']]);
      // A manager's task list changing is a change to everyone's (a leader's list).
      await publish(test.db, 'tasks:7', 'tasks:8');
      await expect.poll(() => received.at(-1)).toEqual(['tasks:7', 'tasks:8', 'tasks']);
    } finally {
      await listener.end();
    }
  });

  it("holds the events of a transaction that asks until it has committed, and sends many commands' in few statements", async () => {
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[][] = [];
    await listener.listen(LIVE_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    const sent: string[] = [];
    const client = postgres(test.url, {
      max: 2,
      onnotice: () => {},
      debug: (_connection, query) => query.includes('pg_notify') && sent.push(query),
    });
    const db = drizzle(client);
    try {
      let held: Statement[] = [];
      await db.transaction(async (tx) => {
        holdEvents(tx);
        await publish(tx, 'interest:3');
        await publish(tx, 'interest:3');
        held = heldEvents(tx);
      });
      // Named twice, held once, and not sent by the commit.
      expect(held).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual([]);
      expect(sent).toEqual([]);
      await announce(db, held);
      await expect.poll(() => received).toEqual([['interest:3']]);
      expect(sent).toHaveLength(1);

      // Forty commands at once: the first alone, the others in batches while it is sent.
      sent.length = 0;
      received.length = 0;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          announce(db, [statement`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify([`document:${i}`])})`]),
        ),
      );
      await expect.poll(() => received.length).toBe(40);
      expect(new Set(received.flat()).size).toBe(40);
      expect(sent.length).toBeLessThanOrEqual(3);

      // A batch that fails is logged, and its commands go on: they have committed.
      const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
      await expect(
        announce(db, [statement`select pg_notify(${LIVE_CHANNEL}, (1 / 0)::text)`]),
      ).resolves.toBeUndefined();
      expect(logged).toHaveBeenCalledWith(expect.anything(), 'live events not sent');
      logged.mockRestore();
      await announce(db, [statement`select pg_notify(${LIVE_CHANNEL}, '["kanban"]')`]);
      await expect.poll(() => received.at(-1)).toEqual(['kanban']);
    } finally {
      await client.end();
      await listener.end();
    }
  });

  it("a command's transaction announces its events, its savepoints' too, once it has committed, and never after a rollback", async () => {
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[][] = [];
    await listener.listen(LIVE_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    try {
      await commandTransaction(test.db, async (tx) => {
        await publish(tx, 'interest:5');
        throw new Error('rolled back');
      }).catch(() => {});
      let inside: string[][] = [];
      await commandTransaction(test.db, async (tx) => {
        await publish(tx, 'interest:6');
        await commandTransaction(tx, (savepoint) => publish(savepoint, 'kanban'));
        // A statement of the transaction after its events: they have not been sent.
        await tx.execute(sql`select pg_sleep(0.05)`);
        inside = [...received];
      });
      expect(inside).toEqual([]);
      // Sent once it committed.
      await expect.poll(() => received.flat().sort()).toEqual(['interest:6', 'kanban']);
    } finally {
      await listener.end();
    }
  });
});
