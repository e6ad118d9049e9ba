import { createDeflateRaw } from 'node:zlib';
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
import { type JobHandler, runJobsUntilIdle, runNextJob } from '@/lib/jobs/worker';
import { checkLedger } from '@/lib/ledger/check';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { checkRows } from './check';
import { LOAD_BATCH, LOAD_JOB, type LoadOptions, runLoadJob, startLoad } from './load';
import { LoadFileError, MAX_XLSX_UNPACKED_MB, parseTable, readCsv } from './parse';
import { guessMapping } from './targets';
import { loadPreview, PREVIEW_PAGE, saveMapping, uploadLoad } from './uploads';

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

/** A zip of entries already packed (`method` 0 stored, 8 deflated), without checksums: enough for its directory to be read. */
function zipOf(entries: [name: string, data: Buffer, method: number][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data, method] of entries) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, Buffer.from(name), data);
    central.push(entry, Buffer.from(name));
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Windows-1251 of ASCII and Russian letters, as 1C writes it. */
const win1251 = (text: string) =>
  Uint8Array.from(text, (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 128) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x350;
    return c === 0x401 ? 0xa8 : c === 0x451 ? 0xb8 : 0x3f;
  });
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
/** Runs the queued loads' jobs, as the worker does. */
const runJobs = (handler: JobHandler = runLoadJob) => runJobsUntilIdle(test.db, { [LOAD_JOB]: handler });

/** Starts a load as the page does and runs its job: what the page shows then, the counts or the refusal. */
async function runLoad(id: number, loadOptions: LoadOptions) {
  const started = await startLoad(test.db, id, loadOptions, admin);
  await runJobs();
  const [load] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
  if (load?.status !== 'loaded') return { ok: false, errors: { _form: load?.failure } };
  return {
    ok: true,
    loaded: load.loaded,
    skipped: load.skipped,
    ...(started.ok && started.already && { already: true }),
  };
}

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
    sheet.addRow(['X-3', 'Since', new Date('2026-01-15T00:00:00Z')]);
    const table = await parseTable(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(table.rows).toEqual([
      ['X-1', 'Kettle', '1500.5'],
      ['X-2', 'Iron', '990'],
      ['X-3', 'Since', '2026-01-15'],
    ]);
  });

  it('refuses an XLSX that unpacks past its bound (a zip bomb) before parsing it', async () => {
    // A sheet of 210 MB of the same cell, deflated to well under a megabyte.
    const cell = Buffer.from('<c t="s"><v>0</v></c>'.repeat(50_000));
    const deflate = createDeflateRaw({ level: 9 });
    const packed: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => packed.push(chunk));
    const done = new Promise((resolve) => deflate.on('end', resolve));
    for (let mb = 0; mb < (MAX_XLSX_UNPACKED_MB + 10) * 1e6; mb += cell.length) deflate.write(cell);
    deflate.end();
    await done;
    const bomb = zipOf([
      ['[Content_Types].xml', Buffer.from('<Types/>'), 0],
      ['xl/worksheets/sheet1.xml', Buffer.concat(packed), 8],
    ]);
    expect(bomb.length).toBeLessThan(1e6);
    const refused = await parseTable(bomb).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LoadFileError);
    expect(refused).toMatchObject({ reason: 'too_large_unpacked' });
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

  it('the preview shows the check kept with the mapping, paged, and checks again only when the mapping is confirmed', async () => {
    const lines = Array.from({ length: PREVIEW_PAGE + 30 }, (_, i) => `PV-${i};`);
    const id = await upload('products', csv(['Артикул;Наименование;Заметка', 'PV-new;Новый;x', ...lines]));
    const first = await loadPreview(test.db, id);
    expect(first).toMatchObject({
      samples: ['PV-new', 'Новый', 'x'],
      check: { total: PREVIEW_PAGE + 31, bad: PREVIEW_PAGE + 30, unmapped: [], missingGroups: [] },
    });
    expect(first!.errors).toMatchObject({ total: PREVIEW_PAGE + 30, page: 1, pageSize: PREVIEW_PAGE });
    expect(first!.errors.rows).toHaveLength(PREVIEW_PAGE);
    expect(first!.errors.rows[0]).toEqual({ id: 3, line: 3, errors: { name: 'required' } });
    const second = await loadPreview(test.db, id, 2);
    expect(second!.errors.rows.map((r) => r.line)).toEqual(
      Array.from({ length: 30 }, (_, i) => PREVIEW_PAGE + 3 + i),
    );
    // Someone adds the new SKU: the stored preview does not read the rows again…
    await test.db.insert(products).values({ sku: 'PV-NEW', name: 'Занят' });
    expect((await loadPreview(test.db, id))!.check.bad).toBe(PREVIEW_PAGE + 30);
    // …until the mapping is confirmed (here with the note as the description).
    expect(await saveMapping(test.db, id, ['sku', 'name', 'description'])).toEqual({ ok: true });
    const again = await loadPreview(test.db, id);
    expect(again!.check.bad).toBe(PREVIEW_PAGE + 31);
    expect(again!.errors.rows[0]).toEqual({ id: 2, line: 2, errors: { sku: 'duplicate_sku' } });
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
    const outcome = await runLoad(id, { ...options, validOnly: false });
    expect(outcome).toEqual({ ok: false, errors: { _form: 'rows_with_errors:1' } });
    const [load] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
    expect(load).toMatchObject({ status: 'uploaded', failure: 'rows_with_errors:1', loaded: 0 });
    const found = await test.db.select().from(partners).where(sql`${partners.name} like 'Загрузка-%'`);
    expect(found).toEqual([]);
  });

  it('valid rows only: loads them with their contacts, skips the rest, and a second click loads nothing', async () => {
    const id = await upload('partners', partnerFile);
    // Two clicks at once: one starts the load and enqueues its job, the other finds it started.
    const clicks = await Promise.all([
      startLoad(test.db, id, options, admin),
      startLoad(test.db, id, options, admin),
    ]);
    expect(clicks.filter((c) => c.ok && c.already)).toHaveLength(1);
    expect(await runJobs()).toBe(1);
    expect(await runLoad(id, options)).toEqual({ ok: true, loaded: 2, skipped: 1, already: true });
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
    expect(await runLoad(id, { ...options, validOnly: false })).toEqual({
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
    expect(await runLoad(id, { ...options, validOnly: false, createGroups: true })).toEqual({
      ok: false,
      errors: { _form: 'rows_with_errors:1' },
    });
    expect(await runLoad(id, { ...options, createGroups: true })).toEqual({
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
    expect(await runLoad(stock, options)).toEqual({ ok: true, loaded: 1, skipped: 1 });
    const [balance] = await test.db
      .select({ quantity: stockBalances.quantity })
      .from(stockBalances)
      .where(
        sql`${stockBalances.productId} = ${f.products[2]!.id} and ${stockBalances.warehouseId} = ${f.second.id}`,
      );
    expect(balance?.quantity).toBe('5.000');

    const debts = await upload('client_debts', csv(['ИНН;Сумма', `${f.client.inn};1500,00`]));
    expect(await runLoad(debts, options)).toEqual({ ok: true, loaded: 1, skipped: 0 });
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
    expect(await runLoad(owed, { ...options, validOnly: false })).toEqual({
      ok: false,
      errors: { _form: 'rows_with_errors:1' },
    });
    expect(await runLoad(owed, options)).toEqual({ ok: true, loaded: 1, skipped: 1 });
    expect(Number(await supplierDebt()) - Number(owedBefore)).toBe(700);

    const cash = await upload('cash', csv(['Счет;Сумма', `${f.account.accountNumber};250000`]));
    expect(await runLoad(cash, options)).toEqual({ ok: true, loaded: 1, skipped: 0 });
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
    expect(await runLoad(byDesk, options)).toEqual({ ok: true, loaded: 1, skipped: 1 });
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

  it('all or nothing: 7 000 opening debts (more than PostgreSQL holds savepoint locks for) load in one transaction', async () => {
    const count = 7_000;
    await test.db.execute(sql`
      insert into partners (name) select 'Долг на начало ' || g from generate_series(1, ${count}) g`);
    const rows = Array.from({ length: count }, (_, i) => `Долг на начало ${i + 1};${i + 1},50`);
    const debts = await upload('client_debts', csv(['Клиент;Сумма', ...rows]));
    const allOrNothing = { ...options, validOnly: false };
    expect(await runLoad(debts, allOrNothing)).toEqual({ ok: true, loaded: count, skipped: 0 });
    const [total] = await test.db.execute<{ sum: string; n: number }>(sql`
      select sum(b.amount)::text as sum, count(*)::int as n from client_settlement_balances b
      join partners p on p.id = b.partner_id where p.name like 'Долг на начало %'`);
    // 1,50 + 2,50 + … + 7 000,50
    expect(total).toEqual({ sum: `${(count * (count + 1)) / 2 + count / 2}.00`, n: count });
    expect(await checkLedger(test.db)).toEqual([]);
  }, 120_000);
});

describe('a load as a background job', () => {
  /** A products file of `n` rows, SKUs `<prefix>-1` … */
  const productFile = (prefix: string, n: number) =>
    csv([
      'Артикул;Наименование;Розничная',
      ...Array.from({ length: n }, (_, i) => `${prefix}-${i + 1};Товар ${i + 1};10`),
    ]);
  const loadedOf = async (prefix: string) =>
    (
      (await test.db.execute(sql`
        select count(*)::int as products, count(distinct p.sku)::int as skus, (select count(*)::int from prices pr
          join products q on q.id = pr.product_id where q.sku like ${`${prefix}-%`}) as prices
        from products p where p.sku like ${`${prefix}-%`}`)) as unknown as Record<string, number>[]
    )[0];
  /** The load's job on a database that fails its `call`-th call of `method` — a process that dies there. */
  const dyingAt =
    (method: 'transaction' | 'update', call: number): JobHandler =>
    (tx, payload, job, db) => {
      let calls = 0;
      const dying = new Proxy(db, {
        get(target, key, receiver) {
          const real = Reflect.get(target, key, receiver);
          if (key !== method) return real;
          return (...args: unknown[]) => {
            if (++calls === call) throw new Error('process killed');
            return real.apply(target, args);
          };
        },
      });
      return runLoadJob(tx, payload, job, dying);
    };
  const retryNow = () => test.db.execute(sql`update jobs set run_at = now() where kind = ${LOAD_JOB}`);
  const rows = LOAD_BATCH * 2 + 500;

  it('valid rows: a job killed after its first batch and run again loads every row exactly once', async () => {
    const id = await upload('products', productFile('KV', rows));
    expect(await startLoad(test.db, id, options, admin)).toEqual({ ok: true });
    expect(await runNextJob(test.db, { [LOAD_JOB]: dyingAt('transaction', 2) })).toBe('failed');
    const [cut] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
    expect(cut).toMatchObject({ status: 'loading', committed: LOAD_BATCH, loaded: LOAD_BATCH });
    expect(await loadedOf('KV')).toEqual({ products: LOAD_BATCH, skus: LOAD_BATCH, prices: LOAD_BATCH });
    await retryNow();
    expect(await runJobs()).toBe(1);
    expect(await loadedOf('KV')).toEqual({ products: rows, skus: rows, prices: rows });
    const [load] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
    expect(load).toMatchObject({
      status: 'loaded',
      loaded: rows,
      skipped: 0,
      committed: rows,
      processed: rows,
    });
  });

  it('all or nothing: a job killed mid-way has written nothing, and run again loads every row once', async () => {
    const id = await upload('products', productFile('KA', rows));
    await startLoad(test.db, id, { ...options, validOnly: false }, admin);
    // Its second progress step: two batches written in the job's transaction, which dies with them.
    expect(await runNextJob(test.db, { [LOAD_JOB]: dyingAt('update', 2) })).toBe('failed');
    expect(await loadedOf('KA')).toEqual({ products: 0, skus: 0, prices: 0 });
    await retryNow();
    expect(await runJobs()).toBe(1);
    expect(await loadedOf('KA')).toEqual({ products: rows, skus: rows, prices: rows });
  });

  it('a load failing on its last attempt returns to the page with the reason, and continues when started again', async () => {
    const id = await upload('products', productFile('KL', rows));
    await startLoad(test.db, id, options, admin);
    await test.db.execute(sql`update jobs set attempts = max_attempts - 1 where kind = ${LOAD_JOB}`);
    expect(await runNextJob(test.db, { [LOAD_JOB]: dyingAt('transaction', 2) })).toBe('done');
    const [failed] = await test.db.select().from(dataLoads).where(eq(dataLoads.id, id));
    expect(failed).toMatchObject({ status: 'uploaded', failure: 'load_failed', committed: LOAD_BATCH });
    expect(await runLoad(id, options)).toEqual({ ok: true, loaded: rows, skipped: 0 });
    expect(await loadedOf('KL')).toEqual({ products: rows, skus: rows, prices: rows });
  });
});
