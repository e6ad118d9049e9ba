import { beforeAll, describe, expect, it } from 'vitest';
import { contactPersons, documents, interests, partners, products, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import type { Actor } from '@/lib/access/rules';
import { MAX_SEARCH_LENGTH, parseSearch } from './query';
import { type SearchGroup, searchEverything } from './search';

const titles = (groups: SearchGroup[], kind: SearchGroup['kind']) =>
  groups.find((g) => g.kind === kind)?.hits.map((h) => h.title) ?? [];

describe('reading what was typed', () => {
  it('reads document numbers with and without zeros, a kind abbreviation in either language and №', () => {
    expect(parseSearch('12')?.document).toMatchObject({ number: '000012' });
    expect(parseSearch('000012')?.document?.number).toBe('000012');
    expect(parseSearch('1')?.document?.number).toBe('000001');
    expect(parseSearch('КП 12')?.document).toEqual({ number: '000012', kinds: ['commercial_offer'] });
    expect(parseSearch('кп-000012')?.document?.kinds).toEqual(['commercial_offer']);
    expect(parseSearch('Offer №12')?.document?.kinds).toEqual(['commercial_offer']);
    expect(parseSearch('зк 7')?.document?.kinds).toEqual(['customer_order']);
    expect(parseSearch('SO 7')?.document?.kinds).toEqual(['customer_order']);
    expect(parseSearch('1234567890')?.document).toBeNull();
  });

  it('is not a document number when the words before it name no kind or it has letters after it', () => {
    expect(parseSearch('Товар 12')?.document).toBeNull();
    expect(parseSearch('12 шт')?.document).toBeNull();
    expect(parseSearch('Кондиционер')?.document).toBeNull();
  });

  it('reads a phone in any spelling as E.164 and nothing else as a phone', () => {
    for (const spelling of ['8 916 123-45-67', '+7 (916) 123-45-67', '79161234567', '8(916)1234567']) {
      expect(parseSearch(spelling)?.phone, spelling).toBe('+79161234567');
    }
    expect(parseSearch('000012')?.phone).toBeNull();
    expect(parseSearch('Альфа 916')?.phone).toBeNull();
  });

  it('bounds the input: too short finds nothing, too long is cut', () => {
    expect(parseSearch('а')).toBeNull();
    expect(parseSearch('   ')).toBeNull();
    expect(parseSearch('я'.repeat(10_000))?.text).toHaveLength(MAX_SEARCH_LENGTH);
  });
});

describe('finding anything', () => {
  const test = isolatedDatabase();
  let anna: Actor;
  let boris: Actor;
  let annaClient = 0;
  let borisClient = 0;

  beforeAll(async () => {
    const [a, b] = await test.db
      .insert(users)
      .values([
        { email: 's1@torg.test', name: 'Анна', role: 'manager', passwordHash: 'x' },
        { email: 's2@torg.test', name: 'Борис', role: 'manager', passwordHash: 'x' },
      ])
      .returning();
    anna = { id: a!.id, role: 'manager' };
    boris = { id: b!.id, role: 'manager' };
    const [p1, p2, archived] = await test.db
      .insert(partners)
      .values([
        { name: 'ООО «Климат-Сервис»', inn: '7701234567', phone: '+79161234567', responsibleId: anna.id },
        { name: 'АО «Климатика»', inn: '5029876544', responsibleId: boris.id },
        { name: 'ООО «Климат старый»', archivedAt: new Date() },
      ])
      .returning();
    annaClient = p1!.id;
    borisClient = p2!.id;
    await test.db.insert(contactPersons).values([
      { partnerId: p2!.id, name: 'Сергей Петров', phones: ['+79257654321'] },
      { partnerId: archived!.id, name: 'Петров архивный', phones: [], archivedAt: new Date() },
    ]);
    await test.db.insert(interests).values([
      { title: 'Кондиционеры в офис', partnerId: p1!.id, responsibleId: anna.id },
      { title: 'Сплит-системы для склада', partnerId: p2!.id, responsibleId: boris.id },
    ]);
    await test.db.insert(products).values([
      { sku: 'AC-0701', name: 'Кондиционер Haier 07' },
      { sku: 'JU-1', name: 'Соковыжималка' },
    ]);
    await test.db.insert(documents).values([
      { kind: 'commercial_offer', number: '000012', date: new Date('2026-05-01'), partnerId: p1!.id },
      { kind: 'customer_order', number: '000012', date: new Date('2026-05-02'), partnerId: p2!.id },
      { kind: 'customer_order', number: '000120', date: new Date('2026-05-03'), partnerId: p2!.id },
    ]);
  });

  it('finds partners by a part of the name and by INN, leaving archived ones out', async () => {
    const byName = await searchEverything(test.db, anna, 'климат');
    expect(titles(byName, 'partner')).toEqual(['ООО «Климат-Сервис»', 'АО «Климатика»']);
    expect(titles(await searchEverything(test.db, anna, '98765'), 'partner')).toEqual(['АО «Климатика»']);
    const hit = byName[0]!.hits[0]!;
    expect(hit).toMatchObject({
      kind: 'partner',
      detail: '7701234567',
      href: `/catalogs/partners/${annaClient}`,
    });
  });

  it('finds a partner by its phone in any spelling, and by its contact person’s phone', async () => {
    for (const spelling of ['8 916 123-45-67', '+7 (916) 123 45 67', '79161234567']) {
      const groups = await searchEverything(test.db, boris, spelling);
      expect(groups[0]?.kind, spelling).toBe('partner');
      expect(titles(groups, 'partner'), spelling).toEqual(['ООО «Климат-Сервис»']);
    }
    const byContact = await searchEverything(test.db, anna, '8-925-765-43-21');
    expect(titles(byContact, 'partner')).toEqual(['АО «Климатика»']);
    expect(titles(byContact, 'contact')).toEqual(['Сергей Петров']);
  });

  it('finds contact persons by name with their partner, interests by subject, products by name or SKU', async () => {
    const contacts = await searchEverything(test.db, anna, 'петров');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.hits[0]).toMatchObject({ title: 'Сергей Петров', detail: 'АО «Климатика»' });
    expect(titles(await searchEverything(test.db, anna, 'сплит'), 'interest')).toEqual([
      'Сплит-системы для склада',
    ]);
    expect(titles(await searchEverything(test.db, anna, 'кондиц'), 'interest')).toEqual([
      'Кондиционеры в офис',
    ]);
    expect(titles(await searchEverything(test.db, anna, 'кондиц'), 'product')).toEqual([
      'Кондиционер Haier 07',
    ]);
    expect(titles(await searchEverything(test.db, anna, 'ac-07'), 'product')).toEqual([
      'Кондиционер Haier 07',
    ]);
    // Two letters: the start of a name.
    expect(titles(await searchEverything(test.db, anna, 'со'), 'product')).toEqual(['Соковыжималка']);
  });

  it('finds documents by number in every spelling, newest first, and by kind abbreviation', async () => {
    for (const typed of ['12', '000012', '№ 12']) {
      const groups = await searchEverything(test.db, anna, typed);
      expect(groups[0]?.kind, typed).toBe('document');
      expect(groups[0]!.hits.map((h) => h.documentKind)).toEqual(['customer_order', 'commercial_offer']);
    }
    const offer = await searchEverything(test.db, anna, 'КП 12');
    expect(offer[0]!.hits).toHaveLength(1);
    expect(offer[0]!.hits[0]).toMatchObject({
      title: '000012',
      date: '2026-05-01',
      documentKind: 'commercial_offer',
      detail: 'ООО «Климат-Сервис»',
      href: expect.stringMatching(/^\/documents\/offers\/\d+$/),
    });
    expect(titles(await searchEverything(test.db, anna, 'order 120'), 'document')).toEqual(['000120']);
    expect(titles(await searchEverything(test.db, anna, 'ПТУ 12'), 'document')).toEqual([]);
  });

  it('shows a manager everything everyone reads, their own first', async () => {
    expect(titles(await searchEverything(test.db, boris, 'климат'), 'partner')).toEqual([
      'АО «Климатика»',
      'ООО «Климат-Сервис»',
    ]);
    const annas = (await searchEverything(test.db, anna, 'климат'))[0]!.hits;
    expect(annas.map((h) => [h.id, h.mine])).toEqual([
      [annaClient, true],
      [borisClient, false],
    ]);
  });

  it('finds nothing, without an error, for input too short, wildcards or a query that names nothing', async () => {
    expect(await searchEverything(test.db, anna, 'к')).toEqual([]);
    expect(await searchEverything(test.db, anna, '%%%')).toEqual([]);
    expect(await searchEverything(test.db, anna, '__')).toEqual([]);
    expect(await searchEverything(test.db, anna, "'; drop table partners; --")).toEqual([]);
    expect(await searchEverything(test.db, anna, 'ж'.repeat(5000))).toEqual([]);
    expect(await searchEverything(test.db, anna, 'кли\u0000мат\u0007')).toEqual([]);
    expect(titles(await searchEverything(test.db, anna, 'климат-сервис\u0000'), 'partner')).toEqual([
      'ООО «Климат-Сервис»',
    ]);
  });
});
