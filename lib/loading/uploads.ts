import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { dataLoads, priceTypes, users } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import type { FieldErrors } from '@/lib/validation/fields';
import { parseTable } from './parse';
import { type DataLoadKind, guessMapping, loadFields } from './targets';

/** Price types a products file may carry a column of. */
export const priceTypeChoices = (db: DbOrTx) =>
  db.select({ id: priceTypes.id, name: priceTypes.name }).from(priceTypes).orderBy(priceTypes.name);

/**
 * Reads an uploaded file (throws LoadFileError when it is not a table) and keeps its cells with the
 * guessed mapping, to be checked and loaded in the next steps. Nothing of the catalogs changes yet.
 */
export async function uploadLoad(
  db: DbOrTx,
  kind: DataLoadKind,
  file: { name: string; bytes: Uint8Array },
  actor: Actor | null,
): Promise<number> {
  const table = await parseTable(file.bytes);
  const mapping = guessMapping(kind, table.headers, kind === 'products' ? await priceTypeChoices(db) : []);
  const [row] = await db
    .insert(dataLoads)
    .values({
      kind,
      fileName: file.name.slice(0, 255),
      headers: table.headers,
      rows: table.rows,
      mapping,
      total: table.rows.length,
      createdById: actor?.id ?? null,
    })
    .returning({ id: dataLoads.id });
  return row!.id;
}

/** The fields a column of this kind may be mapped to (and the price types, for products). */
export async function mappingChoices(db: DbOrTx, kind: DataLoadKind): Promise<string[]> {
  const fields = Object.keys(loadFields[kind]);
  if (kind !== 'products') return fields;
  return [...fields, ...(await priceTypeChoices(db)).map((p) => `price:${p.id}`)];
}

/** The user's mapping, while the file is not loaded yet; unknown fields and a field taken twice are refused. */
export async function saveMapping(
  db: DbOrTx,
  id: number,
  mapping: readonly string[],
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const [load] = await db
    .select({ kind: dataLoads.kind, headers: dataLoads.headers })
    .from(dataLoads)
    .where(eq(dataLoads.id, id));
  if (!load) return { ok: false, errors: { _form: 'not_found' } };
  const allowed = new Set(await mappingChoices(db, load.kind));
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  const cleaned = load.headers.map((_, i) => {
    const field = mapping[i] ?? '';
    if (!field) return '';
    if (!allowed.has(field)) errors[`column.${i}`] = 'invalid';
    else if (seen.has(field)) errors[`column.${i}`] = 'mapped_twice';
    seen.add(field);
    return field;
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  const updated = await db
    .update(dataLoads)
    .set({ mapping: cleaned, failure: null })
    .where(and(eq(dataLoads.id, id), eq(dataLoads.status, 'uploaded')))
    .returning({ id: dataLoads.id });
  return updated.length ? { ok: true } : { ok: false, errors: { _form: 'load_started' } };
}

/** The latest loads, newest first, for the loading page's list. */
export function recentLoads(db: DbOrTx, limit = 50) {
  return db
    .select({
      id: dataLoads.id,
      kind: dataLoads.kind,
      fileName: dataLoads.fileName,
      status: dataLoads.status,
      total: dataLoads.total,
      loaded: dataLoads.loaded,
      skipped: dataLoads.skipped,
      failure: dataLoads.failure,
      createdAt: dataLoads.createdAt,
      author: users.name,
    })
    .from(dataLoads)
    .leftJoin(users, eq(users.id, dataLoads.createdById))
    .orderBy(desc(dataLoads.id))
    .limit(limit);
}
