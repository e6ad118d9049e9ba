import { count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents, productGroups, products, stockMovements, warehouses } from '@/db/schema';
import { type Page, paged } from '@/lib/catalogs/catalog';
import { currentPrices } from '@/lib/catalogs/prices';
import { stockAvailability } from '@/lib/reports/stock-availability';

/** Карточка товара: the product, its stock per warehouse and its prices in force on the date. */
export async function productCard(db: DbOrTx, productId: number, onDate: string) {
  const [product] = await db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      unit: products.unit,
      kind: products.kind,
      vatRate: products.vatRate,
      group: productGroups.name,
      properties: products.properties,
      description: products.description,
      archivedAt: products.archivedAt,
    })
    .from(products)
    .leftJoin(productGroups, eq(productGroups.id, products.groupId))
    .where(eq(products.id, productId));
  if (!product) return null;
  const [stock, prices] = await Promise.all([
    stockAvailability(db, { productId }),
    currentPrices(db, productId, onDate),
  ]);
  return { product, stock, prices };
}

export type ProductMovement = {
  /** Document and line: a movement's identity. */
  id: string;
  documentId: number;
  kind: (typeof documents.$inferSelect)['kind'];
  number: string;
  period: Date;
  warehouse: string;
  /** Signed: receipts positive, issues negative. */
  quantity: string;
};

/** The product's stock movements, newest first, a page at a time (index on product, period). */
export async function productMovements(
  db: DbOrTx,
  productId: number,
  page?: number,
): Promise<Page<ProductMovement>> {
  return paged(
    page,
    (limit, offset) =>
      db
        .select({
          id: sql<string>`${stockMovements.documentId} || ':' || ${stockMovements.rowNo}`,
          documentId: stockMovements.documentId,
          kind: documents.kind,
          number: documents.number,
          period: stockMovements.period,
          warehouse: warehouses.name,
          quantity: stockMovements.quantity,
        })
        .from(stockMovements)
        .innerJoin(documents, eq(documents.id, stockMovements.documentId))
        .innerJoin(warehouses, eq(warehouses.id, stockMovements.warehouseId))
        .where(eq(stockMovements.productId, productId))
        .orderBy(desc(stockMovements.period), desc(stockMovements.documentId), desc(stockMovements.rowNo))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(stockMovements).where(eq(stockMovements.productId, productId)),
  );
}
