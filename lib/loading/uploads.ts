import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { dataLoads, priceTypes, type StoredCheck, users } from '@/db/schema';
import type { Actor } from '@/lib/access/rules';
import type { Page } from '@/lib/catalogs/catalog';
import type { FieldErrors } from '@/lib/validation/fields';
import { type CheckResult, checkRows } from './check';
import { parseTable } from './parse';
import { type DataLoadKind, guessMapping, loadFields } from './targets';

/** Price types a products file may carry a column of. */
export const priceTypeChoices = (db: DbOrTx) =>
  db.select({ id: priceTypes.id, name: priceTypes.name }).from(priceTypes).orderBy(priceTypes.name);

/** What the preview keeps of a check: the counts, and only the rows with errors. */
const stored = (checked: CheckResult): StoredCheck => ({
  total: checked.rows.length,
  bad: checked.rows.filter((r) => !r.value).map((r) => ({ line: r.line, errors: r.errors })),
  unmapped: checked.unmapped,
  missingGroups: checked.missingGroups,
});

/**
 * Reads an uploaded file (throws LoadFileError when it is not a table) and keeps its cells with the
 * guessed mapping and their check, for the preview and the load. Nothing of the catalogs changes yet.
 */
export async function uploadLoad(
  db: DbOrTx,
  kind: DataLoadKind,
  file: { name: string; bytes: Uint8Array },
  actor: Actor | null,
): Promise<number> {
  const table = await parseTable(file.bytes);
  const mapping = guessMapping(kind, table.headers, kind === 'products' ? await priceTypeChoices(db) : []);
  const checked = stored(await checkRows(db, kind, table.rows, mapping));
  const [row] = await db
    .insert(dataLoads)
    .values({
      kind,
      fileName: file.name.slice(0, 255),
      headers: table.headers,
      rows: table.rows,
      mapping,
      checked,
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

/**
 * The user's mapping, while the file is not loaded yet, checked under it: every row is checked here
 * (each «Проверить»), and the preview shows the stored result. Unknown fields and a field taken twice
 * are refused.
 */
export async function saveMapping(
  db: DbOrTx,
  id: number,
  mapping: readonly string[],
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const [load] = await db
    .select({ kind: dataLoads.kind, headers: dataLoads.headers, rows: dataLoads.rows })
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
  const checked = stored(await checkRows(db, load.kind, load.rows, cleaned));
  const updated = await db
    .update(dataLoads)
    .set({ mapping: cleaned, checked, failure: null })
    .where(and(eq(dataLoads.id, id), eq(dataLoads.status, 'uploaded')))
    .returning({ id: dataLoads.id });
  return updated.length ? { ok: true } : { ok: false, errors: { _form: 'load_started' } };
}

/** Rows with errors a page of the preview lists. */
export const PREVIEW_PAGE = 100;

export type LoadPreview = Omit<typeof dataLoads.$inferSelect, 'rows' | 'checked'> & {
  /** Each column's first non-empty cell. */
  samples: string[];
  check: Omit<StoredCheck, 'bad'> & { bad: number };
  /** One page of the rows with errors, by their line. */
  errors: Page<{ id: number; line: number; errors: Record<string, string> }>;
};

/**
 * A load as its page shows it, without reading its cells: the columns' samples, the stored check's
 * counts and one page of its rows with errors (all sliced in PostgreSQL). A load kept before checks
 * were stored is checked now, once.
 */
export async function loadPreview(db: DbOrTx, id: number, page = 1): Promise<LoadPreview | null> {
  const [unchecked] = await db
    .select({ kind: dataLoads.kind, rows: dataLoads.rows, mapping: dataLoads.mapping })
    .from(dataLoads)
    .where(and(eq(dataLoads.id, id), eq(dataLoads.status, 'uploaded'), sql`${dataLoads.checked} is null`));
  if (unchecked)
    await db
      .update(dataLoads)
      .set({ checked: stored(await checkRows(db, unchecked.kind, unchecked.rows, unchecked.mapping)) })
      .where(eq(dataLoads.id, id));
  const { rows: _rows, checked: _checked, ...columns } = getTableColumns(dataLoads);
  const at = (Math.max(1, page) - 1) * PREVIEW_PAGE;
  const [load] = await db
    .select({
      ...columns,
      samples: sql<string[]>`array(
        select coalesce((select r ->> (i - 1) from jsonb_array_elements(${dataLoads.rows}) r where r ->> (i - 1) <> '' limit 1), '')
        from generate_series(1, cardinality(${dataLoads.headers})) i order by i)`,
      check: sql<
        LoadPreview['check'] | null
      >`${dataLoads.checked} - 'bad' || jsonb_build_object('bad', jsonb_array_length(${dataLoads.checked} -> 'bad'))`,
      errors: sql<{ line: number; errors: Record<string, string> }[]>`coalesce((
        select jsonb_agg(${dataLoads.checked} -> 'bad' -> i order by i)
        from generate_series(${at}::int, ${at + PREVIEW_PAGE - 1}::int) i
        where i < jsonb_array_length(${dataLoads.checked} -> 'bad')), '[]')`,
    })
    .from(dataLoads)
    .where(eq(dataLoads.id, id));
  if (!load) return null;
  const { check, errors, ...rest } = load;
  const bad = check?.bad ?? 0;
  return {
    ...rest,
    check: check ?? { total: load.total, bad, unmapped: [], missingGroups: [] },
    errors: {
      rows: errors.map((e) => ({ id: e.line, ...e })),
      total: bad,
      page: Math.max(1, page),
      pageSize: PREVIEW_PAGE,
    },
  };
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
