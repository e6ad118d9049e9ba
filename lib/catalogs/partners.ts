import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { partners, users } from '@/db/schema';
import {
  checkbox,
  optionalEmail,
  optionalId,
  optionalInn,
  optionalKpp,
  optionalPhone,
  optionalText,
  requiredText,
} from '@/lib/validation/fields';
import { containsPattern, defineCatalog, EVERYONE, type ListQuery, paged } from './catalog';

export const partnerSchema = z
  .object({
    name: requiredText,
    fullName: optionalText,
    isClient: checkbox,
    isSupplier: checkbox,
    inn: optionalInn,
    kpp: optionalKpp,
    segment: optionalText,
    address: optionalText,
    phone: optionalPhone,
    email: optionalEmail,
    responsibleId: optionalId,
    comment: optionalText,
  })
  .refine((p) => p.isClient || p.isSupplier, { path: ['isClient'], message: 'partner_role_required' })
  .refine((p) => !p.kpp || p.inn?.length === 10, { path: ['kpp'], message: 'kpp_needs_company_inn' });

export const partnerCatalog = defineCatalog({
  entity: 'partner',
  editRoles: EVERYONE,
  partnerOf: (row) => row.id as number | null,
  table: partners,
  schema: partnerSchema,
  unique: { partners_inn_key: { field: 'inn', message: 'duplicate_inn' } },
  toForm: (row) => ({
    name: row.name,
    fullName: row.fullName ?? '',
    isClient: row.isClient,
    isSupplier: row.isSupplier,
    inn: row.inn ?? '',
    kpp: row.kpp ?? '',
    segment: row.segment ?? '',
    address: row.address ?? '',
    phone: row.phone ?? '',
    email: row.email ?? '',
    responsibleId: row.responsibleId ? String(row.responsibleId) : '',
    comment: row.comment ?? '',
  }),
});

export async function listPartners(db: DbOrTx, query: ListQuery & { responsibleId?: number }) {
  const pattern = query.q ? containsPattern(query.q) : null;
  const where = and(
    partnerCatalog.archiveFilter(query.archived),
    pattern ? or(ilike(sql`${partners.name} || ' ' || coalesce(${partners.inn}, '')`, pattern)) : undefined,
    query.responsibleId ? eq(partners.responsibleId, query.responsibleId) : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: partners.id,
          name: partners.name,
          inn: partners.inn,
          kpp: partners.kpp,
          isClient: partners.isClient,
          isSupplier: partners.isSupplier,
          segment: partners.segment,
          phone: partners.phone,
          responsible: users.name,
          archivedAt: partners.archivedAt,
        })
        .from(partners)
        .leftJoin(users, eq(users.id, partners.responsibleId))
        .where(where)
        .orderBy(asc(partners.name))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(partners).where(where),
  );
}

/** Segments already in use, offered as suggestions on the partner form. */
export async function listSegments(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ segment: partners.segment })
    .from(partners)
    .where(sql`${partners.segment} is not null`)
    .orderBy(asc(partners.segment));
  return rows.map((r) => r.segment!);
}
