import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, interactions, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';
import { parseFeedTypes } from './feed';
import { logInteraction } from './interactions';
import {
  interestCard,
  interestDocuments,
  interestLinesOf,
  interestTasks,
  openInterest,
} from './interest-card';
import { saveTask, setTaskDone } from './tasks';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof stockFixtures>>;
let me: { id: number; role: 'manager' };

beforeAll(async () => {
  f = await stockFixtures(test.db);
  const [u] = await test.db
    .insert(users)
    .values({ email: 'm@torg.test', name: 'Менеджер', role: 'manager', passwordHash: 'x' })
    .returning();
  me = { id: u!.id, role: 'manager' };
});

describe('interest card', () => {
  it('opens an interest from an inbox interaction: linked and processed, or untouched when refused', async () => {
    const logged = await logInteraction(test.db, { kind: 'note', body: 'Нужен кондиционер' }, null);
    const interactionId = logged.ok ? logged.id : 0;
    const input = {
      title: 'Кондиционер',
      partnerId: String(f.supplier.id),
      responsibleId: String(me.id),
      lines: [{ productId: String(f.products[0]!.id), quantity: '2', price: '100' }],
    };
    expect(await openInterest(test.db, { ...input, title: '' }, me, '2026-11-27', interactionId)).toEqual({
      ok: false,
      errors: { title: 'required' },
    });
    let [interaction] = await test.db.select().from(interactions).where(eq(interactions.id, interactionId));
    expect(interaction).toMatchObject({ processed: false, interestId: null });

    const opened = await openInterest(test.db, input, me, '2026-11-27', interactionId);
    const id = opened.ok ? opened.id : 0;
    [interaction] = await test.db.select().from(interactions).where(eq(interactions.id, interactionId));
    expect(interaction).toMatchObject({ processed: true, interestId: id, partnerId: f.supplier.id });

    expect(await interestCard(test.db, id)).toMatchObject({
      interest: { title: 'Кондиционер', state: 'new' },
      partner: 'ТеплоХолод',
      responsible: 'Менеджер',
      contact: null,
    });
    expect(await interestCard(test.db, id + 1000)).toBeNull();
    expect(await interestLinesOf(test.db, id)).toMatchObject([
      { lineNo: 1, product: 'Соковыжималка', quantity: '2.000', price: '100.00', amount: '200.00' },
    ]);
  });

  it('lists open tasks by due time and done ones apart', async () => {
    const opened = await openInterest(
      test.db,
      { title: 'Задачи', partnerId: String(f.supplier.id), responsibleId: String(me.id) },
      me,
      '2026-11-27',
      null,
    );
    const interestId = opened.ok ? opened.id : 0;
    const task = (title: string, dueAt: string) =>
      saveTask(test.db, null, { title, dueAt, responsibleId: String(me.id), interestId }, me);
    const later = await task('Позвонить', '2026-12-02T10:00:00Z');
    await task('Отправить КП', '2026-12-01T10:00:00Z');
    await setTaskDone(test.db, later.ok ? later.id : 0, true, me);
    const { pending, done } = await interestTasks(test.db, interestId);
    expect(pending.map((t) => t.title)).toEqual(['Отправить КП']);
    expect(done).toMatchObject([{ title: 'Позвонить', responsible: 'Менеджер' }]);
  });

  it('lists the documents of the chain at any depth, and nothing else', async () => {
    const opened = await openInterest(
      test.db,
      { title: 'Цепочка', partnerId: String(f.supplier.id), responsibleId: String(me.id) },
      me,
      '2026-11-27',
      null,
    );
    const interestId = opened.ok ? opened.id : 0;
    const receipt = async (date: string) => {
      const saved = await saveDocument(
        test.db,
        'goods_receipt',
        null,
        {
          date,
          partnerId: f.supplier.id,
          warehouseId: f.main.id,
          lines: [{ productId: f.products[0]!.id, quantity: '1', price: '10' }],
        },
        null,
      );
      return saved.ok ? saved.id : 0;
    };
    const [root, child, unrelated] = [
      await receipt('2026-11-22T08:00:00Z'),
      await receipt('2026-11-23T08:00:00Z'),
      await receipt('2026-11-24T08:00:00Z'),
    ];
    await test.db.update(documents).set({ interestId }).where(eq(documents.id, root));
    await test.db.update(documents).set({ basedOnId: root }).where(eq(documents.id, child));
    const chain = await interestDocuments(test.db, interestId);
    expect(chain.map((d) => d.id)).toEqual([root, child]);
    expect(chain.map((d) => d.id)).not.toContain(unrelated);
    expect(chain[1]).toMatchObject({ kind: 'goods_receipt', basedOnId: root, partner: 'ТеплоХолод' });
  });
});

describe('feed filter from a URL', () => {
  it('keeps the known types and drops the rest', () => {
    expect(parseFeedTypes('call,email,bogus')).toEqual(['call', 'email']);
    expect(parseFeedTypes(undefined)).toEqual([]);
  });
});
