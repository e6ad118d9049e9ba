import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankPayments, documents } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { saveDocument } from '@/lib/documents/save-document';
import { checkLedger } from '@/lib/ledger/check';
import { loadOrderFacts, orderSettlements } from '@/lib/sales/order-facts';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { StatementFormatError } from './client-bank-exchange';
import { importStatement, orderNumbersIn, postPayment, unmatchedPayments } from './import-statement';

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

describe('bank statement import', () => {
  it('finds order numbers the way payers write them', () => {
    expect(orderNumbersIn('Оплата по счёту № 000017 от 27.11.2026')).toEqual(['000017']);
    expect(orderNumbersIn('оплата заказа 17, сч.№ 18; N19')).toEqual(['000017', '000018', '000019']);
    expect(orderNumbersIn('Оплата за кондиционеры, НДС 22%')).toEqual([]);
  });

  it('matches the payment to the client by INN and to the order by the number in the purpose, and posts it', async () => {
    const [{ number }] = (await test.db
      .select({ number: documents.number })
      .from(documents)
      .where(eq(documents.id, order))) as [{ number: string }];
    expect(number).toBe('000001');
    const dry = await importStatement(test.db, walkthrough, { actor: f.manager, dryRun: true });
    expect([dry.found, dry.matched, dry.posted, dry.duplicates, dry.unmatched]).toEqual([1, 1, 0, 0, 0]);
    expect(await test.db.select().from(bankPayments)).toEqual([]);

    const summary = await importStatement(test.db, walkthrough, {
      fileName: 'kl_to_1c.txt',
      actor: f.manager,
    });
    expect([summary.found, summary.matched, summary.posted, summary.duplicates, summary.unmatched]).toEqual([
      1, 1, 1, 0, 0,
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
    expect([again.found, again.posted, again.duplicates]).toEqual([1, 0, 1]);
    expect(await test.db.select().from(bankPayments)).toHaveLength(1);
    expect(await test.db.select().from(documents).where(eq(documents.kind, 'bank_receipt'))).toHaveLength(1);
  });

  it('keeps an unknown payer for manual matching, and later payments from that account match by it', async () => {
    const statement = (number: string) =>
      Buffer.from(
        [
          '1CClientBankExchange',
          'ВерсияФормата=1.03',
          'Кодировка=Windows',
          'СекцияДокумент=Платежное поручение',
          `Номер=${number}`,
          'Дата=01.12.2026',
          'Сумма=500.00',
          'ПлательщикСчет=40702810000000000777',
          'Плательщик1=ИП Неизвестный',
          'ПлательщикИНН=500100732259',
          'ПолучательСчет=40702810938000012345',
          'НазначениеПлатежа=Аванс',
          'КонецДокумента',
          'КонецФайла',
        ].join('\r\n'),
        'utf8',
      );
    const first = await importStatement(test.db, statement('55'), { actor: f.manager });
    expect([first.found, first.unmatched, first.posted]).toEqual([1, 1, 0]);
    const [stored] = await unmatchedPayments(test.db);
    expect(stored).toMatchObject({ payerName: 'ИП Неизвестный', status: 'unmatched' });
    const receiptId = await postPayment(test.db, stored!.id, f.client.id, null, f.manager);
    expect(
      (await test.db.select().from(bankPayments).where(eq(bankPayments.id, stored!.id)))[0],
    ).toMatchObject({
      status: 'posted',
      receiptId,
    });
    const second = await importStatement(test.db, statement('56'), { actor: f.manager });
    expect(second.payments[0]!.partner).toMatchObject({ id: f.client.id, by: 'account' });
    expect(second.posted).toBe(1);
    expect(await checkLedger(test.db)).toEqual([]);
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
});
