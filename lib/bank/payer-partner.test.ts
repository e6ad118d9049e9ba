import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankPayments, documents, partners } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { importStatement } from './import-statement';
import { createPartnerFromPayment, payerPartnerName } from './payer-partner';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;

beforeAll(async () => {
  f = await salesFixtures(test.db);
});

/** A statement of one payment to our account from a payer nobody knows yet. */
const fromUnknown = (number: string, payer = 'ИНН 500100732259 ИП Новиков Олег Петрович') =>
  Buffer.from(
    [
      '1CClientBankExchange',
      'ВерсияФормата=1.03',
      'СекцияДокумент=Платежное поручение',
      `Номер=${number}`,
      'Дата=03.12.2026',
      'Сумма=1500.00',
      'ПлательщикСчет=40802810000000000555',
      `Плательщик1=${payer}`,
      'ПлательщикИНН=500100732259',
      'ПолучательСчет=40702810938000012345',
      'НазначениеПлатежа=Аванс за кондиционер',
      'КонецДокумента',
      'КонецФайла',
    ].join('\r\n'),
    'utf8',
  );

describe('a client from an unknown payer', () => {
  it('takes the name without the bank’s INN prefix', () => {
    expect(payerPartnerName('ИНН 500100732259 ИП Новиков О. П.')).toBe('ИП Новиков О. П.');
    expect(payerPartnerName('ООО "Климат"')).toBe('ООО "Климат"');
  });

  it('creates the client from the payment’s INN and name, posts the payment to it once, and knows the account next time', async () => {
    const first = await importStatement(test.db, fromUnknown('901'), { actor: f.manager });
    expect(first.unmatched).toBe(1);
    const [payment] = await test.db.select().from(bankPayments).where(eq(bankPayments.number, '901'));

    // A double click: both create one client and post one receipt.
    const [a, b] = await Promise.all([
      createPartnerFromPayment(test.db, payment!.id, f.manager),
      createPartnerFromPayment(test.db, payment!.id, f.manager),
    ]);
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(a.partnerId).toBe(b.partnerId);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    const made = await test.db.select().from(partners).where(eq(partners.inn, '500100732259'));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      name: 'ИП Новиков Олег Петрович',
      isClient: true,
      responsibleId: f.manager.id,
    });
    expect(made[0]!.comment).toContain('40802810000000000555');
    const [posted] = await test.db.select().from(bankPayments).where(eq(bankPayments.id, payment!.id));
    expect(posted).toMatchObject({ status: 'posted', partnerId: a.partnerId });
    const receipts = await test.db.select().from(documents).where(eq(documents.kind, 'bank_receipt'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ partnerId: a.partnerId, status: 'posted', amount: '1500.00' });

    // The next payment from that payer matches and posts by itself.
    const next = await importStatement(test.db, fromUnknown('902'), { actor: f.manager });
    expect(next).toMatchObject({ matched: 1, posted: 1, unmatched: 0 });
  });

  it('refuses a payment without the payer’s INN and takes an existing client with it rather than a second one', async () => {
    const [noInn] = await test.db
      .insert(bankPayments)
      .values({
        fingerprint: 'no-inn',
        bankAccountId: f.account.id,
        number: '903',
        date: '2026-12-03',
        amount: '10.00',
        payerName: 'Физическое лицо',
        payerAccount: '40817810000000000001',
        purpose: 'Оплата',
      })
      .returning();
    expect(await createPartnerFromPayment(test.db, noInn!.id, f.manager)).toEqual({
      ok: false,
      errors: { _form: 'payer_inn_required' },
    });
    const [known] = await test.db
      .insert(bankPayments)
      .values({
        fingerprint: 'known-inn',
        bankAccountId: f.account.id,
        number: '904',
        date: '2026-12-03',
        amount: '10.00',
        payerName: 'Климат-Сервис ООО',
        payerInn: f.client.inn,
        payerAccount: '40702810000000000401',
        purpose: 'Оплата',
      })
      .returning();
    const result = await createPartnerFromPayment(test.db, known!.id, f.manager);
    expect(result).toMatchObject({ ok: true, partnerId: f.client.id, created: false });
  });

  it('makes the recipient of a payment out of our account a supplier, and posts the payment to it', async () => {
    const toUnknown = Buffer.from(
      [
        '1CClientBankExchange',
        'ВерсияФормата=1.03',
        'СекцияДокумент=Платежное поручение',
        'Номер=951',
        'Дата=04.12.2026',
        'Сумма=2300.00',
        'ПлательщикСчет=40702810938000012345',
        'Плательщик1=ООО «Торг»',
        'ПлательщикИНН=7730123456',
        'ПолучательСчет=40702810400000000777',
        'Получатель1=ООО «Запчасти Север»',
        'ПолучательИНН=7710140679',
        'НазначениеПлатежа=Оплата за запчасти',
        'КонецДокумента',
        'КонецФайла',
      ].join('\r\n'),
      'utf8',
    );
    expect((await importStatement(test.db, toUnknown, { actor: f.manager })).unmatched).toBe(1);
    const [payment] = await test.db.select().from(bankPayments).where(eq(bankPayments.number, '951'));
    expect(payment!.outgoing).toBe(true);
    const made = await createPartnerFromPayment(test.db, payment!.id, f.manager);
    if (!made.ok) throw new Error(JSON.stringify(made));
    const [partner] = await test.db.select().from(partners).where(eq(partners.id, made.partnerId));
    expect(partner).toMatchObject({ name: 'ООО «Запчасти Север»', isClient: false, isSupplier: true });
    expect(made.outcome.ok).toBe(true);
    const [payout] = await test.db.select().from(documents).where(eq(documents.partnerId, made.partnerId));
    expect(payout).toMatchObject({ kind: 'bank_payment', status: 'posted', amount: '2300.00' });
  });
});
