import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, contactPersons, partners, prices, priceTypes, products, warehouses } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { contactPersonCatalog, listContactPersons } from './contact-persons';
import { bankAccountCatalog, organizationCatalog } from './organizations';
import { listPartners, partnerCatalog } from './partners';
import { listPrices, priceCatalog, priceOn } from './prices';
import { listProducts, productCatalog } from './products';
import { defaultSalePriceTypeId, defaultWarehouseId, priceTypeCatalog, warehouseCatalog } from './simple';

const test = isolatedDatabase();

const client = {
  name: 'Климат-Сервис',
  isClient: 'on',
  inn: '7701234560',
  kpp: '770101001',
  phone: '8 (916) 123-45-67',
};

describe('partners', () => {
  it('rejects a bad INN and a bad phone at their fields and saves nothing', async () => {
    const result = await partnerCatalog.save(
      test.db,
      null,
      { ...client, inn: '7701234561', phone: '12345' },
      null,
    );
    expect(result).toEqual({ ok: false, errors: { inn: 'inn_checksum', phone: 'phone_invalid' } });
    const [n] = await test.db.select({ n: count() }).from(partners);
    expect(n?.n).toBe(0);
    const [audit] = await test.db.select({ n: count() }).from(auditLog);
    expect(audit?.n).toBe(0);
  });

  it('normalises and saves, then refuses a second partner with the same INN', async () => {
    const created = await partnerCatalog.save(test.db, null, client, null);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : 0;
    const row = await partnerCatalog.get(test.db, id);
    expect(row).toMatchObject({
      inn: '7701234560',
      phone: '+79161234567',
      isClient: true,
      isSupplier: false,
    });
    const duplicate = await partnerCatalog.save(test.db, null, { ...client, name: 'Другой' }, null);
    expect(duplicate).toEqual({ ok: false, errors: { inn: 'duplicate_inn' } });
    const audit = await test.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('requires a role and a company INN for a KPP', async () => {
    const result = await partnerCatalog.save(
      test.db,
      null,
      { name: 'ИП Орлов', inn: '500100732259', kpp: '500101001' },
      null,
    );
    expect(result).toEqual({
      ok: false,
      errors: { isClient: 'partner_role_required', kpp: 'kpp_needs_company_inn' },
    });
  });

  it('finds partners by a part of the name in any case, and hides archived ones', async () => {
    const found = await listPartners(test.db, { q: 'климат' });
    expect(found.rows.map((r) => r.name)).toEqual(['Климат-Сервис']);
    expect((await listPartners(test.db, { q: '77012345' })).total).toBe(1);
    const id = found.rows[0]!.id;
    await partnerCatalog.setArchived(test.db, id, true, null);
    expect((await listPartners(test.db, { q: 'климат' })).total).toBe(0);
    expect((await listPartners(test.db, { q: 'климат', archived: true })).total).toBe(1);
    await partnerCatalog.setArchived(test.db, id, false, null);
  });

  it('treats LIKE wildcards in the search text literally', async () => {
    expect((await listPartners(test.db, { q: '%' })).total).toBe(0);
  });
});

describe('contact persons', () => {
  it('stores phones in E.164 and finds the contact by any spelling of the number', async () => {
    const [partner] = await test.db.select().from(partners).limit(1);
    const bad = await contactPersonCatalog.save(
      test.db,
      null,
      { partnerId: String(partner!.id), name: 'Алексей', phones: '+7 916 000\nabc', telegram: '@x' },
      null,
    );
    expect(bad).toEqual({
      ok: false,
      errors: { phones: 'phone_invalid:+7 916 000, abc', telegram: 'telegram_invalid' },
    });
    const saved = await contactPersonCatalog.save(
      test.db,
      null,
      {
        partnerId: String(partner!.id),
        name: 'Алексей Кузнецов',
        phones: '8 916 123-45-67\n+7 (495) 720-10-20',
        emails: 'A.Kuznetsov@Klimat.ru',
        telegram: '@kuznetsov_ak',
      },
      null,
    );
    expect(saved.ok).toBe(true);
    const [row] = await test.db.select().from(contactPersons);
    expect(row).toMatchObject({
      phones: ['+79161234567', '+74957201020'],
      emails: ['a.kuznetsov@klimat.ru'],
      telegram: 'kuznetsov_ak',
    });
    const byPhone = await listContactPersons(test.db, { q: '+7 916 123 45 67' });
    expect(byPhone.rows.map((r) => r.name)).toEqual(['Алексей Кузнецов']);
    expect((await listContactPersons(test.db, { partnerId: partner!.id })).total).toBe(1);
  });
});

describe('products and prices', () => {
  it('upper-cases the SKU, keeps properties and refuses a duplicate SKU', async () => {
    const input = {
      sku: 'kond-man-09',
      name: 'Кондиционер с ручным управлением',
      unit: 'шт',
      kind: 'goods',
      vatRate: '22',
      property_control_type: 'manual',
    };
    const saved = await productCatalog.save(test.db, null, input, null);
    expect(saved.ok).toBe(true);
    const [row] = await test.db.select().from(products);
    expect(row).toMatchObject({
      sku: 'KOND-MAN-09',
      properties: { control_type: 'manual' },
      giftable: false,
    });
    expect(productCatalog.toForm(row!)).toMatchObject({ property_control_type: 'manual' });
    expect(await productCatalog.save(test.db, null, { ...input, name: 'Другой' }, null)).toEqual({
      ok: false,
      errors: { sku: 'duplicate_sku' },
    });
    expect(
      await productCatalog.save(
        test.db,
        null,
        { ...input, sku: 'X', vatRate: '18', property_control_type: 'voice' },
        null,
      ),
    ).toEqual({ ok: false, errors: { vatRate: 'required', property_control_type: 'invalid' } });
    expect((await listProducts(test.db, { q: 'РУЧН' })).total).toBe(1);
  });

  it('keeps prices effective-dated per price type, exactly to the kopeck', async () => {
    const [product] = await test.db.select().from(products);
    const retail = await priceTypeCatalog.save(
      test.db,
      null,
      { name: 'Розничная', purpose: 'sale', includesVat: 'on' },
      null,
    );
    const retailId = retail.ok ? retail.id : 0;
    const base = { productId: String(product!.id), priceTypeId: String(retailId) };
    expect(
      (await priceCatalog.save(test.db, null, { ...base, validFrom: '2026-01-01', price: '5 100,00' }, null))
        .ok,
    ).toBe(true);
    expect(
      (await priceCatalog.save(test.db, null, { ...base, validFrom: '2026-06-01', price: '5399.99' }, null))
        .ok,
    ).toBe(true);
    expect(
      await priceCatalog.save(test.db, null, { ...base, validFrom: '2026-06-01', price: '1' }, null),
    ).toEqual({
      ok: false,
      errors: { validFrom: 'duplicate_price' },
    });
    expect(
      await priceCatalog.save(test.db, null, { ...base, validFrom: '2026-13-01', price: '1.001' }, null),
    ).toEqual({
      ok: false,
      errors: { validFrom: 'date_invalid', price: 'money_invalid' },
    });
    expect(await priceOn(test.db, product!.id, retailId, '2025-12-31')).toBeNull();
    expect(await priceOn(test.db, product!.id, retailId, '2026-05-31')).toBe('5100.00');
    expect(await priceOn(test.db, product!.id, retailId, '2026-06-01')).toBe('5399.99');
    const [n] = await test.db.select({ n: count() }).from(prices);
    expect(n?.n).toBe(2);
    expect((await listPrices(test.db, { productId: product!.id })).rows.map((r) => r.price)).toEqual([
      '5399.99',
      '5100.00',
    ]);
  });
});

describe('the main warehouse and the main sale price type', () => {
  const mains = async (table: typeof warehouses | typeof priceTypes) =>
    (await test.db.select({ name: table.name }).from(table).where(eq(table.main, true))).map((r) => r.name);

  it('is the only warehouse, then the one flagged; flagging another takes the flag off the first', async () => {
    const first = await warehouseCatalog.save(test.db, null, { name: 'Склад А' }, null);
    const firstId = first.ok ? first.id : 0;
    expect(await defaultWarehouseId(test.db)).toBe(firstId);
    const second = await warehouseCatalog.save(test.db, null, { name: 'Склад Б' }, null);
    const secondId = second.ok ? second.id : 0;
    // Two warehouses and neither is main: there is no telling which one a document starts from.
    expect(await defaultWarehouseId(test.db)).toBeNull();
    await warehouseCatalog.save(test.db, firstId, { name: 'Склад А', main: 'on' }, null);
    expect(await defaultWarehouseId(test.db)).toBe(firstId);
    await warehouseCatalog.save(test.db, secondId, { name: 'Склад Б', main: 'on' }, null);
    expect(await mains(warehouses)).toEqual(['Склад Б']);
    expect(await defaultWarehouseId(test.db)).toBe(secondId);
    // An archived main warehouse starts nothing.
    await warehouseCatalog.setArchived(test.db, secondId, true, null);
    expect(await defaultWarehouseId(test.db)).toBe(firstId);
  });

  it('keeps one main warehouse when two are flagged at once', async () => {
    const ids = await Promise.all(
      ['Склад В', 'Склад Г'].map(async (name) => {
        const saved = await warehouseCatalog.save(test.db, null, { name, main: 'on' }, null);
        return saved.ok ? saved.id : 0;
      }),
    );
    expect(ids.every((id) => id > 0)).toBe(true);
    expect(await mains(warehouses)).toHaveLength(1);
  });

  it('is a sale price type, by its flag rather than its name', async () => {
    const purchase = { name: 'Закупочная', purpose: 'purchase', main: 'on' };
    expect(await priceTypeCatalog.save(test.db, null, purchase, null)).toEqual({
      ok: false,
      errors: { main: 'main_sale_only' },
    });
    await test.db.update(priceTypes).set({ main: false });
    const wholesale = await priceTypeCatalog.save(test.db, null, { name: 'Оптовая', purpose: 'sale' }, null);
    const wholesaleId = wholesale.ok ? wholesale.id : 0;
    const [retail] = await test.db.select().from(priceTypes).where(eq(priceTypes.name, 'Розничная'));
    expect(await defaultSalePriceTypeId(test.db)).toBeNull();
    await priceTypeCatalog.save(test.db, wholesaleId, { name: 'Оптовая', purpose: 'sale', main: 'on' }, null);
    expect(await defaultSalePriceTypeId(test.db)).toBe(wholesaleId);
    await priceTypeCatalog.save(
      test.db,
      retail!.id,
      { name: 'Розничная', purpose: 'sale', main: 'on' },
      null,
    );
    expect(await mains(priceTypes)).toEqual(['Розничная']);
  });
});

describe('organization and bank accounts', () => {
  it('checks the account against the BIK', async () => {
    const org = await organizationCatalog.save(
      test.db,
      null,
      { name: 'Торг', inn: '7730123456', ogrn: '1027730123453' },
      null,
    );
    expect(org.ok).toBe(true);
    const organizationId = String(org.ok ? org.id : 0);
    const account = { organizationId, bankName: 'ПАО Сбербанк', bik: '044525225', currency: 'rub' };
    expect(
      await bankAccountCatalog.save(
        test.db,
        null,
        { ...account, accountNumber: '40702810938000012346' },
        null,
      ),
    ).toEqual({ ok: false, errors: { accountNumber: 'account_checksum' } });
    expect(
      (
        await bankAccountCatalog.save(
          test.db,
          null,
          { ...account, accountNumber: '4070 2810 9380 0001 2345', corrAccount: '30101810400000000225' },
          null,
        )
      ).ok,
    ).toBe(true);
  });
});
