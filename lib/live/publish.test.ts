import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { LIVE_CHANNEL, publish } from './publish';

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
});
