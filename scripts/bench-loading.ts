/**
 * `npm run bench:loading`: 50 000 products (with groups and two prices) and 50 000 partners (with a
 * contact person each) as XLSX and as CSV, each loaded the way the page loads it — read, checked and
 * kept (upload), then checked again and written all or nothing by the load's job — into a scratch
 * database made on the server at DATABASE_URL (dropped afterwards). The last line is the slowest file
 * against the 60 s target.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { connect } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { dataLoads, priceTypes, users } from '@/db/schema';
import { runJobsUntilIdle } from '@/lib/jobs/worker';
import { LOAD_JOB, runLoadJob, startLoad } from '@/lib/loading/load';
import type { DataLoadKind } from '@/lib/loading/targets';
import { uploadLoad } from '@/lib/loading/uploads';
import { dropDatabase, freshDatabase } from './bench-http';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const TARGET_S = 60;
const scratch = await freshDatabase(`torg_bench_loading_${randomBytes(4).toString('hex')}`);

/** A valid 10-digit INN from a serial number: nine digits and their check digit. */
function inn(serial: number): string {
  const nine = String(100_000_000 + serial);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((s, w, i) => s + w * Number(nine[i]), 0);
  return `${nine}${(sum % 11) % 10}`;
}

const productTable = (prefix: string) => [
  ['Артикул', 'Наименование', 'Ед. изм.', 'Группа', 'Ставка НДС', 'Розничная', 'Оптовая'],
  ...Array.from({ length: ROWS }, (_, i) => [
    `${prefix}-${String(i + 1).padStart(6, '0')}`,
    `Товар ${prefix} ${i + 1}`,
    'шт',
    `Группа ${i % 40}`,
    i % 10 === 0 ? 'Без НДС' : '22%',
    `${1000 + (i % 5000)},50`,
    `${900 + (i % 5000)},00`,
  ]),
];
const partnerTable = (offset: number) => [
  ['Наименование', 'ИНН', 'Телефон', 'Эл. почта', 'Контактное лицо', 'Телефон контакта'],
  ...Array.from({ length: ROWS }, (_, i) => {
    const n = offset + i;
    return [
      `ООО «Партнёр ${n}»`,
      inn(n),
      `+7 495 ${String(1_000_000 + (n % 9_000_000)).slice(-7)}`,
      `p${n}@example.ru`,
      `Контакт ${n}`,
      `8 916 ${String(1_000_000 + (n % 9_000_000)).slice(-7)}`,
    ];
  }),
];

const toCsv = (table: string[][]) =>
  Buffer.from(`\ufeff${table.map((r) => r.join(';')).join('\r\n')}\r\n`, 'utf8');
async function toXlsx(table: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Лист1');
  for (const row of table) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const results: { file: string; mb: number; upload: number; load: number; loaded: number }[] = [];
try {
  await runMigrations(scratch);
  const { db, close } = connect(scratch, { max: 4 });
  await db.insert(priceTypes).values([{ name: 'Розничная' }, { name: 'Оптовая' }]);
  const [user] = await db
    .insert(users)
    .values({ email: 'bench@torg', name: 'Bench', role: 'admin', passwordHash: '-' })
    .returning();
  const actor = { id: user!.id, role: 'admin' as const };
  const files: { file: string; kind: DataLoadKind; bytes: () => Promise<Uint8Array> }[] = [
    { file: 'products.xlsx', kind: 'products', bytes: () => toXlsx(productTable('X')) },
    { file: 'products.csv', kind: 'products', bytes: async () => toCsv(productTable('C')) },
    { file: 'partners.xlsx', kind: 'partners', bytes: () => toXlsx(partnerTable(0)) },
    { file: 'partners.csv', kind: 'partners', bytes: async () => toCsv(partnerTable(ROWS)) },
  ];
  for (const f of files) {
    const bytes = await f.bytes();
    const t0 = performance.now();
    const id = await uploadLoad(db, f.kind, { name: f.file, bytes }, actor);
    const t1 = performance.now();
    await startLoad(db, id, { validOnly: false, createGroups: true, onDate: '2026-01-01' }, actor);
    await runJobsUntilIdle(db, { [LOAD_JOB]: runLoadJob });
    const t2 = performance.now();
    const [outcome] = await db.select().from(dataLoads).where(eq(dataLoads.id, id));
    if (outcome?.status !== 'loaded') throw new Error(`${f.file}: ${outcome?.failure}`);
    results.push({
      file: f.file,
      mb: bytes.length / 1e6,
      upload: (t1 - t0) / 1000,
      load: (t2 - t1) / 1000,
      loaded: outcome.loaded,
    });
    const r = results.at(-1)!;
    console.log(
      `${r.file.padEnd(14)} ${r.mb.toFixed(1).padStart(5)} MB  ${String(r.loaded).padStart(6)} rows  read+check ${r.upload.toFixed(1).padStart(5)} s  check+load ${r.load.toFixed(1).padStart(5)} s  total ${(r.upload + r.load).toFixed(1).padStart(5)} s`,
    );
  }
  await close();
} finally {
  await dropDatabase(scratch);
}
const worst = results.reduce((a, b) => (a.upload + a.load > b.upload + b.load ? a : b));
const seconds = worst.upload + worst.load;
console.log(
  `slowest: ${worst.file}, ${worst.loaded} rows in ${seconds.toFixed(1)} s — target ${TARGET_S} s, ratio ${(seconds / TARGET_S).toFixed(2)} (${seconds <= TARGET_S ? 'met' : 'missed'})`,
);
