import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import { dataLoads, productGroups, userRole } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import type { DocumentKind } from '@/lib/documents/kinds';
import { reserveDocuments } from '@/lib/documents/posting';
import { saveDocument } from '@/lib/documents/save-document';
import { enqueueJob } from '@/lib/jobs/queue';
import type { JobHandler } from '@/lib/jobs/worker';
import { publish } from '@/lib/live/publish';
import { log } from '@/lib/ops/log';
import { type FieldErrors, isoDate } from '@/lib/validation/fields';
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
/** The job kind that runs a load (lib/jobs/handlers.ts); its key is per load, so a load has one job. */
export const LOAD_JOB = 'data_load';

export type LoadOptions = { validOnly: boolean; createGroups: boolean; onDate: string };

/** Why a load stops and returns to `uploaded`: its code is the failure shown (lib/i18n `error.<code>`). */
class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Starts a load from the page: moves it from `uploaded` to `loading` and enqueues its job in one
 * transaction. The update is conditional, so a second click (or a second tab) finds it loading or
 * loaded and enqueues nothing. The job (`runLoad`) does the rest; the page shows its progress.
 */
export async function startLoad(
  db: DbOrTx,
  id: number,
  options: LoadOptions,
  actor: Actor | null,
): Promise<{ ok: true; already?: true } | { ok: false; errors: FieldErrors }> {
  return db.transaction(async (tx) => {
    const [load] = await tx
      .update(dataLoads)
      .set({
        status: 'loading',
        validOnly: options.validOnly,
        createGroups: options.createGroups,
        failure: null,
        processed: sql`${dataLoads.committed}`,
      })
      .where(and(eq(dataLoads.id, id), eq(dataLoads.status, 'uploaded')))
      .returning({ id: dataLoads.id });
    if (!load) {
      const [current] = await tx.select({ id: dataLoads.id }).from(dataLoads).where(eq(dataLoads.id, id));
      return current
        ? { ok: true as const, already: true as const }
        : { ok: false as const, errors: { _form: 'not_found' } };
    }
    await enqueueJob(tx, LOAD_JOB, `${LOAD_JOB}:${id}`, { id, onDate: options.onDate, actor });
    await publish(tx, `load:${id}`);
    return { ok: true as const };
  });
}

const jobPayload = z.object({
  id: z.number().int().positive(),
  onDate: isoDate,
  actor: z.object({ id: z.number().int(), role: z.enum(userRole.enumValues) }).nullable(),
});

/** The load's job: a run that throws is retried by the queue; the last attempt's failure is kept on the load. */
export const runLoadJob: JobHandler = async (tx, payload, job, db) => {
  const { id, onDate, actor } = jobPayload.parse(payload);
  await runLoad(db, tx, id, onDate, actor, job.attempts + 1 >= job.max_attempts);
};

/**
 * Runs a started load in its job's transaction `tx`. It checks the rows again (the database may have
 * changed since the preview), then writes them in batches of 1 000:
 * - all or nothing: any row with an error refuses the load; every batch is a savepoint of `tx`, so a
 *   process that dies leaves nothing written and the job, back in the queue, starts over;
 * - valid rows only: each batch commits on its own (through `db`) with the load's `committed` rows in
 *   the same transaction, so a job run again after its process died continues after the last batch.
 * Progress (rows processed) is written and published after every batch outside `tx`, so the page shows
 * it live. A refusal (rows with errors, a row taken meanwhile, a document refused) returns the load to
 * `uploaded` with its reason; so does an error on the job's last attempt (`load_failed`).
 */
export async function runLoad(
  db: DbOrTx,
  tx: Tx,
  id: number,
  onDate: string,
  actor: Actor | null,
  lastAttempt = false,
): Promise<void> {
  const [load] = await tx.select().from(dataLoads).where(eq(dataLoads.id, id));
  // Loaded already (a job run again after the load committed), or not started.
  if (load?.status !== 'loading') return;
  let loaded: number;
  try {
    loaded = await tx.transaction((savepoint) => writeLoad(db, savepoint, load, onDate, actor));
  } catch (error) {
    if (!(error instanceof Refused) && !lastAttempt) throw error;
    if (!(error instanceof Refused)) log.error({ err: error, loadId: id }, 'data load failed');
    await tx
      .update(dataLoads)
      .set({
        status: 'uploaded',
        failure: error instanceof Refused ? error.code : 'load_failed',
        processed: sql`${dataLoads.committed}`,
      })
      .where(eq(dataLoads.id, id));
    await publish(tx, `load:${id}`);
    return;
  }
  const skipped = load.total - loaded;
  await tx
    .update(dataLoads)
    .set({
      status: 'loaded',
      loaded,
      skipped,
      processed: load.total,
      committed: load.total,
      rows: [],
      checked: null,
      finishedAt: new Date(),
    })
    .where(eq(dataLoads.id, id));
  await writeAudit(tx, {
    userId: actor?.id ?? null,
    action: 'load',
    entity: 'data_load',
    entityId: id,
    data: { kind: load.kind, fileName: load.fileName, loaded, skipped, validOnly: load.validOnly },
  });
  await publish(tx, `load:${id}`);
}

/** Checks and writes the rows after the committed ones; returns the rows loaded in all. */
async function writeLoad(
  db: DbOrTx,
  savepoint: Tx,
  load: typeof dataLoads.$inferSelect,
  onDate: string,
  actor: Actor | null,
): Promise<number> {
  const options = { validOnly: load.validOnly, createGroups: load.createGroups, onDate };
  const from = load.committed;
  const checked = await checkRows(savepoint, load.kind, load.rows.slice(from), load.mapping, options);
  if (checked.unmapped.length) throw new Refused(`mapping_required:${checked.unmapped.join(', ')}`);
  const bad = checked.rows.filter((r) => !r.value).length;
  if (bad && !options.validOnly) throw new Refused(`rows_with_errors:${bad}`);
  const valid = checked.rows.filter((r) => r.value);
  if (valid.length === 0 && load.loaded === 0) throw new Refused('nothing_to_load');
  const write = writers[load.kind];
  const mine = eq(dataLoads.id, load.id);
  let loaded = load.loaded;
  // Valid rows' batches commit on their own connection: the groups they name must be committed before.
  if (load.kind === 'products' && options.createGroups)
    await createGroups(options.validOnly ? db : savepoint, valid);
  for (let at = 0; at < valid.length; at += LOAD_BATCH) {
    const batch = valid.slice(at, at + LOAD_BATCH);
    // The file's rows up to this batch's last (its line less the header's), or all of them after the last batch.
    const done = at + LOAD_BATCH >= valid.length ? load.total : from + batch.at(-1)!.line - 1;
    if (options.validOnly) {
      await db.transaction(async (batchTx) => {
        const written = await write(batchTx, batch, options, actor);
        await batchTx
          .update(dataLoads)
          .set({ committed: done, processed: done, loaded: loaded + written })
          .where(mine);
        await publish(batchTx, `load:${load.id}`);
        loaded += written;
      });
    } else {
      const written = await savepoint.transaction((batchTx) => write(batchTx, batch, options, actor));
      if (written < batch.length) throw new Refused('taken_meanwhile');
      loaded += written;
      await db.update(dataLoads).set({ processed: done }).where(mine);
      await publish(db, `load:${load.id}`);
    }
  }
  return loaded;
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
 * Saves and posts one opening document. When only valid rows load, it is a savepoint of the batch and a
 * refusal skips its rows; all or nothing, a refusal fails the load with the rule's reason.
 */
async function postOpening(
  tx: Tx,
  kind: DocumentKind,
  input: Record<string, unknown>,
  options: LoadOptions,
  actor: Actor | null,
  reserved?: { id: number; number: string },
): Promise<boolean> {
  // All or nothing: straight into the load's transaction, which any refusal rolls back.
  const savepoint = options.validOnly;
  const saved = await saveDocument(tx, kind, null, input, actor, { post: true, reserved, savepoint });
  if (!saved.ok && !options.validOnly) throw new Refused(Object.values(saved.errors)[0] ?? 'invalid');
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
    // A document per row: their numbers taken for the whole batch at once.
    const { reserved: numbers } = await reserveDocuments(
      tx,
      kind,
      Number(options.onDate.slice(0, 4)),
      rows.length,
    );
    let written = 0;
    for (const [i, r] of rows.entries()) {
      const v = r.value as DebtRow;
      const input = { date: noonOf(options.onDate), partnerId: v.partnerId, amount: v.amount };
      if (await postOpening(tx, kind, input, options, actor, numbers[i])) written++;
    }
    return written;
  };

async function writeCash(tx: Tx, rows: CheckedRow[], options: LoadOptions, actor: Actor | null) {
  const { reserved: numbers } = await reserveDocuments(
    tx,
    'opening_cash',
    Number(options.onDate.slice(0, 4)),
    rows.length,
  );
  let written = 0;
  for (const [i, r] of rows.entries()) {
    const v = r.value as CashRow;
    const input = {
      date: noonOf(options.onDate),
      bankAccountId: v.bankAccountId,
      cashDeskId: v.cashDeskId,
      amount: v.amount,
    };
    if (await postOpening(tx, 'opening_cash', input, options, actor, numbers[i])) written++;
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
