import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { dataLoads, productGroups } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import type { DocumentKind } from '@/lib/documents/kinds';
import { saveDocument } from '@/lib/documents/save-document';
import { publish } from '@/lib/live/publish';
import type { FieldErrors } from '@/lib/validation/fields';
import {
  type CashRow,
  type CheckedRow,
  checkRows,
  type DebtRow,
  type PartnerRow,
  type ProductRow,
  type StockRow,
} from './check';
import type { DataLoadKind } from './targets';

/** Rows written per statement (and per progress step): 1 000 rows of ~10 columns stay far below PostgreSQL's parameter limit. */
export const LOAD_BATCH = 1000;

export type LoadOptions = { validOnly: boolean; createGroups: boolean; onDate: string };
export type LoadOutcome =
  | { ok: true; loaded: number; skipped: number; already?: true }
  | { ok: false; errors: FieldErrors };

/** A batch found rows the check had passed taken meanwhile (someone added the SKU): all or nothing fails. */
class TakenMeanwhile extends Error {}
/** A document of an opening balance was refused by its kind's rules: all or nothing fails. */
class DocumentRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Loads an uploaded file as mapped. The load first moves from `uploaded` to `loading` in one
 * conditional update: a second click (or a second tab) finds it loading or loaded and writes nothing.
 * All or nothing: any row with an error refuses the load and one transaction writes every row. Valid
 * rows only: the rows with errors are skipped and each batch is a transaction of its own. Progress
 * (rows processed) is written and published after every batch, outside the load's transaction, so
 * the page shows it live.
 */
export async function runLoad(
  db: DbOrTx,
  id: number,
  options: LoadOptions,
  actor: Actor | null,
): Promise<LoadOutcome> {
  const [load] = await db
    .update(dataLoads)
    .set({
      status: 'loading',
      validOnly: options.validOnly,
      createGroups: options.createGroups,
      failure: null,
      processed: 0,
    })
    .where(and(eq(dataLoads.id, id), eq(dataLoads.status, 'uploaded')))
    .returning();
  if (!load) {
    const [current] = await db.select().from(dataLoads).where(eq(dataLoads.id, id));
    if (!current) return { ok: false, errors: { _form: 'not_found' } };
    return { ok: true, loaded: current.loaded, skipped: current.skipped, already: true };
  }
  const back = async (failure: string) => {
    await db.update(dataLoads).set({ status: 'uploaded', failure, processed: 0 }).where(eq(dataLoads.id, id));
    await publish(db, `load:${id}`);
    return { ok: false as const, errors: { _form: failure } };
  };
  try {
    const checked = await checkRows(db, load.kind, load.rows, load.mapping, options);
    if (checked.unmapped.length) return await back(`mapping_required:${checked.unmapped.join(', ')}`);
    const bad = checked.rows.filter((r) => !r.value).length;
    if (bad && !options.validOnly) return await back(`rows_with_errors:${bad}`);
    const valid = checked.rows.filter((r) => r.value);
    if (valid.length === 0) return await back('nothing_to_load');
    const progress = async (processed: number) => {
      await db.update(dataLoads).set({ processed }).where(eq(dataLoads.id, id));
      await publish(db, `load:${id}`);
    };
    const write = writers[load.kind];
    let loaded = 0;
    // All or nothing: one transaction, each batch a savepoint of it. Valid rows: a transaction per batch.
    const run = async (handle: DbOrTx) => {
      if (load.kind === 'products' && options.createGroups) await createGroups(handle, valid);
      for (let at = 0; at < valid.length; at += LOAD_BATCH) {
        const batch = valid.slice(at, at + LOAD_BATCH);
        const written = await handle.transaction((tx) => write(tx, batch, options, actor));
        if (!options.validOnly && written < batch.length) throw new TakenMeanwhile();
        loaded += written;
        await progress(Math.min(at + LOAD_BATCH, valid.length));
      }
    };
    if (options.validOnly) await run(db);
    else await db.transaction(run);
    const skipped = checked.rows.length - loaded;
    await db.transaction(async (tx) => {
      await tx
        .update(dataLoads)
        .set({
          status: 'loaded',
          loaded,
          skipped,
          processed: checked.rows.length,
          rows: [],
          finishedAt: new Date(),
        })
        .where(eq(dataLoads.id, id));
      await writeAudit(tx, {
        userId: actor?.id ?? null,
        action: 'load',
        entity: 'data_load',
        entityId: id,
        data: { kind: load.kind, fileName: load.fileName, loaded, skipped, validOnly: options.validOnly },
      });
      await publish(tx, `load:${id}`);
    });
    return { ok: true, loaded, skipped };
  } catch (error) {
    if (error instanceof TakenMeanwhile) return back('taken_meanwhile');
    if (error instanceof DocumentRefused) return back(error.code);
    await back('load_failed');
    throw error;
  }
}

async function createGroups(tx: DbOrTx, rows: CheckedRow[]) {
  const names = [
    ...new Set(rows.flatMap((r) => ((r.value as ProductRow).group ? [(r.value as ProductRow).group!] : []))),
  ];
  if (names.length === 0) return;
  const existing = await tx.select({ name: productGroups.name }).from(productGroups);
  const known = new Set(existing.map((g) => g.name.toLowerCase()));
  const fresh = [
    ...new Map(names.filter((n) => !known.has(n.toLowerCase())).map((n) => [n.toLowerCase(), n])).values(),
  ];
  if (fresh.length)
    await tx
      .insert(productGroups)
      .values(fresh.map((name) => ({ name })))
      .onConflictDoNothing();
}

/** Ids taken from a table's sequence before its rows are written, so its dependent rows know them. */
async function reserveIds(tx: Tx, table: string, n: number): Promise<number[]> {
  const rows = (await tx.execute(
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`,
  )) as unknown as { id: number }[];
  return rows.map((r) => r.id);
}

type Writer = (tx: Tx, rows: CheckedRow[], options: LoadOptions, actor: Actor | null) => Promise<number>;

/** A day of the load as a document's moment: noon UTC keeps the day in every Russian time zone. */
const noonOf = (day: string) => `${day}T12:00:00Z`;

/**
 * Rows go to PostgreSQL as one JSON parameter each batch and are unpacked there (jsonb_to_recordset):
 * building a 1 000-row VALUES list statement by statement costs Node more than the database spends
 * writing it.
 */
const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;
const ids = (rows: unknown) => (rows as { id: number }[]).map((r) => r.id);

async function writePartners(tx: Tx, rows: CheckedRow[]): Promise<number> {
  const values = rows.map((r) => r.value as PartnerRow);
  const reserved = await reserveIds(tx, 'partners', values.length);
  const inserted = new Set(
    ids(
      await tx.execute(sql`
        insert into partners (id, name, full_name, is_client, is_supplier, inn, kpp, segment, address, phone, email, comment)
        select * from jsonb_to_recordset(${json(values.map((v, i) => ({ id: reserved[i], ...v.partner })))}) as r(
          id int, name text, "fullName" text, "isClient" boolean, "isSupplier" boolean, inn text, kpp text,
          segment text, address text, phone text, email text, comment text)
        on conflict do nothing
        returning id`),
    ),
  );
  const contacts = values.flatMap((v, i) =>
    v.contact && inserted.has(reserved[i]!) ? [{ partnerId: reserved[i], ...v.contact }] : [],
  );
  if (contacts.length)
    await tx.execute(sql`
      insert into contact_persons (partner_id, name, position, phones, emails)
      select "partnerId", name, position,
        array(select jsonb_array_elements_text(phones)), array(select jsonb_array_elements_text(emails))
      from jsonb_to_recordset(${json(contacts)}) as r("partnerId" int, name text, position text, phones jsonb, emails jsonb)`);
  return inserted.size;
}

async function writeProducts(tx: Tx, rows: CheckedRow[], options: LoadOptions): Promise<number> {
  const values = rows.map((r) => r.value as ProductRow);
  const groups = await tx.select({ id: productGroups.id, name: productGroups.name }).from(productGroups);
  const groupId = new Map(groups.map((g) => [g.name.toLowerCase(), g.id]));
  const reserved = await reserveIds(tx, 'products', values.length);
  const records = values.map((v, i) => ({
    id: reserved[i],
    ...v.product,
    groupId: v.group ? (groupId.get(v.group.toLowerCase()) ?? null) : null,
  }));
  const inserted = new Set(
    ids(
      await tx.execute(sql`
        insert into products (id, sku, name, unit, kind, vat_rate, group_id, properties, giftable, description)
        select id, sku, name, unit, kind::product_kind, "vatRate"::vat_rate, "groupId", properties, giftable, description
        from jsonb_to_recordset(${json(records)}) as r(
          id int, sku text, name text, unit text, kind text, "vatRate" text, "groupId" int, properties jsonb,
          giftable boolean, description text)
        on conflict do nothing
        returning id`),
    ),
  );
  const priceRows = values.flatMap((v, i) =>
    inserted.has(reserved[i]!) ? v.prices.map((p) => ({ productId: reserved[i], ...p })) : [],
  );
  if (priceRows.length)
    await tx.execute(sql`
      insert into prices (product_id, price_type_id, valid_from, price)
      select "productId", "priceTypeId", ${options.onDate}::date, price
      from jsonb_to_recordset(${json(priceRows)}) as r("productId" int, "priceTypeId" int, price numeric)`);
  return inserted.size;
}

/**
 * Saves and posts one opening document (in a savepoint of the batch). A refusal skips its rows when
 * only valid rows load, and fails all or nothing with the rule's reason.
 */
async function postOpening(
  tx: Tx,
  kind: DocumentKind,
  input: Record<string, unknown>,
  options: LoadOptions,
  actor: Actor | null,
): Promise<boolean> {
  const saved = await saveDocument(tx, kind, null, input, actor, { post: true });
  if (!saved.ok && !options.validOnly) throw new DocumentRefused(Object.values(saved.errors)[0] ?? 'invalid');
  return saved.ok;
}

/** Opening stock: one document per warehouse and batch (a document takes at most 1 000 lines). */
async function writeStock(tx: Tx, rows: CheckedRow[], options: LoadOptions, actor: Actor | null) {
  const byWarehouse = new Map<number, StockRow[]>();
  for (const r of rows) {
    const v = r.value as StockRow;
    byWarehouse.set(v.warehouseId, [...(byWarehouse.get(v.warehouseId) ?? []), v]);
  }
  let written = 0;
  for (const [warehouseId, lines] of byWarehouse) {
    const input = {
      date: noonOf(options.onDate),
      warehouseId,
      lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, price: l.cost })),
    };
    if (await postOpening(tx, 'opening_stock', input, options, actor)) written += lines.length;
  }
  return written;
}

const writeDebts =
  (kind: 'opening_client_debt' | 'opening_supplier_debt'): Writer =>
  async (tx, rows, options, actor) => {
    let written = 0;
    for (const r of rows) {
      const v = r.value as DebtRow;
      const input = { date: noonOf(options.onDate), partnerId: v.partnerId, amount: v.amount };
      if (await postOpening(tx, kind, input, options, actor)) written++;
    }
    return written;
  };

async function writeCash(tx: Tx, rows: CheckedRow[], options: LoadOptions, actor: Actor | null) {
  let written = 0;
  for (const r of rows) {
    const v = r.value as CashRow;
    const input = {
      date: noonOf(options.onDate),
      bankAccountId: v.bankAccountId,
      cashDeskId: v.cashDeskId,
      amount: v.amount,
    };
    if (await postOpening(tx, 'opening_cash', input, options, actor)) written++;
  }
  return written;
}

const writers: Record<DataLoadKind, Writer> = {
  partners: writePartners,
  products: writeProducts,
  opening_stock: writeStock,
  client_debts: writeDebts('opening_client_debt'),
  supplier_debts: writeDebts('opening_supplier_debt'),
  cash: writeCash,
};
