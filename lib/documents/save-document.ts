import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documentLines, documents, paymentAllocations } from '@/db/schema';
import { writeAudit } from '@/lib/audit/write-audit';
import { priceDocumentLines } from '@/lib/sales/pricing';
import { fieldErrors } from '@/lib/validation/fields';
import { documentSchema } from './document-input';
import { type DocumentKind, kindRules } from './kinds';
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
 * document re-posts it. All in one transaction: a shortage, a broken rule or a stale version saves nothing.
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
  const rules = kindRules[kind];
  if (options.post && !rules.posts) throw new Error(`a ${kind} is not posted`);
  const priced = await priceDocumentLines(db, kind, parsed.data, actorId, id);
  if (!priced.ok) return priced;
  const { lines: _, allocations, version, amount: paid, ...header } = parsed.data;
  const lines = priced.lines;
  if (id === null && header.basedOnId && !header.interestId) {
    // A document made on the basis of another belongs to the same client interest.
    const [base] = await db
      .select({ interestId: documents.interestId })
      .from(documents)
      .where(eq(documents.id, header.basedOnId));
    header.interestId = base?.interestId ?? null;
  }
  const values = {
    ...header,
    amount: rules.lines ? Decimal.sum(0, ...lines.map((l) => l.amount)).toFixed(2) : paid!,
    discountAmount: Decimal.sum(0, ...lines.map((l) => l.discountAmount)).toFixed(2),
    vatAmount: Decimal.sum(0, ...lines.map((l) => l.vatAmount)).toFixed(2),
  };
  // Kinds whose posting reads more than their lines are written first and then posted from the database.
  const postFromDatabase = rules.price === 'sale' || !rules.lines;
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
        const status = options.post && !postFromDatabase ? ('posted' as const) : ('draft' as const);
        doc = { ...values, id: reserved!.id, kind, status };
        pending.push(
          tx.insert(documents).values({
            ...values,
            ...reserved!,
            kind,
            authorId: actorId,
            responsibleId: actorId,
            status,
            offerStatus: kind === 'commercial_offer' ? 'draft' : null,
          }),
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
        await Promise.all([
          tx.delete(documentLines).where(eq(documentLines.documentId, id)),
          tx.delete(paymentAllocations).where(eq(paymentAllocations.documentId, id)),
        ]);
      }
      const rows = lines.map((l, i) => ({ ...l, documentId: doc.id, lineNo: i + 1 }));
      const repost = doc.status === 'posted' || (options.post && doc.status === 'draft');
      // Pipelined on the transaction's connection (see writeMovements): a new document, its lines,
      // movements and audit row go in one round trip, and still run in this order.
      await Promise.all([
        ...pending,
        rows.length > 0 && tx.insert(documentLines).values(rows),
        allocations.length > 0 &&
          tx
            .insert(paymentAllocations)
            .values(allocations.map((a, i) => ({ ...a, documentId: doc.id, lineNo: i + 1 }))),
        writeAudit(tx, {
          userId: actorId,
          action: id === null ? 'create' : 'update',
          entity: 'document',
          entityId: doc.id,
          data: { kind, post: options.post ?? false },
        }),
        !postFromDatabase &&
          (id === null
            ? options.post && writeDocumentMovements(tx, doc, rows, false)
            : repost && postLocked(tx, doc as DocumentRow, rows)),
      ]);
      if (postFromDatabase && repost) await postLocked(tx, { ...(doc as DocumentRow), status: doc.status });
      return doc.id;
    });
  } catch (error) {
    if (error instanceof StaleDocumentError) return { ok: false, stale: true };
    throw error;
  }
}
