import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { interestCard } from './interest-card';
import { kanban } from './kanban';
import { saveInterest } from './save-interest';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
const leader = { id: 0, role: 'leader' as const };

beforeAll(async () => {
  f = await salesFixtures(test.db);
  leader.id = f.manager.id;
});

describe('what an interest is worth on the kanban and its card', () => {
  it('its lines, then the offer, then the order, shipped in part or in full', async () => {
    const saved = await saveInterest(
      test.db,
      null,
      {
        title: 'Кондиционеры в офис',
        partnerId: String(f.client.id),
        responsibleId: String(f.manager.id),
        expectedAmount: '50000',
        lines: [{ productId: String(f.products[1]!.id), quantity: '5', price: '2000' }],
      },
      leader,
      '2026-11-20',
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const interestId = saved.id;
    const worth = async () => {
      const board = await kanban(test.db, { includeClosed: true }, new Date('2026-11-25T10:00:00Z'));
      const card = board.flatMap((c) => c.cards).find((c) => c.id === interestId);
      return [card?.amount, (await interestCard(test.db, interestId))?.documentsAmount ?? null];
    };
    expect(await worth()).toEqual(['10000.00', null]);

    const document = async (kind: 'commercial_offer' | 'customer_order' | 'sales', extra: object) => {
      const result = await saveDocument(
        test.db,
        kind,
        null,
        {
          date: '2026-11-21T10:00:00Z',
          partnerId: f.client.id,
          warehouseId: f.main.id,
          interestId,
          manualDiscountPercent: '5',
          lines: [{ productId: f.products[1]!.id, quantity: '5', price: '2000', action: 'reserve' }],
          ...extra,
        },
        leader,
        { post: kind !== 'commercial_offer' },
      );
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.id;
    };
    await document('commercial_offer', { manualDiscountPercent: '3' });
    expect(await worth()).toEqual(['9700.00', '9700.00']);
    const order = await document('customer_order', {});
    expect(await worth()).toEqual(['9500.00', '9500.00']);
    // Shipped in part, then in full (as a won interest is): still the order's 9 500,00, not the lines' 10 000.
    await document('sales', { basedOnId: order, lines: [{ productId: f.products[1]!.id, quantity: '2' }] });
    expect(await worth()).toEqual(['9500.00', '9500.00']);
    await document('sales', { basedOnId: order, lines: [{ productId: f.products[1]!.id, quantity: '3' }] });
    expect(await worth()).toEqual(['9500.00', '9500.00']);
  });
});
