import { PgTransaction } from 'drizzle-orm/pg-core';
import { atCommit } from '@/db/at-commit';
import type { DbOrTx, Tx } from '@/db/client';
import { statement } from '@/db/statement';
import { pgViolation } from '@/lib/validation/pg-errors';
import type { DocumentKind } from './kinds';
import { reserveDocuments } from './posting';

/**
 * A new document's id, its number when already known (else the database takes it as the row is
 * written: the documents_number trigger), which of its products are services, and the products whose
 * kinds it took from memory, to be checked with the commit (checkRememberedServices).
 */
export type NewDocument = {
  id: number;
  number?: string;
  services: ReadonlySet<number>;
  remembered: readonly number[];
};

/** What an app process keeps per database: ids taken ahead, and whether products it has seen are services. */
type Ahead = { ids: number[]; services: Map<number, boolean> };
const ahead = new WeakMap<DbOrTx, Ahead>();
const IDS_AHEAD = 32;
/** Past this many products the memory starts again (a catalogue is rarely larger). */
const REMEMBERED_PRODUCTS = 200_000;

/**
 * The id of a new document and which of `productIds` are services, mostly without a statement: a
 * command's first statement is then its transaction's (each costs both sides a message and a wake-up).
 * Ids are taken from the documents' sequence a few dozen at a time, so they need not follow the order of
 * creation between processes (lists order by date first). Products' kinds are remembered as they are
 * read, and checked with the commit of the posting that used them. Within a caller's transaction, the id
 * and number are reserved as before.
 */
export async function newDocument(
  db: DbOrTx,
  kind: DocumentKind,
  year: number,
  productIds: readonly number[],
): Promise<NewDocument> {
  if (db instanceof PgTransaction) {
    const { reserved, services } = await reserveDocuments(db, kind, year, 1, productIds);
    return { ...reserved[0]!, services, remembered: [] };
  }
  let known = ahead.get(db);
  if (!known || known.services.size > REMEMBERED_PRODUCTS) {
    known = { ids: [], services: new Map() };
    ahead.set(db, known);
  }
  const products = [...new Set(productIds)];
  const unknown = products.filter((p) => !known.services.has(p));
  if (known.ids.length === 0 || unknown.length > 0) {
    // Ids come along whenever a statement goes: the others' commands may take the last ones meanwhile.
    const [row] = (await db.execute(
      statement`select array(select nextval(pg_get_serial_sequence('documents', 'id'))::int
          from generate_series(1, ${IDS_AHEAD})) as ids,
        array(select id from products where id = any(${`{${unknown.join(',')}}`}::int[]) and kind = 'service') as services`,
    )) as unknown as { ids: number[]; services: number[] }[];
    known.ids.push(...row!.ids);
    for (const p of unknown) known.services.set(p, row!.services.includes(p));
  }
  const kinds = known.services;
  return {
    id: known.ids.shift()!,
    services: new Set(products.filter((p) => kinds.get(p))),
    remembered: products,
  };
}

/**
 * Leaves to the commit of `tx` the check that the products a new document took from memory are still
 * what they were (services or goods): a product changed meanwhile refuses the commit.
 */
export async function checkRememberedServices(tx: Tx, taken: NewDocument): Promise<void> {
  if (taken.remembered.length === 0) return;
  const services = taken.remembered.filter((p) => taken.services.has(p));
  const entry = atCommit(tx, 'remembered-services', () => {
    const all = { products: [] as number[], services: [] as number[] };
    return { all, parts: () => ({ writes: [], reads: [serviceCheck(all.products, all.services)] }) };
  });
  if (!entry) return void (await tx.execute(serviceCheck(taken.remembered, services)));
  entry.all.products.push(...taken.remembered);
  entry.all.services.push(...services);
}

const serviceCheck = (products: readonly number[], services: readonly number[]) =>
  statement`select check_service_products(${`{${products.join(',')}}`}::int[], ${`{${services.join(',')}}`}::int[])`;

/**
 * Whether a command failed on what this process keeps for new documents: a product's kind changed, or an
 * id taken ahead was taken again after a restore set the sequence back (a unique key broken: whichever of
 * the document's rows PostgreSQL wrote first); then it is forgotten, and the command may run once more.
 */
export function forgetIfStale(db: DbOrTx, error: unknown): boolean {
  if (!ahead.has(db)) return false;
  const stale = !!pgViolation(error, 'TK001') || !!pgViolation(error, '23505');
  if (stale) ahead.delete(db);
  return stale;
}
