import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '@/db/client';
import { bankPayments, documents } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { checkLedger } from '@/lib/ledger/check';
import { leftToPay, loadSupplierOrderFacts } from '@/lib/purchases/supplier-orders';
import { loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { StatementFormatError } from './client-bank-exchange';
import {
  importStatement,
  orderNumbersIn,
  postPayment,
  previewStatement,
  unmatchedPayments,
} from './import-statement';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let order: number;
const walkthrough = readFileSync(new URL('./fixtures/walkthrough-statement.txt', import.meta.url));

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const saved = await saveDocument(
    test.db,
    'customer_order',
    null,
    {
      date: '2026-11-27T10:00:00Z',
      partnerId: f.client.id,
      warehouseId: f.main.id,
      lines: [{ productId: f.products[1]!.id, quantity: '1', price: '12825' }],
    },
    f.manager,
    { post: true },
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  order = saved.id;
});

/** A statement of one payment to our account from a payer with no INN we know. */
const unknownPayer = (number: string, amount = '500.00', payerAccount = '40702810000000000777') =>
  Buffer.from(
    [
      '1CClientBankExchange',
      'ВерсияФормата=1.03',
      'Кодировка=Windows',
      'СекцияДокумент=Платежное поручение',
      `Номер=${number}`,
      'Дата=01.12.2026',
      `Сумма=${amount}`,
      `ПлательщикСчет=${payerAccount}`,
      'Плательщик1=ИП Неизвестный',
      'ПлательщикИНН=500100732259',
      'ПолучательСчет=40702810938000012345',
      'НазначениеПлатежа=Аванс',
      'КонецДокумента',
      'КонецФайла',
    ].join('\r\n'),
    'utf8',
  );

/** A payment section from the test client (by INN) to our account. */
const payment = (number: string, amount: string, purpose: string) => [
  'СекцияДокумент=Платежное поручение',
  `Номер=${number}`,
  'Дата=02.12.2026',
  `Сумма=${amount}`,
  'ПлательщикСчет=40702810000000000401',
  'ПлательщикИНН=7701234560',
  'Плательщик1=Климат-Сервис',
  'ПолучательСчет=40702810938000012345',
  `НазначениеПлатежа=${purpose}`,
  'КонецДокумента',
];
const statement = (sections: string[]) =>
  Buffer.from(['1CClientBankExchange', 'ВерсияФормата=1.03', ...sections, 'КонецФайла'].join('\r\n'), 'utf8');

const sumOf = async (table: 'cash_balances' | 'client_settlement_balances', where: SQL) => {
  const [row] = (await test.db.execute(
    sql`select coalesce(sum(amount), 0)::text as total from ${sql.raw(table)} where ${where}`,
  )) as unknown as [{ total: string }];
  return row.total;
};
/** Money on our bank account; what the client owes us (an advance is negative). */
const cash = () => sumOf('cash_balances', sql`true`);
const clientDebt = () => sumOf('client_settlement_balances', sql`partner_id = ${f.client.id}`);

describe('bank statement import', () => {
  it('finds order numbers the way payers write them', () => {
    expect(orderNumbersIn('Оплата по счёту № 000017 от 27.11.2026')).toEqual(['000017']);
    expect(orderNumbersIn('оплата заказа 17, сч.№ 18; N19')).toEqual(['000017', '000018', '000019']);
    expect(orderNumbersIn('Оплата за кондиционеры, НДС 22%')).toEqual([]);
    expect(orderNumbersIn('Счет 21, СЧ. № 22, счёта №  023, Заказу № 24, N 25, № №26')).toEqual([
      '000021',
      '000022',
      '000023',
      '000024',
      '000025',
      '000026',
    ]);
  });

  it('finds order numbers in a 1 MB hostile purpose (N and a million spaces) in under 100 ms', () => {
    const spaces = (n: number) => ' '.repeat(n);
    orderNumbersIn('N 1');
    for (const [purpose, numbers] of [
      [`N${spaces(1 << 20)}x`, []],
      [`№${spaces(1 << 19)}№${spaces(1 << 19)}x`, []],
      [`сч.${spaces(1 << 20)}17`, ['000017']],
    ] as const) {
      const started = performance.now();
      expect(orderNumbersIn(purpose)).toEqual(numbers);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it('matches the payment to the client by INN and to the order by the number in the purpose, and posts it', async () => {
    const [{ number }] = (await test.db
      .select({ number: documents.number })
      .from(documents)
      .where(eq(documents.id, order))) as [{ number: string }];
    expect(number).toBe('000001');
    const dry = await importStatement(test.db, walkthrough, { actor: f.manager, dryRun: true });
    // The client's payment in, and ours out to ТеплоХолод (by INN; no supplier order № 152: an advance).
    expect([dry.found, dry.matched, dry.posted, dry.duplicates, dry.unmatched]).toEqual([2, 2, 0, 0, 0]);
    expect([dry.incoming, dry.outgoing]).toEqual([1, 1]);
    expect(await test.db.select().from(bankPayments)).toEqual([]);

    const summary = await importStatement(test.db, walkthrough, {
      fileName: 'kl_to_1c.txt',
      actor: f.manager,
    });
    expect([summary.found, summary.matched, summary.posted, summary.duplicates, summary.unmatched]).toEqual([
      2, 2, 2, 0, 0,
    ]);
    const payment = summary.payments[0]!;
    expect(payment.partner).toMatchObject({ id: f.client.id, by: 'inn' });
    expect(payment.order).toMatchObject({ id: order, toPay: '12825.00' });
    const [receipt] = await test.db.select().from(documents).where(eq(documents.id, payment.receiptId!));
    expect(receipt).toMatchObject({
      kind: 'bank_receipt',
      status: 'posted',
      amount: '12825.00',
      basedOnId: order,
      externalNumber: '318',
    });
    const facts = (await loadOrderFacts(test.db, [order])).get(order)!;
    expect(orderSettlements(facts)).toMatchObject({ paid: '12825.00', toPay: '0.00' });
  });

  it('a re-imported statement creates no duplicates', async () => {
    const again = await importStatement(test.db, walkthrough, { actor: f.manager });
    expect([again.found, again.posted, again.duplicates]).toEqual([2, 0, 2]);
    expect(await test.db.select().from(bankPayments)).toHaveLength(2);
    expect(await test.db.select().from(documents).where(eq(documents.kind, 'bank_receipt'))).toHaveLength(1);
  });

  it('keeps an unknown payer for manual matching, and later payments from that account match by it', async () => {
    const first = await importStatement(test.db, unknownPayer('55'), { actor: f.manager });
    expect([first.found, first.unmatched, first.posted]).toEqual([1, 1, 0]);
    const [stored] = await unmatchedPayments(test.db);
    expect(stored).toMatchObject({ payerName: 'ИП Неизвестный', status: 'unmatched' });
    const posted = await postPayment(test.db, stored!.id, f.client.id, null, f.manager);
    const receiptId = posted.ok ? posted.receiptId : null;
    expect(
      (await test.db.select().from(bankPayments).where(eq(bankPayments.id, stored!.id)))[0],
    ).toMatchObject({
      status: 'posted',
      receiptId,
    });
    const second = await importStatement(test.db, unknownPayer('56'), { actor: f.manager });
    expect(second.payments[0]!.partner).toMatchObject({ id: f.client.id, by: 'account' });
    expect(second.posted).toBe(1);
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a payment matched by hand ten times at once posts one receipt: cash and the client debt move once', async () => {
    await importStatement(test.db, unknownPayer('77', '750.00', '40702810000000000778'), {
      actor: f.manager,
    });
    const [stored] = (await unmatchedPayments(test.db)).filter((p) => p.number === '77');
    const [cashBefore, debtBefore] = await Promise.all([cash(), clientDebt()]);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => postPayment(test.db, stored!.id, f.client.id, null, f.manager)),
    );
    const receipts = await test.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.kind, 'bank_receipt'), eq(documents.externalNumber, '77')));
    expect(receipts).toHaveLength(1);
    expect(results).toEqual(Array(10).fill({ ok: true, receiptId: receipts[0]!.id }));
    expect(new Decimal(await cash()).minus(cashBefore).toFixed(2)).toBe('750.00');
    expect(new Decimal(debtBefore).minus(await clientDebt()).toFixed(2)).toBe('750.00');
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a statement of 100 / 0.00 / 50 is refused whole at the 0.00 line and nothing is stored', async () => {
    const before = await test.db.select().from(bankPayments);
    const file = statement([
      ...payment('301', '100.00', 'Аванс'),
      ...payment('302', '0.00', 'Аванс'),
      ...payment('303', '50.00', 'Аванс'),
    ]);
    for (const dryRun of [true, false]) {
      await expect(importStatement(test.db, file, { actor: f.manager, dryRun })).rejects.toMatchObject({
        line: 16,
        reason: 'zero_amount',
      });
    }
    expect(await test.db.select().from(bankPayments)).toEqual(before);
  });

  it('a payment whose receipt is refused is reported with the reason while the others post; a re-import adds nothing', async () => {
    const saved = await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-28T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        orderStatus: 'not_agreed',
        lines: [{ productId: f.products[1]!.id, quantity: '1', price: '2000' }],
      },
      f.manager,
      { post: true },
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const [notAgreed] = await test.db.select().from(documents).where(eq(documents.id, saved.id));
    const file = statement([
      ...payment('401', '100.00', 'Аванс'),
      // An order not agreed yet takes no payment.
      ...payment('402', '1000.00', `Оплата по счёту № ${notAgreed!.number}`),
      // Fits numeric(15,2), but not a document's amount (12 digits).
      ...payment('403', '1234567890123.45', 'Аванс'),
      ...payment('404', '50.00', 'Аванс'),
    ]);
    const summary = await importStatement(test.db, file, { actor: f.manager });
    expect([summary.found, summary.matched, summary.posted, summary.refused]).toEqual([4, 4, 2, 2]);
    expect(summary.payments.map((p) => [p.payment.number, p.receiptId !== null, p.refusal])).toEqual([
      ['401', true, null],
      ['402', false, 'order_required'],
      ['403', false, 'money_invalid'],
      ['404', true, null],
    ]);
    const left = (await unmatchedPayments(test.db)).filter((p) => p.number.startsWith('40'));
    expect(left.map((p) => [p.number, p.refusal, p.partnerId])).toEqual([
      ['403', 'money_invalid', f.client.id],
      ['402', 'order_required', f.client.id],
    ]);

    const again = await importStatement(test.db, file, { actor: f.manager });
    expect([again.found, again.duplicates, again.posted, again.refused]).toEqual([4, 4, 0, 0]);

    // By hand, as an advance: it posts and the reason is gone.
    const posted = await postPayment(test.db, left[1]!.id, f.client.id, null, f.manager);
    expect(posted.ok).toBe(true);
    const [row] = await test.db.select().from(bankPayments).where(eq(bankPayments.id, left[1]!.id));
    expect(row).toMatchObject({ status: 'posted', refusal: null });
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('names the statement’s accounts that are not among the organization’s bank accounts', async () => {
    const foreign = '40702810000000009999';
    const withAccounts = (...accounts: string[]) =>
      Buffer.from(
        [
          '1CClientBankExchange',
          ...accounts.map((a) => `РасчСчет=${a}`),
          'СекцияРасчСчет',
          `РасчСчет=${foreign}`,
          'КонецРасчСчет',
          'СекцияДокумент=Платежное поручение',
          'Номер=501',
          'Дата=03.12.2026',
          'Сумма=700.00',
          'ПлательщикИНН=7701234560',
          `ПолучательСчет=${foreign}`,
          'КонецДокумента',
          'КонецФайла',
        ].join('\n'),
      );
    for (const dryRun of [true, false]) {
      const summary = await importStatement(test.db, withAccounts(), { actor: f.manager, dryRun });
      expect(summary).toMatchObject({ found: 0, foreignAccounts: [foreign] });
    }
    const mixed = await importStatement(test.db, withAccounts('40702810938000012345', foreign), {
      actor: f.manager,
      dryRun: true,
    });
    expect(mixed).toMatchObject({ found: 0, foreignAccounts: [foreign] });
    const ours = await importStatement(test.db, walkthrough, { actor: f.manager, dryRun: true });
    expect(ours).toMatchObject({ found: 2, foreignAccounts: [] });
  });

  it('a broken file is refused with its line number and nothing is stored', async () => {
    const before = (await test.db.select().from(bankPayments)).length;
    const broken = Buffer.from(
      '1CClientBankExchange\nСекцияДокумент=Платежное поручение\nНомер=1\nДата=01.12.2026\nСумма=12,5\nКонецДокумента\nКонецФайла',
      'utf8',
    );
    await expect(importStatement(test.db, broken, { actor: null })).rejects.toMatchObject({
      line: 5,
      reason: 'bad_amount',
    });
    await expect(importStatement(test.db, broken, { actor: null })).rejects.toBeInstanceOf(
      StatementFormatError,
    );
    expect(await test.db.select().from(bankPayments)).toHaveLength(before);
  });

  it('posts a payment from our account as a payment to the supplier (by INN), allocated to his order by its number', async () => {
    const saved = await saveDocument(
      test.db,
      'supplier_order',
      null,
      {
        date: '2026-12-01T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: f.products[2]!.id, quantity: '4', price: '1000.00', vatRate: '22' }],
      },
      null,
      { post: true },
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const [supplierOrder] = await test.db.select().from(documents).where(eq(documents.id, saved.id));
    const outgoing = (
      number: string,
      amount: string,
      purpose: string,
      inn: string | null,
      account: string,
    ) => [
      'СекцияДокумент=Платежное поручение',
      `Номер=${number}`,
      'Дата=04.12.2026',
      `Сумма=${amount}`,
      'ПлательщикСчет=40702810938000012345',
      'Плательщик1=ООО «Торг»',
      `ПолучательСчет=${account}`,
      ...(inn ? [`ПолучательИНН=${inn}`] : []),
      'Получатель1=ООО «ТеплоХолод Дистрибуция»',
      `НазначениеПлатежа=${purpose}`,
      'КонецДокумента',
    ];
    const cashBefore = await cash();
    const summary = await importStatement(
      test.db,
      statement([
        ...outgoing(
          '601',
          '5000.00',
          `Оплата по заказу № ${supplierOrder!.number}`,
          '5029876544',
          '40702810800000004321',
        ),
        // No INN, but the account ТеплоХолод was paid at before (the walkthrough's payment).
        ...outgoing('602', '300.00', 'Оплата', null, '40702810800000004321'),
        // Nobody we know: left for matching by hand.
        ...outgoing('603', '200.00', 'Оплата', null, '40702810000000000603'),
      ]),
      { actor: f.manager },
    );
    expect([summary.outgoing, summary.matched, summary.posted, summary.unmatched]).toEqual([3, 2, 2, 1]);
    expect(
      summary.payments.map((p) => [p.payment.number, p.partner?.by ?? null, p.order?.id ?? null]),
    ).toEqual([
      ['601', 'inn', saved.id],
      ['602', 'account', null],
      ['603', null, null],
    ]);
    const [payment] = await test.db
      .select()
      .from(documents)
      .where(eq(documents.id, summary.payments[0]!.receiptId!));
    expect(payment).toMatchObject({
      kind: 'bank_payment',
      paymentKind: 'supplier',
      status: 'posted',
      partnerId: f.supplier.id,
      amount: '5000.00',
      externalNumber: '601',
    });
    // 4 × 1 000 to the order, the rest an advance.
    const byOrder = (await test.db.execute(sql`
      select order_id as "orderId", amount::text from supplier_settlement_movements
      where document_id = ${payment!.id} order by order_id`)) as unknown as {
      orderId: number;
      amount: string;
    }[];
    expect(byOrder).toEqual([
      { orderId: 0, amount: '-1000.00' },
      { orderId: saved.id, amount: '-4000.00' },
    ]);
    expect(new Decimal(await cash()).minus(cashBefore).toFixed(2)).toBe('-5300.00');

    const [left] = (await unmatchedPayments(test.db)).filter((p) => p.number === '603');
    expect(left).toMatchObject({ outgoing: true, payerAccount: '40702810000000000603' });
    const byHand = await postPayment(test.db, left!.id, f.supplier.id, null, f.manager);
    expect(byHand.ok).toBe(true);
    expect(new Decimal(await cash()).minus(cashBefore).toFixed(2)).toBe('-5500.00');
    expect(await checkLedger(test.db)).toEqual([]);
  });

  it('a preview matches every payment to its own order with as many statements for 40 payments as for one', async () => {
    const saved = await saveDocument(
      test.db,
      'supplier_order',
      null,
      {
        date: '2026-12-02T10:00:00Z',
        partnerId: f.supplier.id,
        warehouseId: f.main.id,
        lines: [{ productId: f.products[2]!.id, quantity: '2', price: '700.00', vatRate: '22' }],
      },
      null,
      { post: true },
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const [ours, theirs] = await Promise.all(
      [order, saved.id].map(
        async (id) => (await test.db.select().from(documents).where(eq(documents.id, id)))[0]!,
      ),
    );
    const toSupplier = (number: string, purpose: string) => [
      'СекцияДокумент=Платежное поручение',
      `Номер=${number}`,
      'Дата=05.12.2026',
      'Сумма=100.00',
      'ПлательщикСчет=40702810938000012345',
      'ПолучательСчет=40702810800000004321',
      'ПолучательИНН=5029876544',
      `НазначениеПлатежа=${purpose}`,
      'КонецДокумента',
    ];
    // Orders of both kinds and partners in one statement: each payment finds its own.
    const sections = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        ...payment(`9${i}1`, '100.00', `Оплата по счёту № ${ours!.number}`),
        ...toSupplier(`9${i}2`, `Оплата по заказу № ${theirs!.number}`),
      ]).flat();
    /** test.db counting the statements started through it. */
    const counted = () => {
      let statements = 0;
      const db = new Proxy(test.db, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function' || !['select', 'selectDistinctOn', 'execute'].includes(String(key)))
            return value;
          return (...args: unknown[]) => {
            statements++;
            return value.apply(target, args);
          };
        },
      }) as DbOrTx;
      return { db, statements: () => statements };
    };
    const one = counted();
    await previewStatement(one.db, statement(sections(1)));
    const many = counted();
    const preview = await previewStatement(many.db, statement(sections(20)));
    expect(many.statements()).toBe(one.statements());

    const customerToPay = orderSettlements((await loadOrderFacts(test.db, [order])).get(order)!).toPay;
    const supplierToPay = leftToPay((await loadSupplierOrderFacts(test.db, [saved.id])).get(saved.id)!);
    expect(preview.payments).toHaveLength(40);
    for (const p of preview.payments)
      expect(p.order).toEqual(
        p.outgoing
          ? { id: saved.id, number: theirs!.number, toPay: supplierToPay }
          : { id: order, number: ours!.number, toPay: customerToPay },
      );
  });
});
