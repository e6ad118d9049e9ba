import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { DbOrTx, Tx } from '@/db/client';
import { partners } from '@/db/schema';
import { type Actor, canEditPartner } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Role } from '@/lib/users/users';
import { type FieldErrors, fieldErrors } from '@/lib/validation/fields';
import { pgViolation } from '@/lib/validation/pg-errors';

/** A catalog table: serial id and archive mark, which every catalog has. */
export type CatalogTable = PgTable & { id: PgColumn; archivedAt: PgColumn };

export type FormValues = Record<string, string | boolean | undefined>;

export type CatalogSpec<T extends CatalogTable, S extends z.ZodType> = {
  entity: string;
  table: T;
  /** Parses form-shaped input into the row's columns. */
  schema: S;
  /** Maps a unique constraint to the field it concerns and the message key to show there. */
  unique?: Record<string, { field: string; message: string }>;
  /** Turns a stored row back into form-shaped values for the edit form. */
  toForm: (row: T['$inferSelect']) => FormValues;
  /** Roles that create, edit and archive rows; everyone signed in reads. */
  editRoles: readonly Role[];
  /**
   * Rows that belong to a partner (the partner itself, its contact persons): a manager changes them
   * only while the partner is theirs or nobody's (lib/access/rules), before and after the change.
   */
  partnerOf?: (row: Record<string, unknown>) => number | null;
  /** A flag at most one row has (the main warehouse): setting it on a row takes it off the others. */
  exclusive?: string;
};

export const LEADERS: readonly Role[] = ['leader', 'admin'];
export const EVERYONE: readonly Role[] = ['manager', 'leader', 'admin'];

export type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export class NotFoundError extends Error {}
/** The actor's role or the partner's responsible manager does not allow the change. */
class ForbiddenError extends Error {}

function uniqueViolation(error: unknown): string | null {
  const pg = pgViolation(error, '23505');
  return pg ? (pg.constraint_name ?? '') : null;
}

export function defineCatalog<T extends CatalogTable, S extends z.ZodType>(spec: CatalogSpec<T, S>) {
  const { table, entity } = spec;

  async function get(db: DbOrTx, id: number): Promise<T['$inferSelect']> {
    const [row] = await db
      .select()
      .from(table as PgTable)
      .where(eq(table.id, id));
    if (!row) throw new NotFoundError(`${entity} ${id} not found`);
    return row as T['$inferSelect'];
  }

  /** Holds the actor (null: the system) to the catalog's roles and, for partners' rows, to the access rule. */
  async function checkAccess(
    tx: Tx,
    actor: Actor | null,
    id: number | null,
    values: Record<string, unknown> | null,
  ) {
    if (!actor) return;
    if (!spec.editRoles.includes(actor.role)) throw new ForbiddenError();
    if (!spec.partnerOf) return;
    const partnerIds = new Set<number>();
    if (id !== null) {
      const [current] = await tx
        .select()
        .from(table as PgTable)
        .where(eq(table.id, id))
        .for('update');
      if (!current) throw new NotFoundError(`${entity} ${id} not found`);
      partnerIds.add(spec.partnerOf(current) ?? 0);
    }
    if (values) partnerIds.add(spec.partnerOf({ ...values, id }) ?? 0);
    partnerIds.delete(0);
    if (partnerIds.size === 0) return;
    const owners = await tx
      .select({ responsibleId: partners.responsibleId })
      .from(partners)
      .where(inArray(partners.id, [...partnerIds]))
      .for('share');
    if (owners.some((p) => !canEditPartner(actor, p))) throw new ForbiddenError();
  }

  /**
   * Creates (id = null) or updates a row from form input. Validation and duplicate errors come back
   * per field, a refusal by the access rule as `forbidden`, and nothing is written when there are any.
   */
  async function save(
    db: DbOrTx,
    id: number | null,
    input: unknown,
    actor: Actor | null,
  ): Promise<SaveResult> {
    const parsed = spec.schema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const values = parsed.data as Record<string, unknown>;
    try {
      const savedId = await db.transaction(async (tx) => {
        await checkAccess(tx, actor, id, values);
        if (spec.exclusive && values[spec.exclusive] === true) await takeExclusive(tx, spec.exclusive, id);
        let rowId: number;
        if (id === null) {
          const [row] = await tx
            .insert(table)
            .values(values as T['$inferInsert'])
            .returning({ id: table.id });
          rowId = row!.id as number;
        } else {
          const rows = await tx
            .update(table)
            .set(values as never)
            .where(eq(table.id, id))
            .returning({ id: table.id });
          if (rows.length === 0) throw new NotFoundError(`${entity} ${id} not found`);
          rowId = id;
        }
        await writeAudit(tx, {
          userId: actor?.id ?? null,
          action: id === null ? 'create' : 'update',
          entity,
          entityId: rowId,
          data: values,
        });
        return rowId;
      });
      return { ok: true, id: savedId };
    } catch (error) {
      if (error instanceof ForbiddenError) return { ok: false, errors: { _form: 'forbidden' } };
      if (error instanceof NotFoundError) return { ok: false, errors: { _form: 'not_found' } };
      const constraint = uniqueViolation(error);
      if (constraint === null) throw error;
      const known = spec.unique?.[constraint];
      return { ok: false, errors: known ? { [known.field]: known.message } : { _form: 'duplicate' } };
    }
  }

  async function takeExclusive(tx: Tx, flag: string, id: number | null) {
    const column = (table as unknown as Record<string, PgColumn>)[flag]!;
    // Two rows flagged at once would each clear the other's old holder and then collide on the unique
    // index: one flagging at a time instead.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${entity}.${flag}`}))`);
    await tx
      .update(table)
      .set({ [flag]: false } as never)
      .where(and(eq(column, true), id === null ? undefined : ne(table.id, id)));
  }

  async function setArchived(
    db: DbOrTx,
    id: number,
    archived: boolean,
    actor: Actor | null,
  ): Promise<SaveResult> {
    try {
      await db.transaction((tx) => archive(tx, id, archived, actor));
      return { ok: true, id };
    } catch (error) {
      if (error instanceof ForbiddenError) return { ok: false, errors: { _form: 'forbidden' } };
      if (error instanceof NotFoundError) return { ok: false, errors: { _form: 'not_found' } };
      throw error;
    }
  }

  async function archive(tx: Tx, id: number, archived: boolean, actor: Actor | null) {
    await checkAccess(tx, actor, id, null);
    const rows = await tx
      .update(table)
      .set({ archivedAt: archived ? new Date() : null } as never)
      .where(eq(table.id, id))
      .returning({ id: table.id });
    if (rows.length === 0) throw new NotFoundError(`${entity} ${id} not found`);
    await writeAudit(tx, {
      userId: actor?.id ?? null,
      action: archived ? 'archive' : 'restore',
      entity,
      entityId: id,
    });
  }

  /** Active rows by default; `archived: true` lists only the archive. */
  function archiveFilter(archived: boolean | undefined): SQL {
    return archived ? isNotNull(table.archivedAt) : isNull(table.archivedAt);
  }

  return { spec, get, save, setArchived, archiveFilter, toForm: spec.toForm };
}

export type Catalog = ReturnType<typeof defineCatalog>;

export type ListQuery = { q?: string; page?: number; archived?: boolean };
export type Page<R> = { rows: R[]; total: number; page: number; pageSize: number };
export const PAGE_SIZE = 50;

/** `%text%` for ILIKE, with the user's wildcards escaped. */
export function containsPattern(q: string): string {
  return `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Runs a page of rows and the count under the same filter. */
export async function paged<R>(
  page: number | undefined,
  rows: (limit: number, offset: number) => Promise<R[]>,
  total: () => Promise<{ n: number }[]>,
): Promise<Page<R>> {
  // Any page number from the address: past the last page lists nothing, and never overflows OFFSET.
  const current = Math.min(1_000_000, Math.max(1, Math.floor(Number.isFinite(page) ? page! : 1)));
  const [list, [counted]] = await Promise.all([rows(PAGE_SIZE, (current - 1) * PAGE_SIZE), total()]);
  return { rows: list, total: counted?.n ?? 0, page: current, pageSize: PAGE_SIZE };
}

/** Simple catalogs list by name with the shared search and archive filter. */
export function listByName<T extends CatalogTable & { name: PgColumn }>(
  catalog: { archiveFilter: (archived: boolean | undefined) => SQL },
  table: T,
) {
  return (db: DbOrTx, query: ListQuery) => {
    const where = and(
      catalog.archiveFilter(query.archived),
      query.q ? ilike(table.name, containsPattern(query.q)) : undefined,
    );
    return paged(
      query.page,
      (limit, offset) =>
        db
          .select()
          .from(table as PgTable)
          .where(where)
          .orderBy(asc(table.name))
          .limit(limit)
          .offset(offset) as Promise<T['$inferSelect'][]>,
      () =>
        db
          .select({ n: count() })
          .from(table as PgTable)
          .where(where),
    );
  };
}
