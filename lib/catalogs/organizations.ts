import { and, asc, count, eq, ilike, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { bankAccounts, organizations } from '@/db/schema';
import {
  optionalEmail,
  optionalKpp,
  optionalPhone,
  optionalText,
  requiredId,
  requiredInn,
  requiredText,
} from '@/lib/validation/fields';
import {
  isValidBik,
  isValidCorrAccount,
  isValidOgrn,
  isValidSettlementAccount,
} from '@/lib/validation/ru-requisites';
import { containsPattern, defineCatalog, type ListQuery, paged } from './catalog';

export const organizationCatalog = defineCatalog({
  entity: 'organization',
  editRoles: ['admin'],
  table: organizations,
  schema: z.object({
    name: requiredText,
    fullName: optionalText,
    inn: requiredInn,
    kpp: optionalKpp,
    ogrn: optionalText.refine((v) => v === null || isValidOgrn(v), 'ogrn_invalid'),
    address: optionalText,
    phone: optionalPhone,
    email: optionalEmail,
  }),
  unique: { organizations_inn_key: { field: 'inn', message: 'duplicate_inn' } },
  toForm: (row) => ({
    name: row.name,
    fullName: row.fullName ?? '',
    inn: row.inn,
    kpp: row.kpp ?? '',
    ogrn: row.ogrn ?? '',
    address: row.address ?? '',
    phone: row.phone ?? '',
    email: row.email ?? '',
  }),
});

export async function listOrganizations(db: DbOrTx, query: ListQuery) {
  const where = and(
    organizationCatalog.archiveFilter(query.archived),
    query.q ? ilike(organizations.name, containsPattern(query.q)) : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select()
        .from(organizations)
        .where(where)
        .orderBy(asc(organizations.name))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(organizations).where(where),
  );
}

const digits = (v: string) => v.replace(/\s/g, '');

export const bankAccountCatalog = defineCatalog({
  entity: 'bank_account',
  editRoles: ['admin'],
  table: bankAccounts,
  schema: z
    .object({
      organizationId: requiredId,
      bankName: requiredText,
      bik: requiredText.transform(digits).refine(isValidBik, 'bik_format'),
      accountNumber: requiredText.transform(digits),
      corrAccount: optionalText.transform((v) => (v ? digits(v) : null)),
      currency: requiredText.transform((v) => v.toUpperCase()).refine((v) => /^[A-Z]{3}$/.test(v), 'invalid'),
    })
    .refine((a) => isValidSettlementAccount(a.accountNumber, a.bik), {
      path: ['accountNumber'],
      message: 'account_checksum',
    })
    .refine((a) => a.corrAccount === null || isValidCorrAccount(a.corrAccount, a.bik), {
      path: ['corrAccount'],
      message: 'account_checksum',
    }),
  unique: { bank_accounts_account_key: { field: 'accountNumber', message: 'duplicate_account' } },
  toForm: (row) => ({
    organizationId: String(row.organizationId),
    bankName: row.bankName,
    bik: row.bik,
    accountNumber: row.accountNumber,
    corrAccount: row.corrAccount ?? '',
    currency: row.currency,
  }),
});

export async function listBankAccounts(db: DbOrTx, query: ListQuery & { organizationId?: number }) {
  const where = and(
    bankAccountCatalog.archiveFilter(query.archived),
    query.organizationId ? eq(bankAccounts.organizationId, query.organizationId) : undefined,
    query.q ? ilike(bankAccounts.bankName, containsPattern(query.q)) : undefined,
  );
  return paged(
    query.page,
    (limit, offset) =>
      db
        .select({
          id: bankAccounts.id,
          bankName: bankAccounts.bankName,
          bik: bankAccounts.bik,
          accountNumber: bankAccounts.accountNumber,
          currency: bankAccounts.currency,
          organization: organizations.name,
          archivedAt: bankAccounts.archivedAt,
        })
        .from(bankAccounts)
        .innerJoin(organizations, eq(organizations.id, bankAccounts.organizationId))
        .where(where)
        .orderBy(asc(bankAccounts.bankName))
        .limit(limit)
        .offset(offset),
    () => db.select({ n: count() }).from(bankAccounts).where(where),
  );
}

/**
 * The organization a document is written for: its own, else the company's first one, so a one-company
 * installation never has to choose. Print forms and letters both go through here.
 */
export async function documentOrganization(db: DbOrTx, organizationId: number | null) {
  const [organization] = await db
    .select()
    .from(organizations)
    .where(organizationId ? eq(organizations.id, organizationId) : isNull(organizations.archivedAt))
    .orderBy(asc(organizations.id))
    .limit(1);
  return organization ?? null;
}
