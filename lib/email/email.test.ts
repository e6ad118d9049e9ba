import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  contactPersons,
  documents,
  interactionAttachments,
  interactions,
  interests,
  organizations,
  outgoingEmails,
  partners,
  products,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import OfferEmail from '@/emails/OfferEmail';
import OrderEmail from '@/emails/OrderEmail';
import PaymentReminderEmail from '@/emails/PaymentReminderEmail';
import { letterText, renderLetter } from '@/emails/render';
import { saveDocument } from '@/lib/documents/save-document';
import { stockFixtures } from '@/lib/documents/test-fixtures';
import { composeEmail } from './compose';
import { type FakeResend, startFakeResend } from './fake-resend';
import { deliverEmail, type EmailActor, queueDocumentEmail, retryEmail } from './send-email';

/** What a worker does with a queued letter, done at once. */
async function sendDocumentEmail(...args: Parameters<typeof queueDocumentEmail>) {
  const queued = await queueDocumentEmail(...args);
  if (!queued.ok) return queued;
  return { ...queued, status: (await deliverEmail(args[0], queued.emailId))! };
}

const test = isolatedDatabase();
let fake: FakeResend;
let actor: EmailActor;
let interestId = 0;
let offerId = 0;
let orderId = 0;
let silentOfferId = 0;

beforeAll(async () => {
  fake = await startFakeResend();
  const db = test.db;
  const f = await stockFixtures(db);
  const [manager] = await db
    .insert(users)
    .values({ email: 'ivanova@torg.test', name: 'Анна Иванова', role: 'manager', passwordHash: 'x' })
    .returning();
  actor = { id: manager!.id, role: manager!.role, name: manager!.name, email: manager!.email };
  await db
    .insert(organizations)
    .values({ name: 'Торг', inn: '7730123456', phone: '+74951234567', email: 'info@torg.test' });
  const [client, silent] = await db
    .insert(partners)
    .values([{ name: 'Климат-Сервис', email: 'office@klimat.test' }, { name: 'Без почты' }])
    .returning();
  const [contact, mute] = await db
    .insert(contactPersons)
    .values([
      { partnerId: client!.id, name: 'Алексей Кузнецов', emails: ['kuznetsov@klimat.test'] },
      { partnerId: silent!.id, name: 'Пётр Молчанов' },
    ])
    .returning();
  const [interest] = await db
    .insert(interests)
    .values({ title: 'Кондиционеры в офис', partnerId: client!.id, responsibleId: actor.id })
    .returning();
  interestId = interest!.id;
  const header = { date: '2026-11-27T10:00:00Z', warehouseId: f.main.id };
  const lines = [{ productId: f.products[1]!.id, quantity: '2', price: '5100' }];
  const saved = await Promise.all([
    saveDocument(
      db,
      'commercial_offer',
      null,
      {
        ...header,
        partnerId: client!.id,
        contactId: contact!.id,
        interestId,
        validUntil: '2026-12-04',
        lines,
      },
      actor,
    ),
    saveDocument(
      db,
      'customer_order',
      null,
      {
        ...header,
        partnerId: client!.id,
        contactId: contact!.id,
        interestId,
        prepaymentPercent: '50',
        lines,
      },
      actor,
    ),
    saveDocument(
      db,
      'commercial_offer',
      null,
      { ...header, partnerId: silent!.id, contactId: mute!.id, lines },
      actor,
    ),
  ]);
  [offerId, orderId, silentOfferId] = saved.map((r) => (r.ok ? r.id : Number.NaN)) as [
    number,
    number,
    number,
  ];
});

afterAll(() => fake.close());

/** Each test says whether Resend is configured; none leaks it to the next. */
function useResend(on: boolean) {
  if (on) {
    process.env.RESEND_API_KEY = 're_test_key';
    process.env.RESEND_BASE_URL = fake.url;
  } else delete process.env.RESEND_API_KEY;
}
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

async function rowCounts() {
  const [[i], [a], [e]] = await Promise.all([
    test.db.select({ n: count() }).from(interactions),
    test.db.select({ n: count() }).from(interactionAttachments),
    test.db.select({ n: count() }).from(outgoingEmails),
  ]);
  return { interactions: i!.n, attachments: a!.n, emails: e!.n };
}

const email = async (id: number) =>
  (await test.db.select().from(outgoingEmails).where(eq(outgoingEmails.id, id)))[0]!;

describe('templates', () => {
  it('render a Russian business letter: greeting, the text, the summary and the signature', async () => {
    const letters = await Promise.all([
      renderLetter({ template: 'offer', props: OfferEmail.PreviewProps }),
      renderLetter({ template: 'order_invoice', props: OrderEmail.PreviewProps }),
      renderLetter({ template: 'payment_reminder', props: PaymentReminderEmail.PreviewProps }),
    ]);
    for (const html of letters) {
      const text = letterText(html);
      expect(text).toContain('Здравствуйте, Алексей Кузнецов!');
      expect(text).toContain('Будем рады ответить на ваши вопросы.');
      expect(text).toContain('12 825,00 ₽');
      expect(text).toMatch(/С уважением,\s+Анна Иванова\s+Торг\s+тел\. \+7 495 123-45-67/);
    }
    expect(letterText(letters[0]!)).toContain('Коммерческое предложение № 000003 от 27.11.2026');
    expect(letterText(letters[0]!)).toContain('Предложение действительно до: 04.12.2026');
    expect(letterText(letters[1]!)).toContain('Условия оплаты: предоплата 50 %');
    expect(letterText(letters[2]!)).toContain('К оплате: 12 825,00 ₽');
  });
});

describe('composing', () => {
  it('starts from the contact person, the document and the template’s print forms', async () => {
    const offer = await composeEmail(test.db, offerId, 'offer');
    expect(offer).toMatchObject({
      to: ['kuznetsov@klimat.test'],
      attachments: [{ form: 'offer', format: 'pdf' }],
    });
    expect(offer!.subject).toMatch(/^Коммерческое предложение № \d+ от 27\.11\.2026 — Торг$/);
    expect(offer!.body).toContain('10\u00a0200,00\u00a0₽');
    expect(offer!.body).toContain('действительно до 04.12.2026');

    const order = await composeEmail(test.db, orderId, 'order_invoice');
    expect(order!.attachments).toEqual([
      { form: 'order', format: 'pdf' },
      { form: 'invoice', format: 'pdf' },
    ]);
    expect(order!.body).toContain('предоплата 50 % (5\u00a0100,00\u00a0₽)');
    expect((await composeEmail(test.db, orderId, 'payment_reminder'))!.body).toContain(
      '10\u00a0200,00\u00a0₽',
    );
    // An offer has no invoice to remind of.
    expect(await composeEmail(test.db, offerId, 'payment_reminder')).toBeNull();
  });

  it('writes to the client’s first contact with an address when the document names no contact', async () => {
    const [offer] = await test.db.select().from(documents).where(eq(documents.id, offerId));
    const [product] = await test.db.select({ id: products.id }).from(products).limit(1);
    const copy = await saveDocument(
      test.db,
      'commercial_offer',
      null,
      {
        date: '2026-11-27T10:00:00Z',
        partnerId: offer!.partnerId,
        warehouseId: offer!.warehouseId,
        lines: [{ productId: product!.id, quantity: '1', price: '100' }],
      },
      actor,
    );
    const id = copy.ok ? copy.id : 0;
    const draft = (await composeEmail(test.db, id, 'offer'))!;
    expect(draft.to).toEqual(['kuznetsov@klimat.test']);
    const queued = await queueDocumentEmail(
      test.db,
      { documentId: id, template: 'offer', ...draft, to: draft.to.join(', ') },
      actor,
    );
    expect(queued.ok).toBe(true);
    const [letter] = await test.db
      .select()
      .from(interactions)
      .where(eq(interactions.id, queued.ok ? queued.interactionId : 0));
    expect(letter!.contactId).not.toBeNull();
  });
});

describe('sending', () => {
  it('sends through Resend with the chosen print forms and records the letter in the interest’s feed', async () => {
    useResend(true);
    const draft = (await composeEmail(test.db, offerId, 'offer'))!;
    const result = await sendDocumentEmail(
      test.db,
      {
        documentId: offerId,
        template: 'offer',
        to: draft.to.join(', '),
        subject: draft.subject,
        body: 'Добрый день.\n\nНаправляем предложение по кондиционерам.',
        attachments: [
          { form: 'offer', format: 'pdf' },
          { form: 'offer', format: 'xlsx' },
        ],
      },
      actor,
    );
    expect(result).toMatchObject({ ok: true, status: 'sent' });
    if (!result.ok) return;

    expect(fake.received).toHaveLength(1);
    const [request] = fake.received;
    expect(request!.headers.authorization).toBe('Bearer re_test_key');
    expect(request!.headers['idempotency-key']).toMatch(
      new RegExp(`^outgoing-email/${result.emailId}/\\d+$`),
    );
    expect(request!.body).toMatchObject({ from: '"Торг" <info@torg.test>', to: ['kuznetsov@klimat.test'] });
    expect(request!.body.subject).toBe(draft.subject);
    expect(request!.body.html).toContain('Здравствуйте, Алексей Кузнецов!');
    expect(request!.body.html).toContain('Направляем предложение по кондиционерам.');
    expect(request!.body.html).toContain('Анна Иванова');
    expect(request!.body.html).toContain('тел. +7 495 123 45 67');
    expect(request!.body.text).toContain('Направляем предложение по кондиционерам.');

    const row = await email(result.emailId);
    // Our own Message-ID, at the sender's domain: the client's reply is threaded by it (lib/mail).
    expect(row!.messageId).toMatch(/^<[0-9a-f-]{36}@torg\.test>$/);
    expect((request!.body as { headers?: Record<string, string> }).headers).toEqual({
      'Message-ID': row!.messageId,
    });
    expect(row).toMatchObject({
      status: 'sent',
      providerId: 'fake-1',
      attempts: 1,
      error: null,
      documentId: offerId,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    const [interaction] = await test.db
      .select()
      .from(interactions)
      .where(eq(interactions.id, row.interactionId));
    expect(interaction).toMatchObject({
      kind: 'email',
      direction: 'outgoing',
      interestId,
      processed: true,
      authorId: actor.id,
      subject: draft.subject,
    });
    const files = await test.db
      .select()
      .from(interactionAttachments)
      .where(eq(interactionAttachments.interactionId, row.interactionId))
      .orderBy(interactionAttachments.id);
    expect(files.map((f) => f.contentType)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    // What Resend received is byte for byte what the feed keeps.
    expect(request!.body.attachments!.map((a) => [a.filename, Buffer.from(a.content, 'base64')])).toEqual(
      files.map((f) => [f.fileName, f.content]),
    );
    const [offer] = await test.db.select().from(documents).where(eq(documents.id, offerId));
    expect(offer!.offerStatus).toBe('sent');
  });

  it('keeps the letter in the outbox when no API key is set', async () => {
    useResend(false);
    const before = fake.received.length;
    const result = await sendDocumentEmail(
      test.db,
      {
        documentId: orderId,
        template: 'order_invoice',
        to: 'kuznetsov@klimat.test',
        subject: 'Заказ',
        body: 'Счёт.',
      },
      actor,
    );
    expect(result).toMatchObject({ ok: true, status: 'outbox' });
    if (!result.ok) return;
    expect(fake.received).toHaveLength(before);
    expect(await email(result.emailId)).toMatchObject({ status: 'outbox', attempts: 0, providerId: null });
  });

  it('keeps a refused send with its error, and a retry sends it', async () => {
    useResend(true);
    fake.failNext(1, 'validation');
    const result = await sendDocumentEmail(
      test.db,
      {
        documentId: orderId,
        template: 'payment_reminder',
        to: ['kuznetsov@klimat.test'],
        subject: 'Оплата',
        body: 'Ждём оплату.',
      },
      actor,
    );
    expect(result).toMatchObject({ ok: true, status: 'failed' });
    if (!result.ok) return;
    const failed = await email(result.emailId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, providerId: null, sentAt: null });
    expect(failed.error).toContain('validation_error');
    expect(failed.error).toContain('The from address domain is not verified.');

    fake.failNext(1, 'server');
    expect(await retryEmail(test.db, result.emailId, actor)).toBe('queued');
    expect(await deliverEmail(test.db, result.emailId)).toBe('failed');
    expect((await email(result.emailId)).error).toContain('500');

    expect(await retryEmail(test.db, result.emailId, actor)).toBe('queued');
    expect(await deliverEmail(test.db, result.emailId)).toBe('sent');
    expect(await email(result.emailId)).toMatchObject({ status: 'sent', attempts: 3, error: null });
    // Every attempt carried the same idempotency key, so Resend sends it once even if an answer was lost.
    const keys = fake.received.slice(-3).map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(new RegExp(`^outgoing-email/${result.emailId}/`));
  });

  it('delivers a letter once however many times delivery is asked for', async () => {
    useResend(true);
    const queued = await queueDocumentEmail(
      test.db,
      {
        documentId: orderId,
        template: 'order_invoice',
        to: 'kuznetsov@klimat.test',
        subject: 'Заказ',
        body: 'Счёт.',
      },
      actor,
    );
    if (!queued.ok) throw new Error('not queued');
    const before = fake.received.length;
    const outcomes = await Promise.all([1, 2, 3].map(() => deliverEmail(test.db, queued.emailId)));
    expect(outcomes).toEqual(['sent', 'sent', 'sent']);
    expect(fake.received).toHaveLength(before + 1);
    expect(await retryEmail(test.db, queued.emailId, actor)).toBe('sent');
    expect(await deliverEmail(test.db, queued.emailId)).toBe('sent');
    expect(fake.received).toHaveLength(before + 1);
  });

  it('refuses a letter to a contact without an address and writes nothing', async () => {
    useResend(true);
    const draft = (await composeEmail(test.db, silentOfferId, 'offer'))!;
    expect(draft.to).toEqual([]);
    const before = await rowCounts();
    const sent = fake.received.length;
    const result = await sendDocumentEmail(
      test.db,
      {
        documentId: silentOfferId,
        template: 'offer',
        to: draft.to.join(', '),
        subject: draft.subject,
        body: draft.body,
        attachments: draft.attachments,
      },
      actor,
    );
    expect(result).toEqual({ ok: false, errors: { to: 'no_email' } });
    expect(await rowCounts()).toEqual(before);
    expect(fake.received).toHaveLength(sent);
    const [offer] = await test.db.select().from(documents).where(eq(documents.id, silentOfferId));
    expect(offer!.offerStatus).toBe('draft');
  });

  it('names bad addresses and refuses a template or print form the document does not have', async () => {
    const base = { documentId: offerId, template: 'offer', subject: 'КП', body: 'Текст' };
    expect(
      await queueDocumentEmail(test.db, { ...base, to: 'kuznetsov@klimat.test, не-адрес' }, actor),
    ).toEqual({
      ok: false,
      errors: { to: 'email_invalid:не-адрес' },
    });
    expect(
      await queueDocumentEmail(test.db, { ...base, to: 'a@b.ru', template: 'order_invoice' }, actor),
    ).toEqual({ ok: false, errors: { template: 'invalid' } });
    expect(
      await queueDocumentEmail(
        test.db,
        { ...base, to: 'a@b.ru', attachments: [{ form: 'invoice', format: 'pdf' }] },
        actor,
      ),
    ).toEqual({ ok: false, errors: { attachments: 'invalid' } });
    expect(await queueDocumentEmail(test.db, { ...base, to: 'a@b.ru', subject: ' ' }, actor)).toEqual({
      ok: false,
      errors: { subject: 'required' },
    });
  });

  it('refuses more than 50 recipients at «Кому» and queues nothing; a repeat in another case counts once', async () => {
    const base = { documentId: offerId, template: 'offer', subject: 'КП', body: 'Текст' };
    const addresses = (n: number) => Array.from({ length: n }, (_, i) => `client${i}@klimat.test`);
    const before = await rowCounts();
    const tooMany = { ok: false, errors: { to: 'too_many_recipients' } };
    expect(await queueDocumentEmail(test.db, { ...base, to: addresses(30_000).join(', ') }, actor)).toEqual(
      tooMany,
    );
    expect(await queueDocumentEmail(test.db, { ...base, to: addresses(51) }, actor)).toEqual(tooMany);
    expect(await rowCounts()).toEqual(before);
    const fifty = addresses(50);
    const queued = await queueDocumentEmail(
      test.db,
      { ...base, to: [...fifty, ...fifty.map((a) => a.toUpperCase())].join('; ') },
      actor,
    );
    if (!queued.ok) throw new Error(JSON.stringify(queued));
    expect((await email(queued.emailId)).to).toEqual(fifty);
  });

  it('refuses an address longer than 254 characters', async () => {
    const base = { documentId: offerId, template: 'offer', subject: 'КП', body: 'Текст' };
    const long = `${'a'.repeat(64)}@${'b'.repeat(185)}.test`;
    expect(long).toHaveLength(255);
    expect(await queueDocumentEmail(test.db, { ...base, to: `a@b.ru, ${long}` }, actor)).toEqual({
      ok: false,
      errors: { to: `email_invalid:${long}` },
    });
  });
});
