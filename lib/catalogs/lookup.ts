import { and, asc, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partners, products } from '@/db/schema';
import type { Role } from '@/lib/users/users';
import { isValidInn } from '@/lib/validation/ru-requisites';
import { containsPattern } from './catalog';
import { partnerCatalog } from './partners';
import { productCatalog } from './products';

export type LookupOption = { id: number; label: string };

const LIMIT = 20;

/** Catalogs too large for a <select>: searched as the user types (lookup fields, product pickers). */
export const lookups = {
  partners: {
    async search(db: DbOrTx, q: string): Promise<LookupOption[]> {
      return db
        .select({
          id: partners.id,
          label: sql<string>`${partners.name} || coalesce(' · ' || ${partners.inn}, '')`,
        })
        .from(partners)
        .where(
          and(
            isNull(partners.archivedAt),
            ilike(sql`${partners.name} || ' ' || coalesce(${partners.inn}, '')`, containsPattern(q)),
          ),
        )
        .orderBy(asc(partners.name))
        .limit(LIMIT);
    },
    async label(db: DbOrTx, id: number): Promise<string | null> {
      const [row] = await db.select({ label: partners.name }).from(partners).where(eq(partners.id, id));
      return row?.label ?? null;
    },
  },
  products: {
    async search(db: DbOrTx, q: string): Promise<LookupOption[]> {
      return db
        .select({ id: products.id, label: sql<string>`${products.name} || ' · ' || ${products.sku}` })
        .from(products)
        .where(
          and(
            isNull(products.archivedAt),
            ilike(sql`${products.name} || ' ' || ${products.sku}`, containsPattern(q)),
          ),
        )
        .orderBy(asc(products.name))
        .limit(LIMIT);
    },
    async label(db: DbOrTx, id: number): Promise<string | null> {
      const [row] = await db
        .select({ label: sql<string>`${products.name} || ' · ' || ${products.sku}` })
        .from(products)
        .where(eq(products.id, id));
      return row?.label ?? null;
    },
  },
} as const;

export type LookupName = keyof typeof lookups;
export const isLookupName = (name: string): name is LookupName => Object.hasOwn(lookups, name);

const creatable = { partners: partnerCatalog.spec.editRoles, products: productCatalog.spec.editRoles };

/**
 * Where a lookup that found nothing offers to create the item, with the typed text filled in: the new
 * partner's INN when a valid INN was typed, else the name. Null for an empty text or a role
 * that may not add to that catalog.
 */
export function lookupCreateHref(name: LookupName, q: string, role: Role): string | null {
  const text = q.trim();
  if (!text || !creatable[name].includes(role)) return null;
  const field = name === 'partners' && isValidInn(text) ? 'inn' : 'name';
  return `/catalogs/${name}/new?${new URLSearchParams({ [field]: text })}`;
}
