import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, interestEvents, interestLines, interests, jobs, products } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { translator } from '@/lib/i18n/translate';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { type InterestFacts, interestStateFor } from './interest-automation';
import { changeInterestState } from './interest-state';
import { type StateCause, stateCauseText } from './state-cause';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  await test.db.update(products).set({ giftable: true }).where(eq(products.id, f.products[0]!.id));
});

const facts = (over: Partial<InterestFacts>): InterestFacts => ({
  state: 'new',
  lineCount: 0,
  sentOffer: null,
  orders: [],
  lastPayment: null,
  ...over,
});

describe('the state function', () => {
  it('follows docs/domain.md from the facts', () => {
    expect(interestStateFor(facts({}))).toBe('new');
    expect(interestStateFor(facts({ lineCount: 2 }))).toBe('consultation');
    expect(interestStateFor(facts({ lineCount: 2, sentOffer: { number: '1' } }))).toBe('offer_sent');
    const order = { number: '1', paid: '0.00', done: false };
    expect(interestStateFor(facts({ orders: [order] }))).toBe('awaiting_payment');
    expect(interestStateFor(facts({ orders: [{ ...order, paid: '10.00' }] }))).toBe('shipment_control');
    expect(interestStateFor(facts({ orders: [{ ...order, paid: '10.00', done: true }] }))).toBe('won');
    expect(interestStateFor(facts({ orders: [{ ...order, done: true }, order] }))).toBe('awaiting_payment');
    expect(interestStateFor(facts({ state: 'lost', orders: [{ ...order, done: true }] }))).toBe('lost');
  });
});

const drain = () => runJobsUntilIdle(test.db, jobHandlers);
const stateOf = async (id: number) =>
  (await test.db.select({ s: interests.state }).from(interests).where(eq(interests.id, id)))[0]!.s;
const events = (id: number) =>
  test.db
    .select({
      to: interestEvents.toValue,
      code: interestEvents.causeCode,
      params: interestEvents.causeParams,
      userId: interestEvents.userId,
    })
    .from(interestEvents)
    .where(and(eq(interestEvents.interestId, id), eq(interestEvents.kind, 'state')))
    .orderBy(asc(interestEvents.id));

describe('the interest follows its documents', () => {
  it('walks the walkthrough forward, and back when a payment is unposted', async () => {
    const [interest] = await test.db
      .insert(interests)
      .values({ title: 'Кондиционеры в офис', partnerId: f.client.id, responsibleId: f.manager.id })
      .returning();
    const id = interest!.id;
    const conditioner = f.products[1]!.id;
    const juicer = f.products[0]!.id;

    await test.db
      .insert(interestLines)
      .values({ interestId: id, lineNo: 1, productId: conditioner, quantity: '2' });
    expect(
      await test.db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `interest:${id}`)),
    ).toHaveLength(1);
    await drain();
    expect(await stateOf(id)).toBe('consultation');

    const offer = await saveDocument(
      test.db,
      'commercial_offer',
      null,
      {
        date: '2026-11-27T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        interestId: id,
        manualDiscountPercent: '5',
        lines: [
          { productId: conditioner, quantity: '2', price: '6750' },
          { productId: juicer, quantity: '1', price: '0', gift: true },
        ],
      },
      f.manager,
    );
    const offerId = offer.ok ? offer.id : 0;
    await drain();
    expect(await stateOf(id)).toBe('consultation');
    await test.db.update(documents).set({ offerStatus: 'sent' }).where(eq(documents.id, offerId));
    await drain();
    expect(await stateOf(id)).toBe('offer_sent');

    const [offerRow] = await test.db.select().from(documents).where(eq(documents.id, offerId));
    const order = await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-27T11:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        basedOnId: offerId,
        manualDiscountPercent: '5',
        lines: [
          { productId: conditioner, quantity: '2', price: '6750' },
          { productId: juicer, quantity: '1', price: '0', gift: true },
        ],
      },
      f.manager,
      { post: true },
    );
    const orderId = order.ok ? order.id : 0;
    expect(offerRow!.amount).toBe('12825.00');
    await drain();
    expect(await stateOf(id)).toBe('awaiting_payment');

    const receipt = await saveDocument(
      test.db,
      'bank_receipt',
      null,
      {
        date: '2026-11-27T15:00:00Z',
        partnerId: f.client.id,
        bankAccountId: f.account.id,
        amount: '12825.00',
        externalNumber: '318',
        allocations: [{ orderId, amount: '12825.00' }],
      },
      f.manager,
      { post: true },
    );
    const receiptId = receipt.ok ? receipt.id : 0;
    await drain();
    expect(await stateOf(id)).toBe('shipment_control');
    const [receiptRow] = await test.db.select().from(documents).where(eq(documents.id, receiptId));

    await changeDocumentStatus(test.db, receiptId, 'unpost', f.manager);
    await drain();
    expect(await stateOf(id)).toBe('awaiting_payment');
    await changeDocumentStatus(test.db, receiptId, 'post', f.manager);
    await drain();
    expect(await stateOf(id)).toBe('shipment_control');

    const sale = await saveDocument(
      test.db,
      'sales',
      null,
      {
        date: '2026-11-28T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        basedOnId: orderId,
        lines: [
          { productId: conditioner, quantity: '2' },
          { productId: juicer, quantity: '1' },
        ],
      },
      f.manager,
      { post: true },
    );
    expect(sale.ok).toBe(true);
    await drain();
    expect(await stateOf(id)).toBe('won');
    // Nothing left to do: a second round changes nothing and writes nothing.
    await test.db.execute(sql`select enqueue_interest_recompute(${id})`);
    await drain();

    const history = await events(id);
    expect(history.map((e) => e.to)).toEqual([
      'consultation',
      'offer_sent',
      'awaiting_payment',
      'shipment_control',
      'awaiting_payment',
      'shipment_control',
      'won',
    ]);
    expect(history.every((e) => e.userId === null)).toBe(true);
    expect(history[3]).toMatchObject({
      code: 'payment_received',
      params: { amount: '12825.00', number: receiptRow!.number },
    });
    expect(history[4]).toMatchObject({ code: 'undone_shipment_control', params: null });
    // Each reader reads it in their own language.
    const cause = { code: history[3]!.code!, params: history[3]!.params } as StateCause;
    expect(stateCauseText(translator('ru'), 'ru', cause).replace(/\s/g, ' ')).toBe(
      `Поступила оплата 12 825,00 ₽, поступление № ${receiptRow!.number}`,
    );
    expect(stateCauseText(translator('en'), 'en', cause).replace(/\s/g, ' ')).toBe(
      `Payment of RUB 12,825.00 received, receipt № ${receiptRow!.number}`,
    );
    expect(await test.db.select().from(jobs)).toEqual([]);
  });

  it('leaves a lost interest alone until it is reopened', async () => {
    const [interest] = await test.db
      .insert(interests)
      .values({ title: 'Вентиляторы', partnerId: f.client.id, responsibleId: f.manager.id })
      .returning();
    const id = interest!.id;
    const [reason] = (await test.db.execute(
      sql`insert into loss_reasons (name) values ('Дорого') returning id`,
    )) as unknown as { id: number }[];
    await changeInterestState(test.db, id, 'lost', { by: null, lossReasonId: reason!.id });
    await test.db
      .insert(interestLines)
      .values({ interestId: id, lineNo: 1, productId: f.products[2]!.id, quantity: '1' });
    await drain();
    expect(await stateOf(id)).toBe('lost');
    await changeInterestState(test.db, id, 'new', { by: null });
    await drain();
    expect(await stateOf(id)).toBe('consultation');
  });
});
