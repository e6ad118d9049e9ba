import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { insertsOf, oneStatement } from '@/db/insert-rows';
import { inOrder } from '@/db/pipeline';
import { auditLog, documentLines, documents, interests, paymentAllocations } from '@/db/schema';
import { type Actor, canEditDocument, changesEverything } from '@/lib/access/rules';
import { auditRow } from '@/lib/audit/write-audit';
import { lockOrders } from '@/lib/sales/order-rules';
import { priceDocumentLines } from '@/lib/sales/pricing';
import { fieldErrors } from '@/lib/validation/fields';
import { documentSchema } from './document-input';
import { DocumentRuleError } from './errors';
import type { DocumentKind } from './kinds';
import { kindModule } from './kinds/registry';
import { checkRememberedServices, forgetIfStale, newDocument } from './new-document';
import {
  DocumentForbiddenError,
  type DocumentResult,
  type DocumentRow,
  inTransaction,
  lockDocument,
  postLocked,
  publishDocument,
  StaleDocumentError,
  writeDocumentMovements,
} from './posting';

/**
 * Creates (id = null) or updates a document with its lines, and posts it when asked. Editing a posted
 * document re-posts it. One transaction: the document and the one it is made from are locked, the
 * lines priced under those locks, then written with their movements; a shortage, a broken rule or a
 * stale version saves nothing.
 */
export async function saveDocument(
  db: DbOrTx,
  kind: DocumentKind,
  id: number | null,
  input: unknown,
  actor: Actor | null,
  options: SaveOptions = {},
): Promise<DocumentResult> {
  try {
    return await save(db, kind, id, input, actor, options);
  } catch (error) {
    // What this process kept for new documents went stale (new-document.ts): once more, read afresh.
    if (id === null && forgetIfStale(db, error)) return save(db, kind, id, input, actor, options);
    throw error;
  }
}

type SaveOptions = {
  post?: boolean;
  /** The id and number taken beforehand (reserveDocuments), for a document without lines. */
  reserved?: { id: number; number: string };
  /**
   * false, with `db` a transaction: write into it directly, for a caller that rolls it all back on any
   * refusal (an all-or-nothing load): PostgreSQL holds a lock per savepoint until the end, and thousands
   * of them exhaust its lock table.
   */
  savepoint?: boolean;
};

async function save(
  db: DbOrTx,
  kind: DocumentKind,
  id: number | null,
  input: unknown,
  actor: Actor | null,
  options: SaveOptions,
): Promise<DocumentResult> {
  const parsed = documentSchema(kind).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const module = kindModule(kind);
  const { rules } = module;
  if (options.post && !rules.posts) return { ok: false, errors: { _form: 'not_posted_kind' } };
  const { lines: _, allocations, version, amount: paid, ...header } = parsed.data;
  // A new document that needs nothing more than the form, or than its pricing reads, posts from it
  // (kind-module.ts, readsContext).
  const reads = typeof module.readsContext === 'function' ? module.readsContext(header) : module.readsContext;
  const fromSaved = id === null && !!options.post && reads !== true;
  if (options.reserved && parsed.data.lines.length > 0)
    throw new Error('reserved: only for documents without lines');
  const taken =
    id === null && !options.reserved
      ? await newDocument(
          db,
          kind,
          header.date.getUTCFullYear(),
          fromSaved ? parsed.data.lines.map((l) => l.productId) : [],
        )
      : null;
  const reserved =
    id !== null ? null : (taken ?? { ...options.reserved!, services: new Set<number>(), remembered: [] });
  const write = async (tx: Tx) => {
    if (reserved) await checkRememberedServices(tx, reserved);
    let current: DocumentRow | null = null;
    if (id === null) header.interestId = await newDocumentInterest(tx, kind, header, actor);
    else {
      current = await lockDocument(tx, id, actor, kind);
      if (version !== undefined && version !== current.version) throw new StaleDocumentError();
      // A shipment is priced against what its order's other shipments took, a return against its
      // sale's other returns: under the lock of that order or sale.
      if (
        module.basis === 'lock' &&
        (module.pricing === 'shipment' || module.pricing === 'return') &&
        header.basedOnId
      )
        await lockOrders(tx, [header.basedOnId]);
    }
    const priced = await priceDocumentLines(tx, module.pricing, parsed.data, actor, id);
    if (!priced.ok) throw new DocumentRuleError(priced.errors);
    const lines = priced.lines;
    const context =
      fromSaved && reads === 'pricing' ? module.contextFromPricing!(priced.basis!, header, lines) : {};
    const values = {
      ...header,
      amount: rules.lines ? Decimal.sum(0, ...lines.map((l) => l.amount)).toFixed(2) : paid!,
      discountAmount: Decimal.sum(0, ...lines.map((l) => l.discountAmount)).toFixed(2),
      vatAmount: Decimal.sum(0, ...lines.map((l) => l.vatAmount)).toFixed(2),
    };
    let doc: Pick<
      DocumentRow,
      'id' | 'kind' | 'date' | 'status' | 'partnerId' | 'warehouseId' | 'warehouseToId'
    >;
    // Without a number the database takes one as the row is written (the documents_number trigger).
    let newHeader: (Omit<typeof documents.$inferInsert, 'number'> & { number?: string })[] = [];
    if (current === null) {
      // Posted right away when asked: a refused posting rolls the whole insert back anyway.
      const status = fromSaved ? ('posted' as const) : ('draft' as const);
      doc = { ...values, id: reserved!.id, kind, status };
      newHeader = [
        {
          ...values,
          id: reserved!.id,
          number: reserved!.number,
          kind,
          authorId: actor?.id ?? null,
          responsibleId: actor?.id ?? null,
          status,
          offerStatus: module.fields.includes('offerStatus') ? 'draft' : null,
        },
      ];
    } else {
      [doc] = (await tx
        .update(documents)
        .set({ ...values, version: current.version + 1 })
        .where(eq(documents.id, current.id))
        .returning()) as [DocumentRow];
      await inOrder(
        () => tx.delete(documentLines).where(eq(documentLines.documentId, current.id)),
        () => tx.delete(paymentAllocations).where(eq(paymentAllocations.documentId, current.id)),
      );
    }
    const rows = lines.map((l, i) => ({ ...l, documentId: doc.id, lineNo: i + 1 }));
    const repost = doc.status === 'posted' || (options.post && doc.status === 'draft');
    const basedOnId = current === null ? header.basedOnId : null;
    const created =
      basedOnId !== null && module.created
        ? () => module.created!(tx, { id: doc.id, basedOnId }, actor)
        : null;
    const newRows = insertsOf(
      [documents, newHeader as (typeof documents.$inferInsert)[]],
      [documentLines, rows],
      [paymentAllocations, allocations.map((a, i) => ({ ...a, documentId: doc.id, lineNo: i + 1 }))],
      [
        auditLog,
        [
          auditRow({
            userId: actor?.id ?? null,
            action: id === null ? 'create' : 'update',
            entity: 'document',
            entityId: doc.id,
            data: { kind, post: options.post ?? false },
          }),
        ],
      ],
    );
    // A new document posted from the form goes in one statement with its movements, unless its kind
    // changes the document it is made from once it exists (created); else its rows are a statement of
    // their own, sent with the rest in one round trip, in this order (db/pipeline.ts).
    const withMovements = fromSaved && !created;
    await inOrder(
      !withMovements && (() => tx.execute(oneStatement(newRows))),
      created,
      fromSaved &&
        (() =>
          writeDocumentMovements(
            tx,
            {
              ...values,
              ...context,
              id: doc.id,
              kind,
              responsibleId: actor?.id ?? null,
              allocations: allocations.map(({ orderId, amount }) => ({ orderId, amount })),
            },
            rows.map((r) => ({ ...r, service: reserved!.services.has(r.productId) })),
            false,
            withMovements ? newRows : [],
            withMovements && (module.postsAlone?.(header) ?? false),
          )),
      !(repost && !fromSaved) &&
        (() =>
          publishDocument(
            tx,
            doc.id,
            // A new one: what it is linked to is all in the form.
            current === null
              ? {
                  interestId: header.interestId,
                  partnerId: header.partnerId,
                  linked: header.basedOnId !== null || allocations.length > 0,
                }
              : undefined,
          )),
    );
    if (repost && !fromSaved) {
      await postLocked(tx, doc as DocumentRow);
      await publishDocument(tx, doc.id);
    }
    return doc.id;
  };
  return inTransaction(db, write, options.savepoint);
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
  const locked = kindModule(kind).basis === 'lock';
  const checked = actor !== null && !changesEverything(actor) && locked;
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
    [base] = locked ? await query.for('update', { of: documents }) : await query;
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
