import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbOrTx } from '@/db/client';
import { isolatedDatabase } from '@/db/testing';
import { withDatabase } from '@/db/testing-url';
import { saveDocument } from '@/lib/documents/save-document';
import { checkLedger } from '@/lib/ledger/check';
import { registers } from '@/lib/ledger/registers';
import { salesFixtures } from '@/lib/sales/test-fixtures';
import { backupDatabase, findPgTool, restoreDatabase, serverMajor } from './backup';
import { backupTables, isTableCopyBackup } from './table-copy-backup';

const test = isolatedDatabase();
const restored = `torg_restored_${process.pid}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'torg-backup-'));
  const f = await salesFixtures(test.db);
  const received = await saveDocument(
    test.db,
    'goods_receipt',
    null,
    {
      date: '2026-11-02T10:00:00Z',
      partnerId: f.supplier.id,
      warehouseId: f.main.id,
      lines: f.products.map((p) => ({ productId: p.id, quantity: '40', price: '512.35', vatRate: '22' })),
    },
    null,
    { post: true },
  );
  expect(received.ok).toBe(true);
  for (let i = 1; i <= 5; i++) {
    const order = await saveDocument(
      test.db,
      'customer_order',
      null,
      {
        date: '2026-11-03T10:00:00Z',
        partnerId: f.client.id,
        warehouseId: f.main.id,
        lines: [{ productId: f.products[i % f.products.length]!.id, quantity: String(i), price: '99000' }],
      },
      f.manager,
      { post: true },
    );
    expect(order.ok).toBe(true);
  }
});

afterAll(async () => {
  const admin = postgres(withDatabase(test.url, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${restored} with (force)`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

/** Every balance table, row by row, as text: equal digests are equal balances. */
async function balances(db: DbOrTx): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const reg of registers) {
    const [row] = await db.execute<{ digest: string; n: number }>(
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n from ${reg.balances} t`,
      ),
    );
    out[reg.balances] = `${row?.n}:${row?.digest}`;
  }
  return out;
}

/** Whether this machine has a pg_dump for the test server (the embedded PostgreSQL 18 ships none). */
const toolsFit = async () =>
  findPgTool('pg_dump', await serverMajor(test.url)).then(
    () => true,
    () => false,
  );

/** Restores `file` into a new database and compares it with the original. */
async function restoresTheSame(file: string) {
  const url = await restoreDatabase(test.url, file, restored, { replace: true });
  const copy = connect(url, { max: 1 });
  try {
    expect(await checkLedger(copy.db)).toEqual([]);
    expect(await checkLedger(test.db)).toEqual([]);
    const original = await balances(test.db);
    expect(original.stock_balances).not.toMatch(/^0:/);
    expect(await balances(copy.db)).toEqual(original);
    const count = async (db: DbOrTx) =>
      (
        await db.execute<{ n: number }>(sql`select count(*)::int as n from documents where status = 'posted'`)
      )[0]?.n;
    expect(await count(copy.db)).toBe(await count(test.db));
    expect(await count(copy.db)).toBeGreaterThanOrEqual(6);
    return { url, copy };
  } catch (error) {
    await copy.close();
    throw error;
  }
}

describe('backup and restore', () => {
  it("a backup (pg_dump's format where it fits the server) restored into a new database has the same balances, and its ledger check is clean", async () => {
    const file = path.join(dir, 'torg.dump');
    // Without a fitting pg_dump (the embedded server) the command writes Torg's own format instead.
    expect(await backupDatabase(test.url, file)).toBe((await toolsFit()) ? 'pg_dump' : 'table-copy');
    const { url, copy } = await restoresTheSame(file);
    await copy.close();
    // Never over an existing database unless told to replace it; never a name it would have to quote.
    await expect(restoreDatabase(test.url, file, restored)).rejects.toThrow(/exists/);
    await expect(restoreDatabase(test.url, file, 'x; drop database y')).rejects.toThrow(
      /not a database name/,
    );
    const again = await restoreDatabase(test.url, file, restored, { replace: true });
    expect(again).toBe(url);
  });

  it("with Torg's table copy (no pg_dump): the same balances and documents, triggers quiet, and new documents continue the ids and numbers", async () => {
    const file = path.join(dir, 'torg.table-copy');
    await backupTables(test.url, file);
    expect(await isTableCopyBackup(file)).toBe(true);
    const jobsBefore = await jobCount(test.db);
    const { copy } = await restoresTheSame(file);
    try {
      // The restored rows fired no state triggers: the job queue holds what the original held.
      expect(await jobCount(copy.db)).toBe(jobsBefore);
      const f = await copy.db.execute<{
        partner: number;
        warehouse: number;
        product: number;
        max: number;
        number: number;
      }>(
        sql`select (select min(id) from partners where is_supplier) as partner, (select min(id) from warehouses) as warehouse,
          (select min(id) from products) as product, (select max(id) from documents) as max,
          (select coalesce(max(number::int), 0) from documents where kind = 'goods_receipt'
            and extract(year from date at time zone 'UTC') = 2026) as number`,
      );
      const next = await saveDocument(
        copy.db,
        'goods_receipt',
        null,
        {
          date: '2026-11-05T10:00:00Z',
          partnerId: f[0]!.partner,
          warehouseId: f[0]!.warehouse,
          lines: [{ productId: f[0]!.product, quantity: '1', price: '10.00', vatRate: '22' }],
        },
        null,
        { post: true },
      );
      expect(next.ok && next.id).toBeGreaterThan(f[0]!.max);
      const [made] = await copy.db.execute<{ number: string }>(
        sql`select number from documents where id = ${next.ok ? next.id : 0}`,
      );
      expect(made?.number).toBe(String(f[0]!.number + 1).padStart(6, '0'));
    } finally {
      await copy.close();
    }
  });

  it('refuses a file that is not a backup in one sentence, and leaves no database behind', async () => {
    const file = path.join(dir, 'not-a-backup.gz');
    await pipeline(Readable.from(['hello\n']), createGzip(), createWriteStream(file));
    await expect(restoreDatabase(test.url, file, restored, { replace: true })).rejects.toThrow(
      /is not a Torg backup/,
    );
    const admin = postgres(withDatabase(test.url, 'postgres'), { max: 1, onnotice: () => {} });
    const left = await admin`select 1 from pg_database where datname = ${restored}`;
    await admin.end();
    expect(left).toHaveLength(0);
  });
});

const jobCount = async (db: DbOrTx) =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from jobs`))[0]?.n;
