import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { statementUploads, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { dropStatementUpload, keepStatementUpload, statementUpload } from './statement-uploads';

const test = isolatedDatabase();
let owner: number;
let other: number;

beforeAll(async () => {
  const rows = await test.db
    .insert(users)
    .values([
      { email: 'owner@test', name: 'Анна', role: 'manager', passwordHash: '-' },
      { email: 'other@test', name: 'Олег', role: 'manager', passwordHash: '-' },
    ])
    .returning({ id: users.id });
  [owner, other] = rows.map((r) => r.id) as [number, number];
});

describe('a checked statement kept for its import', () => {
  it('is its owner’s only, until imported', async () => {
    const id = await keepStatementUpload(test.db, owner, 'kl_to_1c.txt', Buffer.from('1CClientBankExchange'));
    expect(await statementUpload(test.db, owner, id)).toEqual({
      fileName: 'kl_to_1c.txt',
      content: Buffer.from('1CClientBankExchange'),
    });
    expect(await statementUpload(test.db, other, id)).toBeNull();
    await dropStatementUpload(test.db, owner, id);
    expect(await statementUpload(test.db, owner, id)).toBeNull();
  });

  it('expires after half an hour and keeps only a user’s newest three', async () => {
    const old = await keepStatementUpload(test.db, owner, 'old.txt', Buffer.from('old'));
    await test.db
      .update(statementUploads)
      .set({ createdAt: sql`now() - interval '31 minutes'` })
      .where(eq(statementUploads.id, old));
    expect(await statementUpload(test.db, owner, old)).toBeNull();
    const ids = [];
    for (const n of [1, 2, 3, 4])
      ids.push(await keepStatementUpload(test.db, owner, `${n}.txt`, Buffer.from(`${n}`)));
    const kept = await test.db
      .select({ id: statementUploads.id })
      .from(statementUploads)
      .where(eq(statementUploads.userId, owner));
    // The expired one went with the next write; of four, the first went.
    expect(kept.map((k) => k.id).sort()).toEqual(ids.slice(1).sort());
  });
});
