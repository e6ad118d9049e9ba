import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { documentLines, documents, interests, paymentAllocations } from '@/db/schema';
import { type Actor, canEditDocument, changesEverything } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { priceDocumentLines } from '@/lib/sales/pricing';
import { fieldErrors } from '@/lib/validation/fields';
import { documentSchema } from './document-input';
import { DocumentRuleError } from './errors';
import { type DocumentKind, kindRules } from './kinds';
import {
  DocumentForbiddenError,
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
  actor: Actor | null,
  options: { post?: boolean } = {},
): Promise<DocumentResult> {
  const parsed = documentSchema(kind).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const rules = kindRules[kind];
  if (options.post && !rules.posts) return { ok: false, errors: { _form: 'not_posted_kind' } };
  const priced = await priceDocumentLines(db, kind, parsed.data, actor, id);
  if (!priced.ok) return priced;
  const { lines: _, allocations, version, amount: paid, ...header } = parsed.data;
  const lines = priced.lines;
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
        values.interestId = await newDocumentInterest(tx, kind, header, actor);
        // Posted right away when asked: a refused posting rolls the whole insert back anyway.
        const status = options.post && !postFromDatabase ? ('posted' as const) : ('draft' as const);
        doc = { ...values, id: reserved!.id, kind, status };
        pending.push(
          tx.insert(documents).values({
            ...values,
            ...reserved!,
            kind,
            authorId: actor?.id ?? null,
            responsibleId: actor?.id ?? null,
            status,
            offerStatus: kind === 'commercial_offer' ? 'draft' : null,
          }),
        );
      } else {
        const current = await lockDocument(tx, id, actor, kind);
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
          userId: actor?.id ?? null,
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

/**
 * A new document belongs to the client interest of the document it is made from. A manager may add
 * documents only to the interests and chains they may change; the basis is locked as its posting rules
 * will lock it anyway (one document at a time). A bank receipt records money that came in, whoever's
 * orders it pays, so anyone who works with documents may make one, and its orders are locked by the
 * posting rules in their global order instead.
 */
async function newDocumentInterest(
  tx: Tx,
  kind: DocumentKind,
  header: { basedOnId: number | null; interestId: number | null },
  actor: Actor | null,
): Promise<number | null> {
  if (!header.basedOnId && !header.interestId) return null;
  const checked = actor !== null && !changesEverything(actor) && kind !== 'bank_receipt';
  let base:
    | { interestId: number | null; responsibleId: number | null; interestResponsibleId: number | null }
    | undefined;
  if (header.basedOnId) {
    const query = tx
      .select({
        interestId: documents.interestId,
        responsibleId: documents.responsibleId,
        interestResponsibleId: interests.responsibleId,
      })
      .from(documents)
      .leftJoin(interests, eq(interests.id, documents.interestId))
      .where(eq(documents.id, header.basedOnId));
    [base] = kind === 'bank_receipt' ? await query : await query.for('update', { of: documents });
    if (!base) throw new DocumentRuleError({ basedOnId: 'not_found' });
    if (checked && !canEditDocument(actor, base)) throw new DocumentForbiddenError();
  }
  if (header.interestId && header.interestId !== base?.interestId) {
    const [interest] = await tx
      .select({ responsibleId: interests.responsibleId })
      .from(interests)
      .where(eq(interests.id, header.interestId));
    if (!interest) throw new DocumentRuleError({ interestId: 'not_found' });
    if (checked && interest.responsibleId !== actor.id) throw new DocumentForbiddenError();
  }
  return header.interestId ?? base?.interestId ?? null;
}
