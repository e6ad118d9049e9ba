import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { documentLines, documents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { writeMovements } from '@/lib/ledger/apply';
import { checkStock, type Shortage, ShortageError } from '@/lib/ledger/stock-rules';
import type { FieldErrors } from '@/lib/validation/fields';
import { movementsFor, type PostableDocument, type PostableLine } from './movements';

export type DocumentResult =
  | { ok: true; id: number }
  | { ok: false; errors: FieldErrors }
  | { ok: false; shortages: Shortage[] }
  | { ok: false; stale: true };

export class DocumentNotFoundError extends Error {}

export type DocumentRow = typeof documents.$inferSelect;

/** Locks the header for the rest of the transaction: one posting of a document at a time. */
export async function lockDocument(tx: Tx, id: number): Promise<DocumentRow> {
  const [doc] = await tx.select().from(documents).where(eq(documents.id, id)).for('update');
  if (!doc) throw new DocumentNotFoundError(`document ${id} not found`);
  return doc;
}

/** Replaces the document's movements with what its lines produce and applies the stock rule. */
export async function writeDocumentMovements(
  tx: Tx,
  doc: PostableDocument & { id: number; date: Date },
  lines: PostableLine[],
  hadMovements: boolean,
): Promise<void> {
  await checkStock(tx, await writeMovements(tx, doc.id, doc.date, movementsFor(doc, lines), hadMovements));
}

/** Writes the document's movements from its current lines and marks it posted (re-posts a posted one). */
export async function postLocked(tx: Tx, doc: DocumentRow, savedLines?: PostableLine[]): Promise<void> {
  const lines =
    savedLines ??
    (await tx
      .select()
      .from(documentLines)
      .where(eq(documentLines.documentId, doc.id))
      .orderBy(asc(documentLines.lineNo)));
  await writeDocumentMovements(tx, doc, lines, doc.status === 'posted');
  if (doc.status !== 'posted') {
    await tx.update(documents).set({ status: 'posted' }).where(eq(documents.id, doc.id));
  }
}

async function unpostLocked(tx: Tx, doc: DocumentRow, status: 'draft' | 'deleted'): Promise<void> {
  // Unposting a receipt takes stock away as surely as an issue does: the same rule applies.
  if (doc.status === 'posted') await checkStock(tx, await writeMovements(tx, doc.id, doc.date, {}, true));
  await tx.update(documents).set({ status }).where(eq(documents.id, doc.id));
}

/** Runs a posting command in one transaction; a shortage rolls everything back and comes back as data. */
export async function inTransaction(db: DbOrTx, run: (tx: Tx) => Promise<number>): Promise<DocumentResult> {
  try {
    return { ok: true, id: await db.transaction(run) };
  } catch (error) {
    if (error instanceof ShortageError) return { ok: false, shortages: error.shortages };
    throw error;
  }
}

type Action = 'post' | 'unpost' | 'mark_deleted' | 'restore';

/** Post, unpost, mark for deletion (which unposts) or restore a document marked for deletion. */
export async function changeDocumentStatus(
  db: DbOrTx,
  id: number,
  action: Action,
  actorId: number | null,
): Promise<DocumentResult> {
  return inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, id);
    if (action === 'post') {
      if (doc.status === 'deleted') throw new Error('a document marked for deletion cannot be posted');
      await postLocked(tx, doc);
    } else if (action === 'unpost') {
      await unpostLocked(tx, doc, 'draft');
    } else if (action === 'mark_deleted') {
      await unpostLocked(tx, doc, 'deleted');
    } else if (doc.status === 'deleted') {
      await tx.update(documents).set({ status: 'draft' }).where(eq(documents.id, id));
    }
    await writeAudit(tx, { userId: actorId, action, entity: 'document', entityId: id });
    return id;
  });
}

/**
 * The id and the next number (per kind and year) of a new document, in one short statement of its
 * own: numbering never holds a lock for a posting's duration, and with the id known up front the
 * whole new document can be written in one round trip. A refused posting leaves a gap in numbers.
 */
export async function reserveDocument(
  db: DbOrTx,
  kind: DocumentRow['kind'],
  year: number,
): Promise<{ id: number; number: string }> {
  const [row] = (await db.execute<{ id: number; last: number }>(sql`
    with n as (
      insert into document_numbers (kind, year, last) values (${kind}, ${year}, 1)
      on conflict (kind, year) do update set last = document_numbers.last + 1
      returning last
    )
    select nextval(pg_get_serial_sequence('documents', 'id'))::int as id, last from n
  `)) as unknown as { id: number; last: number }[];
  return { id: row!.id, number: String(row!.last).padStart(6, '0') };
}
