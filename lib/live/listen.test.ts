import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { createLiveListener } from './listen';
import { publish } from './publish';

const test = isolatedDatabase();

describe('live listener', () => {
  let listener: ReturnType<typeof createLiveListener> | undefined;
  afterAll(() => listener?.close());

  it('fans one LISTEN out to every subscriber until it unsubscribes', async () => {
    listener = createLiveListener(test.url);
    const first: string[][] = [];
    const second: string[][] = [];
    const stopFirst = await listener.subscribe((t) => first.push(t));
    await listener.subscribe((t) => second.push(t));
    await test.db.transaction((tx) => publish(tx, 'interest:7', 'kanban'));
    await expect.poll(() => second).toEqual([['interest:7', 'kanban']]);
    expect(first).toEqual([['interest:7', 'kanban']]);
    stopFirst();
    await test.db.transaction((tx) => publish(tx, 'inbox'));
    await expect.poll(() => second.length).toBe(2);
    expect(first).toHaveLength(1);
  });
});
