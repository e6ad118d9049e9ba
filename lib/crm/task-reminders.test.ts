import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documents, partners, tasks, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { expireOffers } from '@/lib/sales/offer-expiry';
import { remindDueTasks } from './task-reminders';

const test = isolatedDatabase();

describe('scheduled jobs', () => {
  it('reminds of open tasks coming due, once each', async () => {
    const [user] = await test.db
      .insert(users)
      .values({ email: 'r@test', name: 'Петров', role: 'manager', passwordHash: 'x' })
      .returning();
    const now = new Date('2026-11-27T09:00:00Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await test.db.insert(tasks).values([
      { title: 'Позвонить', dueAt: at(20), responsibleId: user!.id },
      { title: 'Завтра', dueAt: at(24 * 60), responsibleId: user!.id },
      { title: 'Сделано', dueAt: at(10), responsibleId: user!.id, doneAt: now },
    ]);
    expect(await remindDueTasks(test.db, now)).toBe(1);
    expect(await remindDueTasks(test.db, now)).toBe(0);
    const [called] = await test.db.select().from(tasks).where(eq(tasks.title, 'Позвонить'));
    expect(called!.remindedAt).toEqual(now);
  });

  it('expires sent offers past their validity date on the company calendar', async () => {
    const [partner] = await test.db.insert(partners).values({ name: 'Клиент' }).returning();
    const offer = (number: string, validUntil: string, offerStatus: 'sent' | 'draft') => ({
      kind: 'commercial_offer' as const,
      number,
      date: new Date('2026-11-01T10:00:00Z'),
      partnerId: partner!.id,
      validUntil,
      offerStatus,
    });
    await test.db
      .insert(documents)
      .values([
        offer('1', '2026-11-26', 'sent'),
        offer('2', '2026-11-27', 'sent'),
        offer('3', '2026-11-20', 'draft'),
      ]);
    // 23:30 UTC on the 26th is already the 27th in Moscow: offer 1 (valid through the 26th) expires.
    expect(await expireOffers(test.db, new Date('2026-11-26T23:30:00Z'))).toBe(1);
    const statuses = await test.db.select({ n: documents.number, s: documents.offerStatus }).from(documents);
    expect(Object.fromEntries(statuses.map((r) => [r.n, r.s]))).toEqual({
      '1': 'expired',
      '2': 'sent',
      '3': 'draft',
    });
  });
});
