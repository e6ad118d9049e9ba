import { and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { productGroups, products } from '@/db/schema';
import { optionalDecimal } from '@/lib/validation/decimal';
import { checkbox, optionalId, optionalText, requiredText } from '@/lib/validation/fields';
import { containsPattern, defineCatalog, LEADERS, type ListQuery, paged } from './catalog';

export const productKinds = ['goods', 'service'] as const;
export const vatRates = ['22', '10', '0', 'none'] as const;
export type VatRate = (typeof vatRates)[number];

/** Product properties (characteristics) with their allowed values; stored in products.properties. */
export const productProperties = {
  control_type: ['electronic', 'manual', 'none'],
} as const satisfies Record<string, readonly string[]>;
export type ProductPropertyKey = keyof typeof productProperties;
const propertyKeys = Object.keys(productProperties) as ProductPropertyKey[];

const propertyFields = Object.fromEntries(
  propertyKeys.map((key) => [
    `property_${key}`,
    z
      .union([z.enum(productProperties[key], { error: 'invalid' }), z.literal('')])
      .optional()
      .transform((v) => v || null),
  ]),
) as unknown as Record<`property_${ProductPropertyKey}`, z.ZodType<string | null>>;

/** The product's own columns as the form sends them; its properties come as `property_<key>` fields. */
const productColumns = {
  sku: requiredText.transform((v) => v.toUpperCase()),
  name: requiredText,
  unit: requiredText,
  kind: z.enum(productKinds, { error: 'required' }),
  vatRate: z.enum(vatRates, { error: 'required' }),
  groupId: optionalId,
  giftable: checkbox,
  description: optionalText,
  weightKg: optionalDecimal(3, 'quantity_invalid'),
  volumeM3: optionalDecimal(4, 'quantity_invalid'),
  minStock: optionalDecimal(3, 'quantity_invalid'),
  mainSupplierId: optionalId,
};
type ProductColumns = { [K in keyof typeof productColumns]: z.output<(typeof productColumns)[K]> };

export const productSchema = z.object({ ...productColumns, ...propertyFields }).transform((input) => {
  const columns = Object.fromEntries(
    Object.keys(productColumns).map((k) => [k, input[k as keyof ProductColumns]]),
  ) as ProductColumns;
  const properties = Object.fromEntries(
    propertyKeys.flatMap((key) => {
      const value = input[`property_${key}`];
      return value ? [[key, value]] : [];
    }),
  );
  return { ...columns, properties };
});

export const productCatalog = defineCatalog({
  entity: 'product',
  editRoles: LEADERS,
  table: products,
  schema: productSchema,
  unique: { products_sku_unique: { field: 'sku', message: 'duplicate_sku' } },
  toForm: (row) => ({
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    kind: row.kind,
    vatRate: row.vatRate,
    groupId: row.groupId ? String(row.groupId) : '',
    giftable: row.giftable,
    description: row.description ?? '',
    weightKg: row.weightKg ?? '',
    volumeM3: row.volumeM3 ?? '',
    minStock: row.minStock?.replace(/\.?0+$/, '') ?? '',
    mainSupplierId: row.mainSupplierId ? String(row.mainSupplierId) : '',
    ...Object.fromEntries(propertyKeys.map((key) => [`property_${key}`, row.properties[key] ?? ''])),
  }),
});

export async function listProducts(db: DbOrTx, query: ListQuery & { groupId?: number }) {
  const where = and(
    productCatalog.archiveFilter(query.archived),
    query.q ? ilike(sql`${products.name} || ' ' || ${products.sku}`, containsPattern(query.q)) : undefined,
    query.groupId ? eq(products.groupId, query.groupId) : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: products.id,
          sku: products.sku,
          name: products.name,
          unit: products.unit,
          kind: products.kind,
          vatRate: products.vatRate,
          group: productGroups.name,
          properties: products.properties,
          giftable: products.giftable,
          archivedAt: products.archivedAt,
        })
        .from(products)
        .leftJoin(productGroups, eq(productGroups.id, products.groupId))
        .where(where)
        .orderBy(asc(products.name))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(products).where(where),
  );
}
