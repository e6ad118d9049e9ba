import { eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { commitStatement, holdUntilCommit, withStatementsAtCommit } from '@/db/at-commit';
import type { DbOrTx, Tx } from '@/db/client';
import { inOrder } from '@/db/pipeline';
import { documents, interests } from '@/db/schema';
import { type Statement, statement } from '@/db/statement';
import { pipelinedTransaction } from '@/db/transaction';
import { type Actor, canEditDocument } from '@/lib/access/rules';
import { writeAudit } from '@/lib/audit/write-audit';
import { type RegisterChange, writeMovements } from '@/lib/ledger/apply';
import { type CashShortage, CashShortageError, checkCash, deskTakings } from '@/lib/ledger/cash-rules';
import { checkStock, type Shortage, ShortageError, stockKeysToCheck } from '@/lib/ledger/stock-rules';
import { commandTransaction, LIVE_CHANNEL, notify, publish, type Topic } from '@/lib/live/publish';
import { missingReferenceField, pgViolation } from '@/lib/validation/pg-errors';
import { forbidden, type Refusal, refuse, stale } from '@/lib/validation/result';
import { DocumentRuleError } from './errors';
import { kindModule, movementsFor } from './kinds/registry';
import type { PostableDocument, PostableLine } from './movements';
import { loadPostingInputs } from './posting-input';

/** A refusal carries, past its codes, the shortages a posting ran into (product, need, available). */
export type DocumentResult =
  | { ok: true; id: number }
  | (Refusal & { shortages?: Shortage[]; cashShortages?: CashShortage[] });

/** Refusals found inside the transaction; inTransaction turns them into results after the rollback. */
export class DocumentNotFoundError extends DocumentRuleError {
  constructor() {
    super({ _form: 'not_found' });
  }
}
export class DocumentForbiddenError extends Error {}
/** The document was changed by someone else since the form was opened. */
export class StaleDocumentError extends Error {}

export type DocumentRow = typeof documents.$inferSelect;

/**
 * Locks the header for the rest of the transaction (one posting of a document at a time) and holds the
 * actor to the access rule on it: a document of another kind than asked for is not found, and one the
 * actor may not change is refused (actor null: the system itself).
 */
export async function lockDocument(
  tx: Tx,
  id: number,
  actor: Actor | null,
  kind?: DocumentRow['kind'],
): Promise<DocumentRow> {
  const [row] = await tx
    .select({ doc: documents, interestResponsibleId: interests.responsibleId })
    .from(documents)
    .leftJoin(interests, eq(interests.id, documents.interestId))
    .where(eq(documents.id, id))
    .for('update', { of: documents });
  if (!row || (kind && row.doc.kind !== kind)) throw new DocumentNotFoundError();
  if (actor && !canEditDocument(actor, { ...row.doc, interestResponsibleId: row.interestResponsibleId }))
    throw new DocumentForbiddenError();
  return row.doc;
}

/**
 * Replaces the document's movements with what its lines produce and applies the stock rule. `along`:
 * inserts that go in the same statement as the movements (a new document's own rows).
 */
export async function writeDocumentMovements(
  tx: Tx,
  doc: PostableDocument & { date: Date },
  lines: PostableLine[],
  hadMovements: boolean,
  along: Statement[] = [],
  /** The kind's rules after posting read nothing of it (kind-module.ts, postsAlone). */
  alone = false,
): Promise<void> {
  const changes = await writeMovements(
    tx,
    doc.id,
    doc.date,
    movementsFor(doc, lines),
    hadMovements,
    along,
    // Nor the stock and cash rules: then its writes go with the commit.
    alone
      ? (planned) => stockKeysToCheck(planned).keys.length === 0 && deskTakings(planned).length === 0
      : undefined,
  );
  await afterMovements(tx, doc, changes, !hadMovements);
}

/**
 * The stock and cash rules and the kind's rules over what posting or unposting changed (`first`: the
 * document had no movements before).
 */
async function afterMovements(
  tx: Tx,
  doc: PostableDocument,
  changes: RegisterChange[],
  first: boolean,
): Promise<void> {
  const { afterPosting } = kindModule(doc.kind);
  // The leader's figures (sales, debts) follow postings; the dashboard throttles what it is told.
  const dashboard = changes.some((c) => c.register === 'sales' || c.register === 'clientSettlements');
  // They only read what was written (or refuse): sent together, in one round trip.
  await inOrder(
    () => checkStock(tx, changes),
    () => checkCash(tx, changes),
    afterPosting && (() => afterPosting(tx, doc, changes, { first })),
    dashboard && (() => publish(tx, 'dashboard')),
  );
}

/**
 * Marks the document posted and writes its movements from what the database holds of it, after the
 * kind's checks under its basis's locks (re-posts a posted one).
 */
export async function postLocked(tx: Tx, doc: DocumentRow): Promise<void> {
  const kind = kindModule(doc.kind);
  if (!kind.rules.posts) throw new DocumentRuleError({ _form: 'not_posted_kind' });
  const posted = doc.status === 'posted';
  // Marked first (the order rules read this document's lines among the posted ones), in the same
  // round trip as the reads that follow it (db/pipeline.ts).
  const mark =
    !posted && (() => tx.update(documents).set({ status: 'posted' }).where(eq(documents.id, doc.id)));
  const [, [input]] = await inOrder(mark, () => loadPostingInputs(tx, [doc.id]));
  const lines = (await kind.beforePosting?.(tx, input!.doc, input!.lines)) ?? input!.lines;
  await writeDocumentMovements(tx, input!.doc, lines, posted);
}

async function unpostLocked(tx: Tx, doc: DocumentRow, status: 'draft' | 'deleted'): Promise<void> {
  await tx.update(documents).set({ status }).where(eq(documents.id, doc.id));
  if (doc.status === 'posted') {
    // Unposting a receipt takes stock away as surely as an issue does: the same rule applies.
    await afterMovements(tx, doc, await writeMovements(tx, doc.id, doc.date, {}, true), false);
  }
}

/**
 * Runs a posting command in one transaction, its turnovers sent last, with the commit (db/at-commit.ts),
 * its live events just after it; a shortage rolls everything back and comes back as data. Without `savepoint`,
 * `db` must be a transaction the caller rolls back on a refusal: the command writes into it directly.
 */
export async function inTransaction(
  db: DbOrTx,
  run: (tx: Tx) => Promise<number>,
  savepoint = true,
): Promise<DocumentResult> {
  try {
    if (db instanceof PgTransaction) {
      const command = (tx: Tx) => withStatementsAtCommit(tx, () => run(tx));
      return { ok: true, id: savepoint ? await commandTransaction(db, command) : await command(db) };
    }
    // Writing straight into `db` outside a transaction would leave a refused document half-written.
    if (!savepoint) throw new Error('a posting without a savepoint needs a transaction');
    // A command of its own: its transaction sends what it leaves to the end with its commit, and its
    // live events just after.
    const id = await commandTransaction(db, run, (db, work) =>
      pipelinedTransaction(
        db,
        (tx) => {
          holdUntilCommit(tx);
          return work(tx);
        },
        commitStatement,
      ),
    );
    return { ok: true, id };
  } catch (error) {
    if (error instanceof ShortageError)
      return { ...refuse({ _form: 'not_posted_shortage' }), shortages: error.shortages };
    if (error instanceof CashShortageError)
      return { ...refuse({ _form: 'not_posted_cash_shortage' }), cashShortages: error.shortages };
    if (error instanceof DocumentRuleError) return refuse(error.errors);
    if (error instanceof DocumentForbiddenError) return forbidden();
    if (error instanceof StaleDocumentError) return stale();
    // An id of something that is not there (a cash desk, an employee, an order to allocate to): refused
    // at its field, whichever reference it was, rather than a server error.
    const missing = pgViolation(error, '23503');
    if (missing) return refuse({ [missingReferenceField(missing)]: 'not_found' });
    throw error;
  }
}

type Action = 'post' | 'unpost' | 'mark_deleted' | 'restore';

/**
 * Post, unpost, mark for deletion (which unposts) or restore a document marked for deletion. With
 * `kind`, a document of another kind is not found (the kind comes from the page's address).
 */
export async function changeDocumentStatus(
  db: DbOrTx,
  id: number,
  action: Action,
  actor: Actor | null,
  kind?: DocumentRow['kind'],
): Promise<DocumentResult> {
  return inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, id, actor, kind);
    if (action === 'post') {
      if (doc.status === 'deleted') throw new DocumentRuleError({ _form: 'deleted_not_posted' });
      await postLocked(tx, doc);
    } else if (action === 'unpost') {
      await unpostLocked(tx, doc, 'draft');
    } else if (action === 'mark_deleted') {
      await unpostLocked(tx, doc, 'deleted');
    } else if (doc.status === 'deleted') {
      await tx.update(documents).set({ status: 'draft' }).where(eq(documents.id, id));
    }
    await inOrder(
      () => writeAudit(tx, { userId: actor?.id ?? null, action, entity: 'document', entityId: id }),
      () => publishDocument(tx, id),
    );
    return id;
  });
}

/**
 * Ids and next numbers (per kind and year) of `count` new documents, in a statement of their own (a
 * command takes them before its transaction), from sequences (the kind's and year's:
 * reserve_documents in the database): numbering writes nothing and makes no posting wait for
 * another, and with the ids known up front a whole new document can be written in one round trip. A
 * refused posting leaves a gap in numbers. With them come which of
 * `productIds` are services (they have no stock or cost), for a document that posts from its lines.
 */
export async function reserveDocuments(
  db: DbOrTx,
  kind: DocumentRow['kind'],
  year: number,
  count: number,
  productIds: readonly number[] = [],
): Promise<{ reserved: { id: number; number: string }[]; services: ReadonlySet<number> }> {
  if (count === 0) return { reserved: [], services: new Set() };
  const rows = (await db.execute<{ id: number; number: number; services: number[] }>(
    sql`select * from reserve_documents(${kind}, ${year}, ${count}, ${`{${productIds.join(',')}}`}::int[])`,
  )) as unknown as { id: number; number: number; services: number[] }[];
  return {
    reserved: rows.map((r) => ({ id: r.id, number: String(r.number).padStart(6, '0') })),
    services: new Set(rows[0]!.services),
  };
}

/**
 * Tells every open page showing the document that it changed, once committed: the document itself, its
 * interest (card and kanban), the orders it ships or pays (or, for a return or a refund, whose
 * settlements it changes) and their interests, and its partner. `known`: what the caller knows of the
 * document as it is being written; one made from nothing and paying nothing (`linked` false) names
 * only its own topics, without the lookups of the others.
 */
export async function publishDocument(
  tx: Tx,
  id: number,
  known?: { interestId: number | null; partnerId: number | null; linked: boolean },
): Promise<void> {
  if (known && !known.linked) {
    const topics: Topic[] = [`document:${id}`];
    if (known.interestId !== null) topics.push(`interest:${known.interestId}`, 'kanban');
    if (known.partnerId !== null) topics.push(`partner:${known.partnerId}`);
    return publish(tx, ...topics);
  }
  await notify(
    tx,
    `document:${id}`,
    statement`
    with doc as materialized (
      select id, kind, interest_id, partner_id, based_on_id from documents where id = ${id}
    ), linked as (
      -- Every document here is looked up by its key alone, its kind checked after (offset 0 keeps the
      -- check out of the lookup): a generic plan that took the kind into the lookup read every order by
      -- the (kind, date) index, 50 ms with 24 000 orders.
      -- The orders it ships or pays.
      select o.id, o.interest_id, o.partner_id
      from (select based_on_id as id from doc
        union all select order_id from payment_allocations where document_id = ${id}) l
      cross join lateral (select o.id, o.kind, o.interest_id, o.partner_id from documents o
        where o.id = l.id offset 0) o
      where o.kind = 'customer_order'
      union all
      -- A client return: the sale it returns and the sale's order, whose settlements it changes.
      select b.id, b.interest_id, b.partner_id from doc r
        cross join lateral (select s.id, s.based_on_id from documents s where s.id = r.based_on_id offset 0) s
        cross join lateral (values (s.id), (s.based_on_id)) v(id)
        cross join lateral (select b.id, b.interest_id, b.partner_id from documents b
          where b.id = v.id offset 0) b
      where r.kind = 'client_return'
      union all
      -- A refund: the returns it pays back and their sales' orders, whose settlements it changes.
      select b.id, b.interest_id, b.partner_id from payment_allocations a
        cross join lateral (select r.id, r.kind, r.based_on_id from documents r
          where r.id = a.order_id offset 0) r
        cross join lateral (select s.based_on_id from documents s where s.id = r.based_on_id offset 0) s
        cross join lateral (values (r.id), (s.based_on_id)) v(id)
        cross join lateral (select b.id, b.interest_id, b.partner_id from documents b
          where b.id = v.id offset 0) b
      where a.document_id = ${id} and r.kind = 'client_return'
    ), touched as (
      select id, interest_id, partner_id from doc union select * from linked
    ), topics as (
      select 'document:' || id as topic from touched
      union select 'interest:' || interest_id from touched where interest_id is not null
      union select 'partner:' || partner_id from touched where partner_id is not null
      union select 'kanban' from touched where interest_id is not null
    )
    select pg_notify(${LIVE_CHANNEL}, coalesce((select json_agg(topic)::text from topics), '[]'))`,
  );
}
