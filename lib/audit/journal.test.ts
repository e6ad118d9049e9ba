import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { auditEntities, auditJournal, JOURNAL_PAGE, parseJournalQuery } from './journal';
import { writeAudit } from './write-audit';

const test = isolatedDatabase();
let anna: number;
let oleg: number;

beforeAll(async () => {
  const made = await test.db
    .insert(users)
    .values([
      { email: 'anna@journal.test', name: 'Анна', role: 'manager', passwordHash: 'x' },
      { email: 'oleg@journal.test', name: 'Олег', role: 'admin', passwordHash: 'x' },
    ])
    .returning({ id: users.id });
  [anna, oleg] = made.map((u) => u.id) as [number, number];
  await writeAudit(test.db, {
    userId: anna,
    action: 'create',
    entity: 'partner',
    entityId: 7,
    data: { name: 'Климат' },
  });
  await writeAudit(test.db, {
    userId: oleg,
    action: 'update',
    entity: 'user',
    entityId: anna,
    data: { role: 'leader' },
  });
  await writeAudit(test.db, { userId: null, action: 'process', entity: 'outgoing_email', entityId: 3 });
  // Older than the default week, and of last year.
  await test.db.insert(auditLog).values([
    { userId: anna, action: 'update', entity: 'partner', entityId: 7, at: sql`now() - interval '20 days'` },
    { userId: anna, action: 'update', entity: 'partner', entityId: 8, at: sql`now() - interval '400 days'` },
  ]);
});

const query = (entries: Record<string, string>) => parseJournalQuery(new URLSearchParams(entries));

describe('the change log', () => {
  it('shows the last week by default, newest first, with who did it (or the system)', async () => {
    const { rows, more } = await auditJournal(test.db, query({}));
    expect(rows.map((r) => [r.userName, r.action, r.entity])).toEqual([
      [null, 'process', 'outgoing_email'],
      ['Олег', 'update', 'user'],
      ['Анна', 'create', 'partner'],
    ]);
    expect(rows[2]?.data).toBe('{"name": "Климат"}');
    expect(more).toBe(false);
  });

  it('narrows by user, by object and its id, and by period', async () => {
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const annas = await auditJournal(test.db, query({ user: String(anna), from }));
    expect(annas.rows.map((r) => r.action)).toEqual(['create', 'update']);
    const partner7 = await auditJournal(test.db, query({ entity: 'partner', id: '7', from }));
    expect(partner7.rows).toHaveLength(2);
    expect(partner7.rows.every((r) => r.entityId === 7)).toBe(true);
    expect((await auditJournal(test.db, query({ entity: 'user' }))).rows.map((r) => r.userName)).toEqual([
      'Олег',
    ]);
    expect(await auditEntities(test.db)).toEqual(['outgoing_email', 'partner', 'user']);
  });

  it('pages by the last id shown', async () => {
    await test.db.insert(auditLog).values(
      Array.from({ length: JOURNAL_PAGE + 5 }, (_, i) => ({
        userId: oleg,
        action: 'update',
        entity: 'task',
        entityId: i + 1,
      })),
    );
    const first = await auditJournal(test.db, query({ entity: 'task' }));
    expect(first.rows).toHaveLength(JOURNAL_PAGE);
    expect(first.more).toBe(true);
    const next = await auditJournal(
      test.db,
      query({ entity: 'task', before: String(first.rows.at(-1)!.id) }),
    );
    expect(next.rows.map((r) => r.entityId)).toEqual([5, 4, 3, 2, 1]);
    expect(next.more).toBe(false);
  });

  it('drops filters it cannot read and holds the period to a year', () => {
    const q = parseJournalQuery(
      new URLSearchParams({
        from: '1900-01-01',
        to: '2026-12-06',
        user: 'x',
        entity: "partner' or 1=1",
        id: '-3',
      }),
    );
    expect(q).toEqual({
      from: '2025-12-05',
      to: '2026-12-06',
      userId: undefined,
      entity: undefined,
      entityId: undefined,
      before: undefined,
    });
    expect(parseJournalQuery(new URLSearchParams({ from: '2026-12-07', to: '2026-12-06' })).from).toBe(
      '2025-12-05',
    );
    expect(parseJournalQuery(new URLSearchParams(), '2026-12-06').from).toBe('2026-11-29');
  });
});
