import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { contactPersons, partners } from '@/db/schema';
import {
  emailList,
  normalizePhone,
  optionalTelegram,
  optionalText,
  phoneList,
  requiredId,
  requiredText,
} from '@/lib/validation/fields';
import { containsPattern, defineCatalog, EVERYONE, type ListQuery, paged } from './catalog';

export const contactPersonCatalog = defineCatalog({
  entity: 'contact_person',
  editRoles: EVERYONE,
  partnerOf: (row) => row.partnerId as number,
  table: contactPersons,
  schema: z.object({
    partnerId: requiredId,
    name: requiredText,
    position: optionalText,
    phones: phoneList,
    emails: emailList,
    telegram: optionalTelegram,
    comment: optionalText,
  }),
  toForm: (row) => ({
    partnerId: String(row.partnerId),
    name: row.name,
    position: row.position ?? '',
    phones: row.phones.join('\n'),
    emails: row.emails.join('\n'),
    telegram: row.telegram ?? '',
    comment: row.comment ?? '',
  }),
});

export async function listContactPersons(db: DbOrTx, query: ListQuery & { partnerId?: number }) {
  const q = query.q?.trim();
  const phone = q ? normalizePhone(q) : null;
  const where = and(
    contactPersonCatalog.archiveFilter(query.archived),
    query.partnerId ? eq(contactPersons.partnerId, query.partnerId) : undefined,
    q
      ? or(
          ilike(contactPersons.name, containsPattern(q)),
          phone ? sql`${contactPersons.phones} @> array[${phone}]::text[]` : undefined,
          sql`${contactPersons.emails} @> array[${q.toLowerCase()}]::text[]`,
        )
      : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: contactPersons.id,
          name: contactPersons.name,
          position: contactPersons.position,
          phones: contactPersons.phones,
          emails: contactPersons.emails,
          telegram: contactPersons.telegram,
          partnerId: contactPersons.partnerId,
          partner: partners.name,
          archivedAt: contactPersons.archivedAt,
        })
        .from(contactPersons)
        .innerJoin(partners, eq(partners.id, contactPersons.partnerId))
        .where(where)
        .orderBy(asc(contactPersons.name))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(contactPersons).where(where),
  );
}
