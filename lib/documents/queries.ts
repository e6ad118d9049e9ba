import { and, asc, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { documentLines, documents, partners, products, users, warehouses } from '@/db/schema';
import { containsPattern, type ListQuery, paged } from '@/lib/catalogs/catalog';
import type { DocumentKind } from './kinds';

const warehouseTo = alias(warehouses, 'warehouse_to');

/** Documents of one kind, newest first; search by number, partner or comment; deleted ones behind `archived`. */
export async function listDocuments(db: DbOrTx, kind: DocumentKind, query: ListQuery) {
  const where = and(
    eq(documents.kind, kind),
    query.archived ? eq(documents.status, 'deleted') : inArray(documents.status, ['draft', 'posted']),
    query.q
      ? or(
          ilike(documents.number, containsPattern(query.q)),
          ilike(partners.name, containsPattern(query.q)),
          ilike(documents.comment, containsPattern(query.q)),
        )
      : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: documents.id,
          number: documents.number,
          date: documents.date,
          status: documents.status,
          offerStatus: documents.offerStatus,
          orderStatus: documents.orderStatus,
          partner: partners.name,
          warehouse: warehouses.name,
          warehouseTo: warehouseTo.name,
          amount: documents.amount,
          comment: documents.comment,
          author: users.name,
        })
        .from(documents)
        .leftJoin(partners, eq(partners.id, documents.partnerId))
        .leftJoin(warehouses, eq(warehouses.id, documents.warehouseId))
        .leftJoin(warehouseTo, eq(warehouseTo.id, documents.warehouseToId))
        .leftJoin(users, eq(users.id, documents.authorId))
        .where(where)
        .orderBy(desc(documents.date), desc(documents.id))
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ n: count() })
        .from(documents)
        .leftJoin(partners, eq(partners.id, documents.partnerId))
        .where(where),
  );
}

/** A document with its lines and the names a form or print form shows. */
export async function getDocument(db: DbOrTx, id: number) {
  const [doc] = await db
    .select({
      document: documents,
      partner: partners.name,
      partnerInn: partners.inn,
      warehouse: warehouses.name,
      warehouseTo: warehouseTo.name,
      author: users.name,
    })
    .from(documents)
    .leftJoin(partners, eq(partners.id, documents.partnerId))
    .leftJoin(warehouses, eq(warehouses.id, documents.warehouseId))
    .leftJoin(warehouseTo, eq(warehouseTo.id, documents.warehouseToId))
    .leftJoin(users, eq(users.id, documents.authorId))
    .where(eq(documents.id, id));
  if (!doc) return null;
  const lines = await db
    .select({
      lineNo: documentLines.lineNo,
      productId: documentLines.productId,
      product: products.name,
      sku: products.sku,
      unit: products.unit,
      quantity: documentLines.quantity,
      price: documentLines.price,
      vatRate: documentLines.vatRate,
      discountPercent: documentLines.discountPercent,
      discountAmount: documentLines.discountAmount,
      amount: documentLines.amount,
      vatAmount: documentLines.vatAmount,
      gift: documentLines.gift,
      action: documentLines.action,
    })
    .from(documentLines)
    .innerJoin(products, eq(products.id, documentLines.productId))
    .where(eq(documentLines.documentId, id))
    .orderBy(asc(documentLines.lineNo));
  return {
    ...doc.document,
    partner: doc.partner,
    partnerInn: doc.partnerInn,
    warehouse: doc.warehouse,
    warehouseTo: doc.warehouseTo,
    author: doc.author,
    lines,
  };
}

export type DocumentView = NonNullable<Awaited<ReturnType<typeof getDocument>>>;
