import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import {
  contactPersons,
  interestLines,
  interestSources,
  interests,
  lossReasons,
  partners,
  priceTypes,
  products,
  tasks,
  users,
} from '@/db/schema';
import { commandTransaction } from '@/lib/live/publish';
import { documentChain } from './feed';
import { type InteractionResult, processInteraction } from './interactions';
import { documentsAmountOf } from './interest-amount';
import { type InterestResult, saveInterest } from './save-interest';

/** The interest card's header with the names it shows, or null. */
export async function interestCard(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      interest: interests,
      partner: partners.name,
      contact: contactPersons.name,
      responsible: users.name,
      source: interestSources.name,
      priceType: priceTypes.name,
      lossReason: lossReasons.name,
      documentsAmount: sql<string | null>`${documentsAmountOf(sql`${interests.id}`)}::text`,
      openTasks: sql<number>`(select count(*)::int from ${tasks} where ${tasks.interestId} = ${interests.id} and ${tasks.doneAt} is null)`,
    })
    .from(interests)
    .innerJoin(partners, eq(partners.id, interests.partnerId))
    .innerJoin(users, eq(users.id, interests.responsibleId))
    .leftJoin(contactPersons, eq(contactPersons.id, interests.contactId))
    .leftJoin(interestSources, eq(interestSources.id, interests.sourceId))
    .leftJoin(priceTypes, eq(priceTypes.id, interests.priceTypeId))
    .leftJoin(lossReasons, eq(lossReasons.id, interests.lossReasonId))
    .where(eq(interests.id, id));
  return row ?? null;
}

export async function interestLinesOf(db: DbOrTx, id: number) {
  return db
    .select({
      lineNo: interestLines.lineNo,
      productId: interestLines.productId,
      product: products.name,
      sku: products.sku,
      quantity: interestLines.quantity,
      price: interestLines.price,
      amount: interestLines.amount,
    })
    .from(interestLines)
    .innerJoin(products, eq(products.id, interestLines.productId))
    .where(eq(interestLines.interestId, id))
    .orderBy(asc(interestLines.lineNo));
}

/** The interest's tasks: open ones first by due time, then the latest done ones. */
export async function interestTasks(db: DbOrTx, id: number) {
  const responsible = alias(users, 'responsible');
  const rows = () =>
    db
      .select({
        id: tasks.id,
        title: tasks.title,
        dueAt: tasks.dueAt,
        doneAt: tasks.doneAt,
        responsibleId: tasks.responsibleId,
        responsible: responsible.name,
      })
      .from(tasks)
      .innerJoin(responsible, eq(responsible.id, tasks.responsibleId));
  const [pending, done] = await Promise.all([
    rows()
      .where(and(eq(tasks.interestId, id), isNull(tasks.doneAt)))
      .orderBy(asc(tasks.dueAt)),
    rows()
      .where(and(eq(tasks.interestId, id), isNotNull(tasks.doneAt)))
      .orderBy(desc(tasks.doneAt))
      .limit(50),
  ]);
  return { pending, done };
}

export type ChainDocument = {
  id: number;
  kind: string;
  number: string;
  date: Date;
  status: string;
  /** Offers: where they stand with the client (they are never posted). */
  offerStatus: string | null;
  amount: string;
  partner: string | null;
  basedOnId: number | null;
};

/** Every document of the interest's chain (see feed.ts), marked-for-deletion ones included, by date. */
export async function interestDocuments(db: DbOrTx, id: number): Promise<ChainDocument[]> {
  return (await db.execute(sql`
    with recursive ${documentChain(id)}
    select d.id, d.kind::text as kind, d.number, d.date, d.status::text as status,
      d.offer_status::text as "offerStatus", d.amount::text as amount,
      p.name as partner, d.based_on_id as "basedOnId"
    from documents d join chain c on c.id = d.id left join partners p on p.id = d.partner_id
    order by d.date, d.id
  `)) as unknown as ChainDocument[];
}

/**
 * Creates an interest; when it comes from an incoming interaction (the workplace inbox), that
 * interaction is linked to it and marked processed in the same transaction, so it leaves the inbox
 * exactly when the interest exists.
 */
export async function openInterest(
  db: DbOrTx,
  input: unknown,
  actor: Parameters<typeof saveInterest>[3],
  today: string,
  fromInteractionId: number | null,
): Promise<InterestResult> {
  try {
    return await commandTransaction(db, async (tx) => {
      const result = await saveInterest(tx, null, input, actor, today);
      if (result.ok && fromInteractionId) {
        const taken = await processInteraction(tx, fromInteractionId, { interestId: result.id }, actor);
        // Refused (another manager's interaction): the new interest goes too.
        if (!taken.ok) throw new RolledBack(taken);
      }
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    throw error;
  }
}

class RolledBack extends Error {
  constructor(readonly result: Exclude<InteractionResult, { ok: true }>) {
    super('rolled back');
  }
}

export type Option = { id: number; name: string };

/** The choices of the interest form: people, sources, sale price types, loss reasons, the partner's contacts. */
export async function interestFormOptions(db: DbOrTx, partnerId: number | null) {
  const named = <T extends typeof interestSources | typeof lossReasons>(table: T) =>
    db
      .select({ id: table.id, name: table.name })
      .from(table as typeof interestSources)
      .where(isNull(table.archivedAt))
      .orderBy(asc(table.name));
  const [responsibles, sources, saleTypes, reasons, contacts] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.active, true), sql`${users.role} in ('manager', 'leader')`))
      .orderBy(asc(users.name)),
    named(interestSources),
    db
      .select({ id: priceTypes.id, name: priceTypes.name })
      .from(priceTypes)
      .where(and(isNull(priceTypes.archivedAt), eq(priceTypes.purpose, 'sale')))
      .orderBy(asc(priceTypes.name)),
    named(lossReasons),
    partnerId
      ? db
          .select({ id: contactPersons.id, name: contactPersons.name })
          .from(contactPersons)
          .where(and(eq(contactPersons.partnerId, partnerId), isNull(contactPersons.archivedAt)))
          .orderBy(asc(contactPersons.name))
      : Promise.resolve([] as Option[]),
  ]);
  return { responsibles, sources, priceTypes: saleTypes, lossReasons: reasons, contacts };
}
