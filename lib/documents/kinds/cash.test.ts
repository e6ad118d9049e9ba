import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cashDesks, documents, interestEvents, interests, partners, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { checkLedger, rebuildBalances } from '@/lib/ledger/check';
import { loadOrderFacts } from '@/lib/sales/order-facts';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { changeDocumentStatus } from '../posting';
import { saveDocument } from '../save-document';

const test = isolatedDatabase({ connections: 30 });
let f: Awaited<ReturnType<typeof salesFixtures>>;
let desk: number;
let other: number;
let employee: number;

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const rows = await test.db
    .insert(cashDesks)
    .values([{ name: 'Основная касса' }, { name: 'Касса магазина' }])
    .returning();
  [desk, other] = rows.map((r) => r.id) as [number, number];
  const [user] = await test.db
    .insert(users)
    .values({ email: 'driver@test', name: 'Пётр Водитель', role: 'manager', passwordHash: '-' })
    .returning();
  employee = user!.id;
});

const deskBalance = async (id: number) => {
  const [row] = (await test.db.execute(
    sql`select coalesce(sum(amount), 0)::text as amount from cash_balances where cash_desk_id = ${id}`,
  )) as unknown as { amount: string }[];
  return Number(row!.amount);
};
const settlement = async (table: 'client' | 'supplier', partnerId: number) => {
  const [row] = (await test.db.execute(
    sql`select coalesce(sum(amount), 0)::text as amount from ${sql.raw(`${table}_settlement_balances`)}
        where partner_id = ${partnerId}`,
  )) as unknown as { amount: string }[];
  return Number(row!.amount);
};

async function postedOrder(amount: string, interestId: number | null = null) {
  const saved = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-20T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      interestId,
      paymentDueDate: '2026-12-20',
      lines: [{ productId: f.products[1]!.id, quantity: '1', price: amount, action: 'none' }],
    },
    { id: f.manager.id, role: 'leader' },
    { post: true },
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  return saved.id;
}

const receipt = (amount: string, allocations: { orderId: number; amount: string }[], cashDeskId = desk) =>
  saveDocument(
    test.db,
    'cash_receipt',
    null,
    { date: '2026-11-21T10:00:00Z', partnerId: f.client.id, cashDeskId, amount, allocations },
    null,
    { post: true },
  );

const payment = (amount: string, over: Record<string, unknown> = {}) =>
  saveDocument(
    test.db,
    'cash_payment',
    null,
    {
      date: '2026-11-22T10:00:00Z',
      cashDeskId: desk,
      paymentKind: 'supplier',
      partnerId: f.supplier.id,
      amount,
      ...over,
    },
    null,
    { post: true },
  );

describe('cash receipt order (ПКО)', () => {
  it('pays an order exactly like a bank receipt: cash desk up, the order paid, the rest an advance', async () => {
    const order = await postedOrder('5000');
    const before = await deskBalance(desk);
    const saved = await receipt('6000', [{ orderId: order, amount: '5000' }]);
    expect(saved.ok).toBe(true);
    expect(await deskBalance(desk)).toBe(before + 6000);
    expect((await loadOrderFacts(test.db, [order])).get(order)!.paid).toBe('5000.00');
    const [advance] = (await test.db.execute(
      sql`select amount::text from client_settlement_balances where partner_id = ${f.client.id} and order_id = 0`,
    )) as unknown as { amount: string }[];
    expect(advance!.amount).toBe('-1000.00');
    // The bank account is untouched: the money is in the cash desk.
    const [bank] = (await test.db.execute(
      sql`select count(*)::int as n from cash_movements where document_id = ${saved.ok ? saved.id : 0} and bank_account_id <> 0`,
    )) as unknown as { n: number }[];
    expect(bank!.n).toBe(0);
  });

  it('refuses paying an order beyond what it costs, like the bank receipt', async () => {
    const order = await postedOrder('2500');
    const saved = await receipt('3000', [{ orderId: order, amount: '3000' }]);
    expect(saved).toEqual({ ok: false, errors: { 'allocations.0.amount': 'allocation_above_debt:2500.00' } });
  });

  it('re-posts after an edit, unposts and is marked for deletion with exact balances', async () => {
    const start = await deskBalance(other);
    const saved = await receipt('300', [], other);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const [row] = await test.db.select().from(documents).where(eq(documents.id, saved.id));
    const edited = await saveDocument(
      test.db,
      'cash_receipt',
      saved.id,
      {
        date: '2026-11-21T10:00:00Z',
        partnerId: f.client.id,
        cashDeskId: other,
        amount: '450',
        version: row!.version,
      },
      null,
    );
    expect(edited.ok).toBe(true);
    expect(await deskBalance(other)).toBe(start + 450);
    expect((await changeDocumentStatus(test.db, saved.id, 'unpost', null)).ok).toBe(true);
    expect(await deskBalance(other)).toBe(start);
    expect((await changeDocumentStatus(test.db, saved.id, 'post', null)).ok).toBe(true);
    expect(await deskBalance(other)).toBe(start + 450);
    expect((await changeDocumentStatus(test.db, saved.id, 'mark_deleted', null)).ok).toBe(true);
    expect(await deskBalance(other)).toBe(start);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('moves the interest to «Отгрузка в процессе контроля», and back when unposted', async () => {
    const [interest] = await test.db
      .insert(interests)
      .values({ title: 'Кондиционер за наличные', partnerId: f.client.id, responsibleId: f.manager.id })
      .returning();
    const order = await postedOrder('2000', interest!.id);
    await runJobsUntilIdle(test.db, jobHandlers);
    const stateOf = async () =>
      (await test.db.select({ s: interests.state }).from(interests).where(eq(interests.id, interest!.id)))[0]!
        .s;
    expect(await stateOf()).toBe('awaiting_payment');
    const paid = await receipt('2000', [{ orderId: order, amount: '2000' }]);
    if (!paid.ok) throw new Error(JSON.stringify(paid));
    await runJobsUntilIdle(test.db, jobHandlers);
    expect(await stateOf()).toBe('shipment_control');
    const [event] = await test.db
      .select({ code: interestEvents.causeCode, params: interestEvents.causeParams })
      .from(interestEvents)
      .where(and(eq(interestEvents.interestId, interest!.id), eq(interestEvents.toValue, 'shipment_control')))
      .orderBy(asc(interestEvents.id));
    expect(event?.code).toBe('payment_received');
    expect((await changeDocumentStatus(test.db, paid.id, 'unpost', null)).ok).toBe(true);
    await runJobsUntilIdle(test.db, jobHandlers);
    expect(await stateOf()).toBe('awaiting_payment');
  });
});

describe('cash payment order (РКО)', () => {
  it('pays a supplier, refunds a client and advances an employee out of the cash desk', async () => {
    await receipt('10000', []);
    const cash = await deskBalance(desk);
    const supplierDebt = await settlement('supplier', f.supplier.id);
    const clientDebt = await settlement('client', f.client.id);
    expect((await payment('1200')).ok).toBe(true);
    expect(await settlement('supplier', f.supplier.id)).toBe(supplierDebt - 1200);
    expect((await payment('300', { paymentKind: 'client_refund', partnerId: f.client.id })).ok).toBe(true);
    expect(await settlement('client', f.client.id)).toBe(clientDebt + 300);
    const advance = await payment('500', {
      paymentKind: 'employee_advance',
      partnerId: f.client.id,
      employeeId: employee,
    });
    if (!advance.ok) throw new Error(JSON.stringify(advance));
    const [row] = await test.db.select().from(documents).where(eq(documents.id, advance.id));
    // An advance has no partner: the one typed before the operation was chosen is dropped.
    expect([row!.partnerId, row!.employeeId]).toEqual([null, employee]);
    expect(await deskBalance(desk)).toBe(cash - 2000);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('asks for the partner the operation needs, and for the employee of an advance', async () => {
    expect(await payment('10', { partnerId: '' })).toEqual({ ok: false, errors: { partnerId: 'required' } });
    expect(await payment('10', { paymentKind: 'employee_advance' })).toEqual({
      ok: false,
      errors: { employeeId: 'required' },
    });
    expect(await payment('10', { partnerId: f.client.id })).toEqual({
      ok: false,
      errors: { partnerId: 'supplier_required' },
    });
    const [supplierOnly] = await test.db
      .insert(partners)
      .values({ name: 'Только поставщик', isClient: false, isSupplier: true })
      .returning();
    expect(await payment('10', { paymentKind: 'client_refund', partnerId: supplierOnly!.id })).toEqual({
      ok: false,
      errors: { partnerId: 'client_required' },
    });
  });

  it('never takes a cash desk below zero, and says how much it holds', async () => {
    const cash = await deskBalance(desk);
    const refused = await payment(String(cash + 0.01));
    expect(refused).toMatchObject({
      ok: false,
      errors: { _form: 'not_posted_cash_shortage' },
      cashShortages: [{ cashDeskId: desk, cashDesk: 'Основная касса', available: cash.toFixed(2) }],
    });
    expect(await deskBalance(desk)).toBe(cash);
    // Nothing half-saved: the refused document is not there.
    const [count] = (await test.db.execute(
      sql`select count(*)::int as n from documents where kind = 'cash_payment' and amount = ${String(cash + 0.01)}`,
    )) as unknown as { n: number }[];
    expect(count!.n).toBe(0);
  });

  it('unposting a receipt the desk has already paid out is refused the same way', async () => {
    const start = await deskBalance(other);
    const inflow = await receipt('100', [], other);
    if (!inflow.ok) throw new Error(JSON.stringify(inflow));
    expect((await payment(String(start + 100), { cashDeskId: other })).ok).toBe(true);
    expect(await changeDocumentStatus(test.db, inflow.id, 'unpost', null)).toMatchObject({
      ok: false,
      errors: { _form: 'not_posted_cash_shortage' },
    });
    expect(await deskBalance(other)).toBe(0);
  });

  it('30 concurrent payments of 100 from a desk holding 1 000: exactly 10 go through', async () => {
    const [fresh] = await test.db.insert(cashDesks).values({ name: 'Касса для гонки' }).returning();
    expect((await receipt('1000', [], fresh!.id)).ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => payment('100', { cashDeskId: fresh!.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.errors._form === 'not_posted_cash_shortage')).toHaveLength(20);
    expect(await deskBalance(fresh!.id)).toBe(0);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a rebuild from movements gives the same cash balances and daily turnovers', async () => {
    const snapshot = () =>
      test.db.execute(sql`
        select 'b' r, bank_account_id a, cash_desk_id b, null::date d, amount::text x, null y from cash_balances
          where amount <> 0
        union all select 't', bank_account_id, cash_desk_id, day, receipt::text, expense::text from cash_daily_turnovers
          where receipt <> 0 or expense <> 0
        order by 1, 2, 3, 4`);
    const before = await snapshot();
    await rebuildBalances(test.db);
    expect(await snapshot()).toEqual(before);
  });
});

describe('opening cash', () => {
  it('is put on a bank account or into a cash desk, exactly one of them; unposted with exact balances', async () => {
    const opening = (place: { bankAccountId?: number; cashDeskId?: number }) =>
      saveDocument(
        test.db,
        'opening_cash',
        null,
        { date: '2026-01-01T12:00:00Z', amount: '1500', ...place },
        null,
        {
          post: true,
        },
      );
    const before = await deskBalance(other);
    const saved = await opening({ cashDeskId: other });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    expect(await deskBalance(other)).toBe(before + 1500);
    const [row] = (await test.db.execute(
      sql`select bank_account_id, cash_desk_id, amount::text from cash_movements where document_id = ${saved.id}`,
    )) as unknown as { bank_account_id: number; cash_desk_id: number; amount: string }[];
    expect(row).toEqual({ bank_account_id: 0, cash_desk_id: other, amount: '1500.00' });

    for (const place of [{}, { bankAccountId: f.account.id, cashDeskId: other }])
      expect(await opening(place)).toEqual({ ok: false, errors: { bankAccountId: 'account_or_cash_desk' } });
    expect((await opening({ bankAccountId: f.account.id })).ok).toBe(true);

    expect((await changeDocumentStatus(test.db, saved.id, 'unpost', null)).ok).toBe(true);
    expect(await deskBalance(other)).toBe(before);
    expect(await checkLedger(test.db)).toEqual([]);
  });
});

describe('references to what is not there', () => {
  it('a cash desk, an employee or an order that does not exist is refused at its field, and nothing is written', async () => {
    const count = async () =>
      (await test.db.execute(sql`select count(*)::int as n from documents`))[0] as { n: number };
    const before = await count();
    const post = (kind: 'cash_receipt' | 'cash_payment', input: Record<string, unknown>) =>
      saveDocument(test.db, kind, null, { date: '2026-12-02T10:00:00Z', amount: '10', ...input }, null, {
        post: true,
      });
    expect(await post('cash_receipt', { partnerId: f.client.id, cashDeskId: 2_000_000_000 })).toEqual({
      ok: false,
      errors: { cashDeskId: 'not_found' },
    });
    expect(
      await post('cash_payment', {
        paymentKind: 'employee_advance',
        cashDeskId: desk,
        employeeId: 2_000_000_000,
      }),
    ).toEqual({ ok: false, errors: { employeeId: 'not_found' } });
    expect(
      await post('cash_receipt', {
        partnerId: f.client.id,
        cashDeskId: desk,
        allocations: [{ orderId: 2_000_000_000, amount: '10' }],
      }),
    ).toEqual({ ok: false, errors: { allocations: 'not_found' } });
    expect(await count()).toEqual(before);
  });
});
