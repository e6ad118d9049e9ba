import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  contactPersons,
  documents,
  interestLines,
  interests,
  prices,
  priceTypes,
  warehouses,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { type DocumentDraft, draftFromDocument, draftFromInterest } from './based-on';
import { salesFixtures } from './test-fixtures';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let interestId = 0;
let contactId = 0;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const [contact] = await test.db
    .insert(contactPersons)
    .values({ partnerId: f.client.id, name: 'Алексей Кузнецов' })
    .returning();
  contactId = contact!.id;
  const [interest] = await test.db
    .insert(interests)
    .values({
      title: 'Кондиционеры',
      partnerId: f.client.id,
      contactId,
      responsibleId: f.manager.id,
      priceTypeId: f.retail.id,
      prepaymentPercent: '50.00',
    })
    .returning();
  interestId = interest!.id;
  await test.db.insert(interestLines).values([
    { interestId, lineNo: 1, productId: f.products[1]!.id, quantity: '2', price: '2000', amount: '4000' },
    { interestId, lineNo: 2, productId: f.products[2]!.id, quantity: '1', price: '3000', amount: '3000' },
  ]);
});

/** A draft as the form sends it back (empty fields left out), with what the user adds. */
const input = (draft: DocumentDraft, extra: Record<string, unknown> = {}) =>
  JSON.parse(
    JSON.stringify(
      { ...draft, date: '2026-11-20T10:00:00Z', warehouseId: draft.warehouseId ?? f.main.id, ...extra },
      (_, v) => (v === null ? undefined : v),
    ),
  );

async function save(kind: Parameters<typeof saveDocument>[1], values: unknown, post = false) {
  const result = await saveDocument(test.db, kind, null, values, f.manager, { post });
  if (!result.ok) throw new Error(`${kind} refused: ${JSON.stringify(result)}`);
  return result.id;
}

const quantities = (draft: DocumentDraft | null) =>
  draft?.lines.map((l) => [l.productId, l.quantity, l.price, l.gift, l.action]);

describe('draftFromInterest', () => {
  it("makes an offer of the interest's client, contact, price type and lines", async () => {
    const draft = await draftFromInterest(test.db, interestId, 'commercial_offer');
    expect(draft).toMatchObject({
      partnerId: f.client.id,
      partner: 'Климат-Сервис',
      contactId,
      priceTypeId: f.retail.id,
      prepaymentPercent: null,
      basedOnId: null,
      interestId,
    });
    expect(quantities(draft)).toEqual([
      [f.products[1]!.id, '2.000', '2000.00', false, null],
      [f.products[2]!.id, '1.000', '3000.00', false, null],
    ]);
  });

  it('makes an order with the prepayment terms and every line reserved', async () => {
    const draft = await draftFromInterest(test.db, interestId, 'customer_order');
    expect(draft?.prepaymentPercent).toBe('50.00');
    expect(draft?.lines.map((l) => l.action)).toEqual(['reserve', 'reserve']);
  });

  it('takes the main warehouse, the main sale price type when the interest has none, and its prices for lines without one', async () => {
    expect((await draftFromInterest(test.db, interestId, 'commercial_offer'))?.warehouseId).toBeNull();
    const [wholesale] = await test.db
      .insert(priceTypes)
      .values({ name: 'Оптовая', purpose: 'sale', main: true })
      .returning();
    await test.db.update(warehouses).set({ main: true }).where(eq(warehouses.id, f.main.id));
    const [bare] = await test.db
      .insert(interests)
      .values({ title: 'Без вида цен', partnerId: f.client.id, responsibleId: f.manager.id })
      .returning();
    await test.db.insert(prices).values({
      productId: f.products[1]!.id,
      priceTypeId: wholesale!.id,
      validFrom: '2026-01-01',
      price: '1800.00',
    });
    await test.db.insert(interestLines).values([
      {
        interestId: bare!.id,
        lineNo: 1,
        productId: f.products[1]!.id,
        quantity: '1',
        price: '0',
        amount: '0',
      },
      {
        interestId: bare!.id,
        lineNo: 2,
        productId: f.products[2]!.id,
        quantity: '1',
        price: '0',
        amount: '0',
      },
      {
        interestId: bare!.id,
        lineNo: 3,
        productId: f.products[1]!.id,
        quantity: '1',
        price: '1500',
        amount: '1500',
      },
    ]);
    try {
      const draft = await draftFromInterest(test.db, interestId, 'commercial_offer');
      expect(draft).toMatchObject({ warehouseId: f.main.id, priceTypeId: f.retail.id });
      const fromBare = await draftFromInterest(test.db, bare!.id, 'customer_order');
      expect(fromBare).toMatchObject({ warehouseId: f.main.id, priceTypeId: wholesale!.id });
      // No wholesale price for the second product: its zero stays, for the user to see and fill in.
      expect(fromBare?.lines.map((l) => l.price)).toEqual(['1800.00', '0.00', '1500.00']);
    } finally {
      await test.db.update(warehouses).set({ main: false });
      await test.db.update(priceTypes).set({ main: false });
    }
  });

  it('makes nothing of a missing interest or for another kind', async () => {
    expect(await draftFromInterest(test.db, interestId + 1000, 'commercial_offer')).toBeNull();
    expect(await draftFromInterest(test.db, interestId, 'sales')).toBeNull();
  });
});

describe('draftFromDocument: the chain offer → order → sales and payment', () => {
  let offerId = 0;
  let orderId = 0;

  beforeAll(async () => {
    const draft = (await draftFromInterest(test.db, interestId, 'commercial_offer'))!;
    offerId = await save(
      'commercial_offer',
      input(draft, {
        manualDiscountPercent: '5',
        lines: [...draft.lines, { productId: f.gift.id, quantity: '1', gift: true }],
      }),
    );
  });

  it('copies an offer into an order: lines, the gift and the manual discount, so the amounts are the same', async () => {
    const draft = await draftFromDocument(test.db, offerId, 'customer_order');
    expect(draft).toMatchObject({
      partnerId: f.client.id,
      contactId,
      priceTypeId: f.retail.id,
      warehouseId: f.main.id,
      manualDiscountPercent: '5.00',
      prepaymentPercent: '50.00',
      basedOnId: offerId,
      interestId,
    });
    expect(quantities(draft)).toEqual([
      [f.products[1]!.id, '2.000', '2000.00', false, 'reserve'],
      [f.products[2]!.id, '1.000', '3000.00', false, 'reserve'],
      [f.gift.id, '1.000', '0.00', true, 'reserve'],
    ]);
    orderId = await save('customer_order', input(draft!), true);
    const amounts = await test.db
      .select({ id: documents.id, amount: documents.amount, discount: documents.discountAmount })
      .from(documents)
      .where(eq(documents.partnerId, f.client.id));
    expect(amounts.find((d) => d.id === orderId)).toEqual({
      id: orderId,
      amount: '6650.00',
      discount: '350.00',
    });
    expect(amounts.find((d) => d.id === offerId)?.amount).toBe('6650.00');
  });

  it('ships what is left of the order, from its warehouse', async () => {
    const full = await draftFromDocument(test.db, orderId, 'sales');
    expect(full).toMatchObject({ basedOnId: orderId, warehouseId: f.main.id, interestId });
    expect(quantities(full)).toEqual([
      [f.products[1]!.id, '2.000', '2000.00', false, null],
      [f.products[2]!.id, '1.000', '3000.00', false, null],
      [f.gift.id, '1.000', '0.00', true, null],
    ]);
    await save('sales', input(full!, { lines: [{ ...full!.lines[0]!, quantity: '1' }] }), true);
    const rest = await draftFromDocument(test.db, orderId, 'sales');
    expect(quantities(rest)).toEqual([
      [f.products[1]!.id, '1.000', '2000.00', false, null],
      [f.products[2]!.id, '1.000', '3000.00', false, null],
      [f.gift.id, '1.000', '0.00', true, null],
    ]);
    // One more than is left is refused at the line; what is left ships, and then nothing is.
    const over = { ...rest!.lines[0]!, quantity: '2' };
    expect(
      await saveDocument(test.db, 'sales', null, input(rest!, { lines: [over] }), f.manager, {
        post: true,
      }),
    ).toEqual({ ok: false, errors: { 'lines.0.quantity': 'ship_above_order:1' } });
    await save('sales', input(rest!), true);
    expect(quantities(await draftFromDocument(test.db, orderId, 'sales'))).toEqual([]);
  });

  it('asks for what is left to pay on the order and allocates it there', async () => {
    const full = await draftFromDocument(test.db, orderId, 'bank_receipt');
    expect(full).toMatchObject({
      partnerId: f.client.id,
      amount: '6650.00',
      allocations: [{ orderId, amount: '6650.00' }],
      basedOnId: orderId,
      lines: [],
    });
    await save(
      'bank_receipt',
      input(full!, {
        bankAccountId: f.account.id,
        amount: '3325',
        allocations: [{ orderId, amount: '3325' }],
      }),
      true,
    );
    expect(await draftFromDocument(test.db, orderId, 'bank_receipt')).toMatchObject({
      amount: '3325.00',
      allocations: [{ orderId, amount: '3325.00' }],
    });
  });

  it('makes nothing of a pair outside the chain or of a document marked for deletion', async () => {
    expect(await draftFromDocument(test.db, offerId, 'sales')).toBeNull();
    expect(await draftFromDocument(test.db, orderId, 'customer_order')).toBeNull();
    expect(await draftFromDocument(test.db, offerId + 1000, 'customer_order')).toBeNull();
    await test.db.update(documents).set({ status: 'deleted' }).where(eq(documents.id, offerId));
    expect(await draftFromDocument(test.db, offerId, 'customer_order')).toBeNull();
  });
});
