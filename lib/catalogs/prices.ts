import { and, asc, count, desc, eq, ilike, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { prices, priceTypes, products } from '@/db/schema';
import { isoDate, money, requiredId } from '@/lib/validation/fields';
import { containsPattern, defineCatalog, LEADERS, type ListQuery, paged } from './catalog';

export const priceCatalog = defineCatalog({
  entity: 'price',
  editRoles: LEADERS,
  table: prices,
  schema: z.object({ productId: requiredId, priceTypeId: requiredId, validFrom: isoDate, price: money }),
  unique: { prices_product_type_date_key: { field: 'validFrom', message: 'duplicate_price' } },
  toForm: (row) => ({
    productId: String(row.productId),
    priceTypeId: String(row.priceTypeId),
    validFrom: row.validFrom,
    price: row.price,
  }),
});

export async function listPrices(
  db: DbOrTx,
  query: ListQuery & { productId?: number; priceTypeId?: number },
) {
  const where = and(
    priceCatalog.archiveFilter(query.archived),
    query.productId ? eq(prices.productId, query.productId) : undefined,
    query.priceTypeId ? eq(prices.priceTypeId, query.priceTypeId) : undefined,
    query.q ? ilike(sql`${products.name} || ' ' || ${products.sku}`, containsPattern(query.q)) : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: prices.id,
          productId: prices.productId,
          product: products.name,
          sku: products.sku,
          priceType: priceTypes.name,
          validFrom: prices.validFrom,
          price: prices.price,
          archivedAt: prices.archivedAt,
        })
        .from(prices)
        .innerJoin(products, eq(products.id, prices.productId))
        .innerJoin(priceTypes, eq(priceTypes.id, prices.priceTypeId))
        .where(where)
        .orderBy(asc(products.name), asc(priceTypes.name), desc(prices.validFrom))
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ n: count() })
        .from(prices)
        .innerJoin(products, eq(products.id, prices.productId))
        .where(where),
  );
}

/** The price in force on a date: the latest active price of that type that starts on or before it. */
export async function priceOn(
  db: DbOrTx,
  productId: number,
  priceTypeId: number,
  onDate: string,
): Promise<string | null> {
  const [row] = await db
    .select({ price: prices.price })
    .from(prices)
    .where(
      and(
        eq(prices.productId, productId),
        eq(prices.priceTypeId, priceTypeId),
        lte(prices.validFrom, onDate),
        isNull(prices.archivedAt),
      ),
    )
    .orderBy(desc(prices.validFrom))
    .limit(1);
  return row?.price ?? null;
}

/** Current prices of one product for every price type (for the product card). */
export async function currentPrices(db: DbOrTx, productId: number, onDate: string) {
  return db
    .selectDistinctOn([prices.priceTypeId], {
      priceTypeId: prices.priceTypeId,
      priceType: priceTypes.name,
      validFrom: prices.validFrom,
      price: prices.price,
    })
    .from(prices)
    .innerJoin(priceTypes, eq(priceTypes.id, prices.priceTypeId))
    .where(and(eq(prices.productId, productId), lte(prices.validFrom, onDate), isNull(prices.archivedAt)))
    .orderBy(asc(prices.priceTypeId), desc(prices.validFrom));
}
