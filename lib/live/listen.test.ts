import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { revokeSessions, updateUser } from '@/lib/users/users';
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

  it('announces a revoked session, so open live streams of that user close', async () => {
    listener ??= createLiveListener(test.url);
    const heard: string[][] = [];
    await listener.subscribe((t) => heard.push(t));
    const [user] = await test.db
      .insert(users)
      .values({ email: 'live@test', name: 'Live', role: 'manager', passwordHash: '-' })
      .returning();
    await revokeSessions(test.db, user!.id);
    await test.db.update(users).set({ name: 'Renamed' }).where(eq(users.id, user!.id));
    await updateUser(test.db, user!.id, { name: 'Live', role: 'manager', active: '' }, null);
    await expect.poll(() => heard.filter((t) => t.includes(`session:${user!.id}`)).length).toBe(2);
  });
});
