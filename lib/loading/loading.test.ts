import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cashBalances,
  cashDesks,
  clientSettlementBalances,
  contactPersons,
  dataLoads,
  partners,
  prices,
  productGroups,
  products,
  stockBalances,
  supplierSettlementBalances,
  users,
} from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { checkLedger } from '@/lib/ledger/check';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { checkRows } from './check';
import { runLoad } from './load';
import { LoadFileError, parseTable, readCsv } from './parse';
import { guessMapping } from './targets';
import { uploadLoad } from './uploads';

const test = isolatedDatabase();
let f: Awaited<ReturnType<typeof salesFixtures>>;
let admin: { id: number; role: 'admin' };
const options = { validOnly: true, createGroups: false, onDate: '2026-01-01' };

beforeAll(async () => {
  f = await salesFixtures(test.db);
  const [user] = await test.db
    .insert(users)
    .values({ email: 'admin@test', name: 'Админ', role: 'admin', passwordHash: '-' })
    .returning();
  admin = { id: user!.id, role: 'admin' };
});

/** Windows-1251 of ASCII and Russian letters, as 1C writes it. */
const win1251 = (text: string) =>
  Uint8Array.from(text, (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 128) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x350;
    return c === 0x401 ? 0xa8 : c === 0x451 ? 0xb8 : 0x3f;
  });
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
const upload = (kind: Parameters<typeof uploadLoad>[1], bytes: Uint8Array, name = 'file.csv') =>
  uploadLoad(test.db, kind, { name, bytes }, null);

describe('reading files', () => {
  it('reads CSV in UTF-8 with «;» and quoted cells holding separators, quotes and newlines', async () => {
    const table = await parseTable(
      Buffer.from(
        '\ufeffНаименование;ИНН;Комментарий\r\n"ООО ""Ромашка""";7707083893;"a;b\nc"\r\n\r\n',
        'utf8',
      ),
    );
    expect(table).toEqual({
      headers: ['Наименование', 'ИНН', 'Комментарий'],
      rows: [['ООО "Ромашка"', '7707083893', 'a;b\nc']],
    });
  });

  it('reads CSV in Windows-1251 separated by commas (as 1C saves it)', async () => {
    const table = await parseTable(
      win1251('Артикул,Наименование,Цена\nА-1,Чайник электрический,"1 500,50"\n'),
    );
    expect(table.headers).toEqual(['Артикул', 'Наименование', 'Цена']);
    expect(table.rows).toEqual([['А-1', 'Чайник электрический', '1 500,50']]);
  });

  it('reads the first sheet of an XLSX, numbers and dates as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист1');
    sheet.addRow(['SKU', 'Name', 'Price']);
    sheet.addRow(['X-1', 'Kettle', 1500.5]);
    sheet.addRow([]);
    sheet.addRow(['X-2', 'Iron', 990]);
    const table = await parseTable(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(table.rows).toEqual([
      ['X-1', 'Kettle', '1500.5'],
      ['X-2', 'Iron', '990'],
    ]);
  });

  it('refuses an empty file and one that is neither XLSX nor CSV', async () => {
    await expect(parseTable(csv(['Наименование']))).rejects.toThrow(LoadFileError);
    await expect(parseTable(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))).rejects.toThrow(LoadFileError);
  });

  it('stops counting past the row limit without reading the rest', () => {
    expect(() => readCsv('a\n'.repeat(200_000))).toThrow(LoadFileError);
  });
});

describe('mapping', () => {
  it('guesses columns by their Russian and English headers, price types by name, each field once', () => {
    expect(
      guessMapping(
        'products',
        ['Артикул', 'Наименование', 'Ед. изм.', 'Группа номенклатуры', 'Розничная', 'Note'],
        [{ id: 7, name: 'Розничная' }],
      ),
    ).toEqual(['sku', 'name', 'unit', 'group', 'price:7', '']);
    expect(
      guessMapping('partners', ['Name', 'TIN', 'Phone', 'Contact person', 'Contact phone', 'Name']),
    ).toEqual(['name', 'inn', 'phone', 'contactName', 'contactPhones', '']);
  });
});

describe('checking rows', () => {
  it('names bad INNs, INNs twice in the file or already in the database, and normalises phones', async () => {
    const rows = [
      ['Альфа', '7728168971', '8 (495) 123-45-67', 'Иван Петров', '+7 916 123 45 67'],
      ['Бета', '7728168972', '', '', ''],
      ['Гамма', '7728168971', '', '', ''],
      ['Дельта', '5029876544', '', '', ''],
      ['', '', '', '', ''],
    ];
    const checked = await checkRows(test.db, 'partners', rows, [
      'name',
      'inn',
      'phone',
      'contactName',
      'contactPhones',
    ]);
    expect(checked.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, {}],
      [3, { inn: 'inn_checksum' }],
      [4, { inn: 'duplicate_in_file' }],
      [5, { inn: 'duplicate_inn' }],
      [6, { name: 'required' }],
    ]);
    expect(checked.rows[0]!.value).toMatchObject({
      partner: { name: 'Альфа', phone: '+74951234567', isClient: true },
      contact: { name: 'Иван Петров', phones: ['+79161234567'] },
    });
  });

  it('names SKUs twice in the file or in the database, unknown groups, bad numbers and unmapped fields', async () => {
    const mapping = ['sku', 'name', 'group', `price:${f.retail.id}`];
    const checked = await checkRows(
      test.db,
      'products',
      [
        ['n-1', 'Новый', '', '100,50'],
        ['N-1', 'Он же', '', ''],
        ['P-1', 'Уже есть', '', ''],
        ['N-2', 'В группе', 'Чайники', ''],
        ['N-3', 'Цена', '', 'дорого'],
      ],
      mapping,
    );
    expect(checked.rows.map((r) => r.errors)).toEqual([
      {},
      { sku: 'duplicate_in_file' },
      { sku: 'duplicate_sku' },
      { group: 'group_unknown' },
      { [`price:${f.retail.id}`]: 'money_invalid' },
    ]);
    expect(checked.missingGroups).toEqual(['Чайники']);
    expect(checked.rows[0]!.value).toMatchObject({
      product: { sku: 'N-1', unit: 'шт', vatRate: '22' },
      prices: [{ priceTypeId: f.retail.id, price: '100.50' }],
    });
    expect((await checkRows(test.db, 'products', [['x']], ['name'])).unmapped).toEqual(['sku']);
  });
});

describe('loading', () => {
  const partnerFile = csv([
    'Наименование;ИНН;Телефон;Контактное лицо;Телефон контакта',
    'Загрузка-1;7736050003;+7 495 000-00-01;Ольга;8 916 000 00 01',
    'Загрузка-2;7736050004;;;',
    'Загрузка-3;7702070139;;;',
  ]);

  it('all or nothing: a row with an error loads nothing, and the file may be loaded again', async () => {
    const id = await upload('partners', partnerFile);
    const outcome = await runLoad(test.db, id, { ...options, validOnly: false }, admin);
    expect(outcome).toEqual({ ok: false, errors: { _form: 'rows_with_errors:1' } });
    const [load] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
    expect(load).toMatchObject({ status: 'uploaded', failure: 'rows_with_errors:1', loaded: 0 });
    const found = await test.db.select().from(partners).where(sql`${partners.name} like 'Загрузка-%'`);
    expect(found).toEqual([]);
  });

  it('valid rows only: loads them with their contacts, skips the rest, and a second click loads nothing', async () => {
    const id = await upload('partners', partnerFile);
    const [first, second] = await Promise.all([
      runLoad(test.db, id, options, admin),
      runLoad(test.db, id, options, admin),
    ]);
    const outcomes = [first, second].sort((a) => (a.ok && a.already ? 1 : -1));
    expect(outcomes[0]).toEqual({ ok: true, loaded: 2, skipped: 1 });
    expect(outcomes[1]).toMatchObject({ ok: true, already: true });
    expect(await runLoad(test.db, id, options, admin)).toEqual({
      ok: true,
      loaded: 2,
      skipped: 1,
      already: true,
    });
    const found = await test.db
      .select({
        name: partners.name,
        phone: partners.phone,
        contact: contactPersons.name,
        phones: contactPersons.phones,
      })
      .from(partners)
      .leftJoin(contactPersons, eq(contactPersons.partnerId, partners.id))
      .where(sql`${partners.name} like 'Загрузка-%'`)
      .orderBy(partners.name);
    expect(found).toEqual([
      { name: 'Загрузка-1', phone: '+74950000001', contact: 'Ольга', phones: ['+79160000001'] },
      { name: 'Загрузка-3', phone: null, contact: null, phones: null },
    ]);
    const [load] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
    expect(load).toMatchObject({ status: 'loaded', loaded: 2, skipped: 1, processed: 3, rows: [] });
  });

  it('all or nothing: a clean file loads whole in one transaction', async () => {
    const id = await upload('partners', csv(['Name;TIN;Supplier', 'Whole-1;;yes', 'Whole-2;;no']));
    expect(await runLoad(test.db, id, { ...options, validOnly: false }, admin)).toEqual({
      ok: true,
      loaded: 2,
      skipped: 0,
    });
    const found = await test.db
      .select({ name: partners.name, isClient: partners.isClient, isSupplier: partners.isSupplier })
      .from(partners)
      .where(sql`${partners.name} like 'Whole-%'`)
      .orderBy(partners.name);
    expect(found).toEqual([
      { name: 'Whole-1', isClient: false, isSupplier: true },
      { name: 'Whole-2', isClient: true, isSupplier: false },
    ]);
  });

  it('products with prices, creating the groups the file names when asked', async () => {
    const id = await upload(
      'products',
      csv([
        'Артикул;Наименование;Группа;Розничная',
        'L-1;Чайник;Кухня;1 200,00',
        'L-2;Утюг;Дом;990',
        'P-2;Дубль;Дом;1',
      ]),
    );
    expect(await runLoad(test.db, id, { ...options, validOnly: false, createGroups: true }, admin)).toEqual({
      ok: false,
      errors: { _form: 'rows_with_errors:1' },
    });
    expect(await runLoad(test.db, id, { ...options, createGroups: true }, admin)).toEqual({
      ok: true,
      loaded: 2,
      skipped: 1,
    });
    const loaded = await test.db
      .select({ sku: products.sku, group: productGroups.name, price: prices.price, from: prices.validFrom })
      .from(products)
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .innerJoin(prices, eq(prices.productId, products.id))
      .where(sql`${products.sku} like 'L-%'`)
      .orderBy(products.sku);
    expect(loaded).toEqual([
      { sku: 'L-1', group: 'Кухня', price: '1200.00', from: '2026-01-01' },
      { sku: 'L-2', group: 'Дом', price: '990.00', from: '2026-01-01' },
    ]);
  });

  const supplierDebt = async () =>
    (
      await test.db
        .select({ amount: supplierSettlementBalances.amount })
        .from(supplierSettlementBalances)
        .where(eq(supplierSettlementBalances.partnerId, f.supplier.id))
    )[0]?.amount ?? '0';

  it('opening stock, client and supplier debts and cash post as documents and the ledger stays exact', async () => {
    const stock = await upload(
      'opening_stock',
      csv([
        'Артикул;Склад;Количество;Себестоимость',
        `P-3;${f.second.name};5;100`,
        'P-404;Основной склад;1;1',
      ]),
    );
    expect(await runLoad(test.db, stock, options, admin)).toEqual({ ok: true, loaded: 1, skipped: 1 });
    const [balance] = await test.db
      .select({ quantity: stockBalances.quantity })
      .from(stockBalances)
      .where(
        sql`${stockBalances.productId} = ${f.products[2]!.id} and ${stockBalances.warehouseId} = ${f.second.id}`,
      );
    expect(balance?.quantity).toBe('5.000');

    const debts = await upload('client_debts', csv(['ИНН;Сумма', `${f.client.inn};1500,00`]));
    expect(await runLoad(test.db, debts, options, admin)).toEqual({ ok: true, loaded: 1, skipped: 0 });
    const [debt] = await test.db
      .select({ amount: clientSettlementBalances.amount })
      .from(clientSettlementBalances)
      .where(
        sql`${clientSettlementBalances.partnerId} = ${f.client.id} and ${clientSettlementBalances.orderId} = 0`,
      );
    expect(debt?.amount).toBe('1500.00');

    const owedBefore = await supplierDebt();
    const owed = await upload(
      'supplier_debts',
      csv(['Поставщик;Сумма', `${f.supplier.name};700`, 'Никто;1']),
    );
    expect(await runLoad(test.db, owed, { ...options, validOnly: false }, admin)).toEqual({
      ok: false,
      errors: { _form: 'rows_with_errors:1' },
    });
    expect(await runLoad(test.db, owed, options, admin)).toEqual({ ok: true, loaded: 1, skipped: 1 });
    expect(Number(await supplierDebt()) - Number(owedBefore)).toBe(700);

    const cash = await upload('cash', csv(['Счет;Сумма', `${f.account.accountNumber};250000`]));
    expect(await runLoad(test.db, cash, options, admin)).toEqual({ ok: true, loaded: 1, skipped: 0 });
    const [money] = await test.db
      .select({ amount: cashBalances.amount })
      .from(cashBalances)
      .where(eq(cashBalances.bankAccountId, f.account.id));
    expect(money?.amount).toBe('250000.00');

    // A row names a bank account or a cash desk (by name), not both, not neither.
    const [desk] = await test.db.insert(cashDesks).values({ name: 'Касса магазина' }).returning();
    const byDesk = await upload('cash', csv(['Касса;Сумма', 'касса магазина;1200,50', 'Нет такой;1']));
    const rows = await checkRows(
      test.db,
      'cash',
      [
        ['касса магазина', '1200,50'],
        ['Нет такой', '1'],
      ],
      ['cashDesk', 'amount'],
    );
    expect(rows.rows.map((r) => r.errors)).toEqual([{}, { cashDesk: 'cash_desk_unknown' }]);
    expect(await runLoad(test.db, byDesk, options, admin)).toEqual({ ok: true, loaded: 1, skipped: 1 });
    const [inDesk] = await test.db
      .select({ amount: cashBalances.amount })
      .from(cashBalances)
      .where(eq(cashBalances.cashDeskId, desk!.id));
    expect(inDesk?.amount).toBe('1200.50');
    const both = await checkRows(
      test.db,
      'cash',
      [
        [f.account.accountNumber, 'Касса магазина', '1'],
        ['', '', '1'],
      ],
      ['account', 'cashDesk', 'amount'],
    );
    expect((await checkRows(test.db, 'cash', [], ['amount'])).unmapped).toEqual(['account']);
    expect(both.rows.map((r) => r.errors)).toEqual([
      { account: 'account_or_cash_desk' },
      { account: 'account_or_cash_desk' },
    ]);
    expect(await checkLedger(test.db)).toEqual([]);
  });
});
