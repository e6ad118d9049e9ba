import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactPersons, documents, interactions, interests, partners, tasks, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { contactPersonCatalog } from '@/lib/catalogs/contact-persons';
import { partnerCatalog } from '@/lib/catalogs/partners';
import { productCatalog } from '@/lib/catalogs/products';
import { processInteraction } from '@/lib/crm/interactions';
import { openInterest } from '@/lib/crm/interest-card';
import { saveTask } from '@/lib/crm/tasks';
import { changeDocumentStatus } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { queueDocumentEmail } from '@/lib/email/send-email';
import { setOfferStatus } from '@/lib/sales/offer-status';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import type { Actor } from './rules';

/**
 * The access rule (README «Who may change what») held by every command a manager can reach: Сергей
 * Петров tries each change on Анна Ивановой's interest, documents, interaction and client, and is
 * refused with nothing written; Ивановa herself and a leader may.
 */
const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
type User = Actor & { name: string; email: string };
let ivanova: User;
let petrov: User;
let leader: User;
let interestId: number;
let offerId: number;
let orderId: number;
let interactionId: number;
let clientId: number;

const offerInput = () => ({
  date: '2026-11-20T10:00:00Z',
  partnerId: clientId,
  warehouseId: f.main.id,
  priceTypeId: f.retail.id,
  interestId,
  validUntil: '2026-12-31',
  lines: [{ productId: f.products[0]!.id, quantity: '1', price: '1000' }],
});

beforeAll(async () => {
  f = await salesFixtures(test.db);
  ivanova = f.manager;
  const staff = await test.db
    .insert(users)
    .values([
      { email: 'petrov@test', name: 'Сергей Петров', role: 'manager', passwordHash: '-' },
      { email: 'leader@test', name: 'Ольга Смирнова', role: 'leader', passwordHash: '-' },
    ])
    .returning();
  [petrov, leader] = [staff[0]!, staff[1]!];
  const [client] = await test.db
    .insert(partners)
    .values({ name: 'Клиент Ивановой', email: 'client@ivanova.test', responsibleId: ivanova.id })
    .returning();
  clientId = client!.id;
  await test.db.insert(contactPersons).values({ partnerId: clientId, name: 'Контакт', emails: ['c@x.test'] });
  const [interest] = await test.db
    .insert(interests)
    .values({ title: 'Кондиционеры', partnerId: clientId, responsibleId: ivanova.id })
    .returning();
  interestId = interest!.id;
  const offer = await saveDocument(test.db, 'commercial_offer', null, offerInput(), ivanova);
  if (!offer.ok) throw new Error(JSON.stringify(offer));
  offerId = offer.id;
  const order = await saveDocument(
    test.db,
    'customer_order',
    null,
    { ...offerInput(), basedOnId: offerId, lines: [{ ...offerInput().lines[0]!, action: 'none' }] },
    ivanova,
  );
  if (!order.ok) throw new Error(JSON.stringify(order));
  orderId = order.id;
  const [interaction] = await test.db
    .insert(interactions)
    .values({ kind: 'call', partnerId: clientId, interestId, body: 'Звонок по КП' })
    .returning();
  interactionId = interaction!.id;
});

const documentRow = async (id: number) =>
  (await test.db.select().from(documents).where(eq(documents.id, id)))[0]!;

describe("a manager cannot change another manager's work", () => {
  it('documents: edit, post, unpost, mark for deletion, offer status and email are refused; nothing changes', async () => {
    const before = await documentRow(orderId);
    expect(
      await saveDocument(test.db, 'customer_order', orderId, { ...offerInput(), comment: 'x' }, petrov),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    for (const action of ['post', 'unpost', 'mark_deleted'] as const) {
      expect(await changeDocumentStatus(test.db, orderId, action, petrov, 'customer_order')).toEqual({
        ok: false,
        errors: { _form: 'forbidden' },
      });
    }
    expect(await setOfferStatus(test.db, offerId, 'rejected', petrov)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(
      await queueDocumentEmail(
        test.db,
        { documentId: offerId, template: 'offer', to: 'evil@x.test', subject: 'КП', body: 'Текст' },
        petrov,
      ),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    // A new document of her chain (a sales document from her order) is hers to make too.
    expect(
      await saveDocument(
        test.db,
        'sales',
        null,
        {
          date: '2026-11-21T10:00:00Z',
          partnerId: clientId,
          warehouseId: f.main.id,
          basedOnId: orderId,
          lines: [{ productId: f.products[0]!.id, quantity: '1' }],
        },
        petrov,
      ),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    expect(await documentRow(orderId)).toEqual(before);
    // Accepted when her order was made from it; Petrov's «rejected» changed nothing.
    expect((await documentRow(offerId)).offerStatus).toBe('accepted');
    expect(await test.db.select().from(documents).where(eq(documents.kind, 'sales'))).toEqual([]);
  });

  it('the document kind in the address must be the kind of the document', async () => {
    expect(await changeDocumentStatus(test.db, orderId, 'post', ivanova, 'sales')).toEqual({
      ok: false,
      errors: { _form: 'not_found' },
    });
    expect((await documentRow(orderId)).status).toBe('draft');
  });

  it('her owner and a leader may change her documents', async () => {
    expect((await changeDocumentStatus(test.db, orderId, 'post', ivanova, 'customer_order')).ok).toBe(true);
    expect((await changeDocumentStatus(test.db, orderId, 'unpost', leader, 'customer_order')).ok).toBe(true);
    expect(await setOfferStatus(test.db, offerId, 'rejected', leader)).toEqual({ ok: true, changed: true });
  });

  it('tasks: no task on her interest, and none of hers is marked done', async () => {
    const due = '2026-12-01T10:00:00Z';
    expect(
      await saveTask(
        test.db,
        null,
        { title: 'Перехватить', dueAt: due, responsibleId: petrov.id, interestId },
        petrov,
      ),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    expect(await test.db.select().from(tasks).where(eq(tasks.interestId, interestId))).toEqual([]);
    const own = await saveTask(
      test.db,
      null,
      { title: 'Перезвонить', dueAt: due, responsibleId: ivanova.id, interestId },
      ivanova,
    );
    expect(own.ok).toBe(true);
  });

  it('interactions: not moved into his interest, not marked processed, not taken into a new interest', async () => {
    const [his] = await test.db
      .insert(interests)
      .values({ title: 'Его интерес', partnerId: clientId, responsibleId: petrov.id })
      .returning();
    expect(await processInteraction(test.db, interactionId, { interestId: his!.id }, petrov)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(await processInteraction(test.db, interactionId, {}, petrov)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    const opened = await openInterest(
      test.db,
      { title: 'Из звонка', partnerId: clientId, responsibleId: petrov.id },
      petrov,
      '2026-11-21',
      interactionId,
    );
    expect(opened).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    expect(await test.db.select().from(interests).where(eq(interests.title, 'Из звонка'))).toEqual([]);
    const [row] = await test.db.select().from(interactions).where(eq(interactions.id, interactionId));
    expect({ interestId: row!.interestId, processed: row!.processed }).toEqual({
      interestId,
      processed: false,
    });

    // An inbox item of nobody's is anyone's to take; moving it into her interest is still hers to do.
    const [unknown] = await test.db
      .insert(interactions)
      .values({ kind: 'email', body: 'Кто-то пишет' })
      .returning();
    expect(await processInteraction(test.db, unknown!.id, { interestId }, petrov)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect((await processInteraction(test.db, unknown!.id, { interestId: his!.id }, petrov)).ok).toBe(true);
  });

  it('partners: her client and its contacts are not edited or archived, nor a contact added', async () => {
    const edit = {
      name: 'Клиент Ивановой',
      isClient: 'on',
      email: 'evil@x.test',
      responsibleId: String(petrov.id),
    };
    expect(await partnerCatalog.save(test.db, clientId, edit, petrov)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(await partnerCatalog.setArchived(test.db, clientId, true, petrov)).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
    expect(
      await contactPersonCatalog.save(
        test.db,
        null,
        { partnerId: String(clientId), name: 'Подставной', emails: 'evil@x.test' },
        petrov,
      ),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    const [contact] = await test.db
      .select()
      .from(contactPersons)
      .where(eq(contactPersons.partnerId, clientId));
    expect(
      await contactPersonCatalog.save(
        test.db,
        contact!.id,
        { partnerId: String(clientId), name: 'Контакт', emails: 'evil@x.test' },
        petrov,
      ),
    ).toEqual({ ok: false, errors: { _form: 'forbidden' } });
    const [client] = await test.db.select().from(partners).where(eq(partners.id, clientId));
    expect({
      email: client!.email,
      archived: client!.archivedAt,
      responsible: client!.responsibleId,
    }).toEqual({
      email: 'client@ivanova.test',
      archived: null,
      responsible: ivanova.id,
    });
    expect((await contactPersonCatalog.get(test.db, contact!.id)).emails).toEqual(['c@x.test']);

    // A partner of nobody's is anyone's; a leader changes any.
    const nobodys = await partnerCatalog.save(test.db, null, { name: 'Ничей', isClient: 'on' }, petrov);
    expect(nobodys.ok).toBe(true);
    expect(
      (
        await partnerCatalog.save(
          test.db,
          clientId,
          { ...edit, email: 'new@x.test', responsibleId: String(ivanova.id) },
          leader,
        )
      ).ok,
    ).toBe(true);
  });

  it('catalogs: a manager does not edit what only leaders edit', async () => {
    expect(
      await productCatalog.save(
        test.db,
        null,
        { sku: 'X-1', name: 'Товар', unit: 'шт', kind: 'goods', vatRate: '22' },
        petrov,
      ),
    ).toEqual({
      ok: false,
      errors: { _form: 'forbidden' },
    });
  });
});
