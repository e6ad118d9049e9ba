import Decimal from 'decimal.js';
import { eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentLines, documents } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { checkLedger } from '@/lib/ledger/check';
import { LIVE_CHANNEL } from '@/lib/live/publish';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { changeDocumentStatus } from '../posting';
import { saveDocument } from '../save-document';

const test = isolatedDatabase({ connections: 12 });
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
});

/**
 * 2 × 1 234,50 at 25 % off is 1 851,75; one unit alone is 925,87 (308,625 of discount rounds up), so
 * two shipments priced each on its own would ship 1 851,74. Likewise 2 × 2 345,50: 3 518,25, not
 * 2 × 1 759,12.
 */
const listed = ['1234.50', '2345.50'];
async function order(product: number): Promise<number> {
  const saved = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-20T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      manualDiscountPercent: '25',
      lines: [
        { productId: f.products[product]!.id, quantity: '2', price: listed[product], action: 'reserve' },
      ],
    },
    // A leader: the 25 % is within their manual discount limit.
    { id: f.manager.id, role: 'leader' },
    { post: true },
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return saved.id;
}

const shipment = (orderId: number, product: number, post: boolean) =>
  saveDocument(
    test.db,
    'sales',
    null,
    {
      date: '2026-11-21T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      basedOnId: orderId,
      lines: [{ productId: f.products[product]!.id, quantity: '1' }],
    },
    null,
    { post },
  );

async function shippedOf(orderId: number) {
  const rows = await test.db
    .select({ amount: documentLines.amount, header: documents.amount })
    .from(documentLines)
    .innerJoin(documents, eq(documents.id, documentLines.documentId))
    .where(sql`${documents.basedOnId} = ${orderId} and ${documents.status} = 'posted'`);
  const [settled] = (await test.db.execute(
    sql`select coalesce(sum(m.amount), 0)::text as debt from client_settlement_movements m
        join documents d on d.id = m.document_id where d.kind = 'sales' and m.order_id = ${orderId}`,
  )) as unknown as { debt: string }[];
  return {
    lines: Decimal.sum(0, ...rows.map((r) => r.amount)).toFixed(2),
    headers: Decimal.sum(0, ...rows.map((r) => r.header)).toFixed(2),
    debt: new Decimal(settled!.debt).toFixed(2),
    count: rows.length,
  };
}

describe('partial shipments of one order line', () => {
  it('two drafts posted at once add up exactly to the order, whichever posts last', async () => {
    // 10 in stock of each product: 5 orders of 2.
    for (let round = 0; round < 5; round++) {
      const orderId = await order(0);
      const drafts = await Promise.all([shipment(orderId, 0, false), shipment(orderId, 0, false)]);
      const ids = drafts.map((d) => (d.ok ? d.id : Number.NaN));
      // Each draft alone is priced as a part: 925,87.
      const draftLines = await test.db
        .select({ amount: documentLines.amount })
        .from(documentLines)
        .where(inArray(documentLines.documentId, ids));
      expect(draftLines.map((l) => l.amount)).toEqual(['925.87', '925.87']);
      const posted = await Promise.all(ids.map((id) => changeDocumentStatus(test.db, id, 'post', null)));
      expect(posted.every((p) => p.ok)).toBe(true);
      expect(await shippedOf(orderId)).toEqual({
        lines: '1851.75',
        headers: '1851.75',
        debt: '1851.75',
        count: 2,
      });
    }
  });

  it('two shipments saved and posted at once add up exactly to the order', async () => {
    for (let round = 0; round < 5; round++) {
      const orderId = await order(1);
      const results = await Promise.all([shipment(orderId, 1, true), shipment(orderId, 1, true)]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await shippedOf(orderId)).toMatchObject({ lines: '3518.25', debt: '3518.25', count: 2 });
    }
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('what a document command publishes', () => {
  it('a payment and a shipment reach the pages of their order and partner, a receipt its own', async () => {
    const listener = postgres(test.url, { max: 1, onnotice: () => {} });
    const received: string[][] = [];
    await listener.listen(LIVE_CHANNEL, (payload) => received.push(JSON.parse(payload)));
    try {
      const stocked = await saveDocument(
        test.db,
        'goods_receipt',
        null,
        {
          date: '2026-11-19T10:00:00Z',
          partnerId: f.supplier.id,
          warehouseId: f.main.id,
          lines: [{ productId: f.products[0]!.id, quantity: '2', price: '500.00', vatRate: '22' }],
        },
        null,
        { post: true },
      );
      expect(stocked.ok).toBe(true);
      const orderId = await order(0);
      const paid = await saveDocument(
        test.db,
        'bank_receipt',
        null,
        {
          date: '2026-11-21T09:00:00Z',
          partnerId: f.client.id,
          bankAccountId: f.account.id,
          amount: '100.00',
          allocations: [{ orderId, amount: '100.00' }],
        },
        null,
        { post: true },
      );
      expect(paid.ok).toBe(true);
      const shipped = await shipment(orderId, 0, true);
      expect(shipped.ok).toBe(true);
      const topicsOf = (id: number) => received.find((topics) => topics.includes(`document:${id}`));
      for (const id of [paid.ok && paid.id, shipped.ok && shipped.id] as number[])
        await expect
          .poll(() => topicsOf(id))
          .toEqual(
            expect.arrayContaining([`document:${id}`, `document:${orderId}`, `partner:${f.client.id}`]),
          );
      // A receipt made from nothing names its own pages only, with no lookups (publishDocument's `known`).
      const receipt = stocked.ok ? stocked.id : 0;
      await expect.poll(() => topicsOf(receipt)).toEqual([`document:${receipt}`, `partner:${f.supplier.id}`]);
    } finally {
      await listener.end();
    }
  });
});
