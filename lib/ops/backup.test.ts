import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

describe('backup and restore', () => {
  it('a backup restored into a new database has the same balances, and its ledger check is clean (without fitting pg_dump: one sentence, no file)', async () => {
    const file = path.join(dir, 'torg.dump');
    if (!(await toolsFit())) {
      await expect(backupDatabase(test.url, file)).rejects.toThrow(
        /^No pg_dump of PostgreSQL \d+ or newer on this machine: install/,
      );
      expect(existsSync(file)).toBe(false);
      return;
    }
    await backupDatabase(test.url, file);
    const url = await restoreDatabase(test.url, file, restored);
    const copy = connect(url, { max: 1 });
    try {
      expect(await checkLedger(copy.db)).toEqual([]);
      expect(await checkLedger(test.db)).toEqual([]);
      const original = await balances(test.db);
      expect(original.stock_balances).not.toMatch(/^0:/);
      expect(await balances(copy.db)).toEqual(original);
      const count = async (db: DbOrTx) =>
        (
          await db.execute<{ n: number }>(
            sql`select count(*)::int as n from documents where status = 'posted'`,
          )
        )[0]?.n;
      expect(await count(copy.db)).toBe(await count(test.db));
      expect(await count(copy.db)).toBeGreaterThanOrEqual(6);
    } finally {
      await copy.close();
    }
    // Never over an existing database unless told to replace it; never a name it would have to quote.
    await expect(restoreDatabase(test.url, file, restored)).rejects.toThrow(/exists/);
    await expect(restoreDatabase(test.url, file, 'x; drop database y')).rejects.toThrow(
      /not a database name/,
    );
    const again = await restoreDatabase(test.url, file, restored, { replace: true });
    expect(again).toBe(url);
  });
});
