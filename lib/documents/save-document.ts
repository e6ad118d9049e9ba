import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documentLines, documents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { fieldErrors } from '@/lib/validation/fields';
import { documentSchema } from './document-input';
import type { DocumentKind } from './kinds';
import {
  type DocumentResult,
  type DocumentRow,
  inTransaction,
  lockDocument,
  postLocked,
  reserveDocument,
  writeDocumentMovements,
} from './posting';

export class StaleDocumentError extends Error {}

/**
 * Creates (id = null) or updates a document with its lines, and posts it when asked. Editing a posted
 * document re-posts it. All in one transaction: a shortage or a stale version saves nothing.
 */
export async function saveDocument(
  db: DbOrTx,
  kind: DocumentKind,
  id: number | null,
  input: unknown,
  actorId: number | null,
  options: { post?: boolean } = {},
): Promise<DocumentResult> {
  const parsed = documentSchema(kind).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { lines, version, ...header } = parsed.data;
  const values = {
    ...header,
    amount: Decimal.sum(0, ...lines.map((l) => l.amount)).toFixed(2),
    vatAmount: Decimal.sum(0, ...lines.map((l) => l.vatAmount)).toFixed(2),
  };
  const reserved = id === null ? await reserveDocument(db, kind, header.date.getUTCFullYear()) : null;
  try {
    return await inTransaction(db, async (tx) => {
      let doc: Pick<
        DocumentRow,
        'id' | 'kind' | 'date' | 'status' | 'partnerId' | 'warehouseId' | 'warehouseToId'
      >;
      const pending: Promise<unknown>[] = [];
      if (id === null) {
        // Posted right away when asked: a refused posting rolls the whole insert back anyway.
        const status = options.post ? ('posted' as const) : ('draft' as const);
        doc = { ...values, id: reserved!.id, kind, status };
        pending.push(
          tx
            .insert(documents)
            .values({ ...values, ...reserved!, kind, authorId: actorId, responsibleId: actorId, status }),
        );
      } else {
        const current = await lockDocument(tx, id);
        if (current.kind !== kind) throw new Error(`document ${id} is not a ${kind}`);
        if (version !== undefined && version !== current.version) throw new StaleDocumentError();
        [doc] = (await tx
          .update(documents)
          .set({ ...values, version: current.version + 1 })
          .where(eq(documents.id, id))
          .returning()) as [DocumentRow];
        await tx.delete(documentLines).where(eq(documentLines.documentId, id));
      }
      const rows = lines.map((l, i) => ({ ...l, documentId: doc.id, lineNo: i + 1 }));
      // Pipelined on the transaction's connection (see writeMovements): a new document, its lines,
      // movements and audit row go in one round trip, and still run in this order.
      await Promise.all([
        ...pending,
        tx.insert(documentLines).values(rows),
        writeAudit(tx, {
          userId: actorId,
          action: id === null ? 'create' : 'update',
          entity: 'document',
          entityId: doc.id,
          data: { kind, post: options.post ?? false },
        }),
        id === null
          ? options.post && writeDocumentMovements(tx, doc, rows, false)
          : (doc.status === 'posted' || (options.post && doc.status === 'draft')) &&
            postLocked(tx, doc as DocumentRow, rows),
      ]);
      return doc.id;
    });
  } catch (error) {
    if (error instanceof StaleDocumentError) return { ok: false, stale: true };
    throw error;
  }
}
