import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, documents } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { manualOfferStatuses, setOfferStatus } from './offer-status';
import { salesFixtures } from './test-fixtures';

const test = isolatedDatabase();
const refused = { ok: false, errors: { _form: 'offer_status' } };
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
});

async function newOffer() {
  const result = await saveDocument(
    test.db,
    'commercial_offer',
    null,
    {
      date: '2026-11-20T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      lines: [{ productId: f.products[1]!.id, quantity: '1', price: '2000' }],
    },
    f.manager,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

const statusOf = async (id: number) =>
  (await test.db.select({ s: documents.offerStatus }).from(documents).where(eq(documents.id, id)))[0]?.s;
const auditOf = (id: number) =>
  test.db
    .select({ userId: auditLog.userId, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'offer_status')));

describe('setOfferStatus', () => {
  it('takes a new offer through sent to accepted, one audit row per change', async () => {
    const id = await newOffer();
    expect(await statusOf(id)).toBe('draft');
    expect(await setOfferStatus(test.db, id, 'sent', f.manager)).toEqual({ ok: true, changed: true });
    expect(await setOfferStatus(test.db, id, 'sent', f.manager)).toEqual({ ok: true, changed: false });
    expect(await setOfferStatus(test.db, id, 'accepted', f.manager)).toEqual({ ok: true, changed: true });
    expect(await statusOf(id)).toBe('accepted');
    expect(await auditOf(id)).toEqual([
      { userId: f.manager.id, data: { from: 'draft', to: 'sent' } },
      { userId: f.manager.id, data: { from: 'sent', to: 'accepted' } },
    ]);
  });

  it('refuses a move the status does not allow and changes nothing', async () => {
    const id = await newOffer();
    await setOfferStatus(test.db, id, 'rejected', f.manager);
    expect(await setOfferStatus(test.db, id, 'accepted', f.manager)).toEqual(refused);
    expect(await statusOf(id)).toBe('rejected');
    // A rejected offer may be sent again (with new terms); the job expires a sent one.
    await setOfferStatus(test.db, id, 'sent', f.manager);
    expect(await setOfferStatus(test.db, id, 'expired', null)).toEqual({ ok: true, changed: true });
    expect(await auditOf(id)).toHaveLength(3);
  });

  it('refuses an offer marked for deletion and anything that is not an offer', async () => {
    const id = await newOffer();
    expect((await changeDocumentStatus(test.db, id, 'mark_deleted', f.manager)).ok).toBe(true);
    expect(await setOfferStatus(test.db, id, 'sent', f.manager)).toEqual(refused);
    expect(await statusOf(id)).toBe('draft');
    const [receipt] = await test.db
      .select({ id: documents.id })
      .from(documents)
      .where(eq(documents.kind, 'goods_receipt'));
    expect(await setOfferStatus(test.db, receipt!.id, 'sent', null)).toEqual({
      ok: false,
      errors: { _form: 'not_found' },
    });
  });

  it('offers the manager only the moves a person makes (expiry is the scheduled job’s)', () => {
    expect(manualOfferStatuses('draft')).toEqual(['sent', 'accepted', 'rejected']);
    expect(manualOfferStatuses('sent')).toEqual(['accepted', 'rejected']);
    expect(manualOfferStatuses('expired')).toEqual(['sent']);
  });
});

describe('an order made from an offer', () => {
  const orderFrom = (offerId: number) =>
    saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-21T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        basedOnId: offerId,
        lines: [{ productId: f.products[1]!.id, quantity: '1', price: '2000', action: 'reserve' }],
      },
      f.manager,
    );

  it('marks a sent offer accepted, with its audit row naming the order', async () => {
    const offer = await newOffer();
    await setOfferStatus(test.db, offer, 'sent', f.manager);
    const order = await orderFrom(offer);
    expect(order.ok).toBe(true);
    expect(await statusOf(offer)).toBe('accepted');
    expect((await auditOf(offer)).at(-1)).toEqual({
      userId: f.manager.id,
      data: { to: 'accepted', order: order.ok ? order.id : 0 },
    });
  });

  it('leaves a rejected offer rejected: the client took another way', async () => {
    const offer = await newOffer();
    await setOfferStatus(test.db, offer, 'rejected', f.manager);
    expect((await orderFrom(offer)).ok).toBe(true);
    expect(await statusOf(offer)).toBe('rejected');
  });
});
