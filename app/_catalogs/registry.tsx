import Link from 'next/link';
import type { ReactNode } from 'react';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/access/rules';
import type { FormValues, ListQuery, Page, SaveResult } from '@/lib/catalogs/catalog';
import { contactPersonCatalog, listContactPersons } from '@/lib/catalogs/contact-persons';
import { discountRuleCatalog, discountRuleKinds, listDiscountRules } from '@/lib/catalogs/discount-rules';
import {
  bankAccountCatalog,
  listBankAccounts,
  listOrganizations,
  organizationCatalog,
} from '@/lib/catalogs/organizations';
import { listPartners, listSegments, partnerCatalog } from '@/lib/catalogs/partners';
import { listPrices, priceCatalog } from '@/lib/catalogs/prices';
import {
  listProducts,
  productCatalog,
  productKinds,
  productProperties,
  vatRates,
} from '@/lib/catalogs/products';
import {
  cashDeskCatalog,
  driverCatalog,
  interestSourceCatalog,
  listCashDesks,
  listDrivers,
  listInterestSources,
  listLossReasons,
  listPriceTypes,
  listProductGroups,
  listVehicles,
  listWarehouses,
  lossReasonCatalog,
  priceTypeCatalog,
  priceTypePurposes,
  productGroupCatalog,
  vehicleCatalog,
  warehouseCatalog,
} from '@/lib/catalogs/simple';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatDate, formatMoney, formatQuantity, type Translate } from '@/lib/i18n/translate';
import { type Locale, listStaff, type Role, type SessionUser } from '@/lib/users/users';
import { PhoneLink, PhoneLinks } from '../_components/PhoneLink';
import type { FieldSpec } from '../_components/types';
import { PartnerCalls } from '../_telephony/PartnerCalls';

export type Block = 'crm' | 'marketing' | 'warehouse' | 'delivery' | 'treasury' | 'settings';
type Ctx = { db: DbOrTx; t: Translate; locale: Locale };
export type Column<R> = { label: string; cell: (row: R) => ReactNode; numeric?: boolean };

type CatalogCommands = {
  get: (db: DbOrTx, id: number) => Promise<unknown>;
  toForm: (row: never) => FormValues;
  save: (db: DbOrTx, id: number | null, input: unknown, actor: Actor | null) => Promise<SaveResult>;
  setArchived: (db: DbOrTx, id: number, archived: boolean, actor: Actor | null) => Promise<SaveResult>;
  /** The roles that may change rows (lib holds every command to them). */
  spec: { editRoles: readonly Role[] };
};

export type CatalogUi<
  R extends { id: number; archivedAt: Date | null } = { id: number; archivedAt: Date | null },
> = {
  slug: string;
  block: Block;
  catalog: CatalogCommands;
  list: (db: DbOrTx, query: ListQuery & { parentId?: number }) => Promise<Page<R>>;
  columns: (ctx: Omit<Ctx, 'db'>) => Column<R>[];
  fields: (ctx: Ctx) => Promise<FieldSpec[]>;
  /** Items that belong to a parent (contacts of a partner): the URL parameter that names it and the form field. */
  parent?: { param: string; field: string };
  /** Lists shown on the edit page of an item, e.g. a partner's contact persons. */
  children?: string[];
  /** A read-only card of the item beyond its form (a product's stock, prices, movements), linked from list and form. */
  cardHref?: (id: number) => string;
  /** Commands that start something else from the item, e.g. a client interest from a partner. */
  itemLinks?: (id: number) => { href: string; label: MessageKey }[];
  /** More of the item's card below its lists, e.g. a partner's calls. */
  sections?: (id: number, ctx: Ctx) => ReactNode;
  /** Initial values of a new item; the current user is there for "responsible = me". */
  defaults?: (user: SessionUser) => FormValues;
};

const text = (name: string, t: Translate, label: MessageKey, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label: t(label),
  type: 'text',
  ...extra,
});
const options = (values: readonly string[], t: Translate, prefix: string) =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));
const idOptions = (rows: { id: number; name: string }[]) =>
  rows.map((r) => ({ value: String(r.id), label: r.name }));
const itemLink = (slug: string, id: number, label: ReactNode) => (
  <Link href={`/catalogs/${slug}/${id}`}>{label}</Link>
);
async function activeOptions(
  list: (db: DbOrTx, q: ListQuery) => Promise<Page<{ id: number; name: string }>>,
  db: DbOrTx,
) {
  return idOptions((await list(db, {})).rows);
}

/** Any catalog of name + archive, with nothing else to show. */
function namedCatalog<R extends { id: number; name: string; archivedAt: Date | null }>(
  slug: string,
  block: Block,
  catalog: CatalogCommands,
  list: CatalogUi<R>['list'],
): CatalogUi<R> {
  return {
    slug,
    block,
    catalog,
    list,
    columns: ({ t }) => [{ label: t('field.name'), cell: (r) => itemLink(slug, r.id, r.name) }],
    fields: async ({ t }) => [text('name', t, 'field.name', { required: true, wide: true })],
  };
}

type PartnerRow = Awaited<ReturnType<typeof listPartners>>['rows'][number];
type ContactRow = Awaited<ReturnType<typeof listContactPersons>>['rows'][number];
type ProductRow = Awaited<ReturnType<typeof listProducts>>['rows'][number];
type PriceRow = Awaited<ReturnType<typeof listPrices>>['rows'][number];
type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>['rows'][number];
type BankAccountRow = Awaited<ReturnType<typeof listBankAccounts>>['rows'][number];
type WarehouseRow = Awaited<ReturnType<typeof listWarehouses>>['rows'][number];
type PriceTypeRow = Awaited<ReturnType<typeof listPriceTypes>>['rows'][number];
type DiscountRuleRow = Awaited<ReturnType<typeof listDiscountRules>>['rows'][number];
type DriverRow = Awaited<ReturnType<typeof listDrivers>>['rows'][number];
type VehicleRow = Awaited<ReturnType<typeof listVehicles>>['rows'][number];

const partnersUi: CatalogUi<PartnerRow> = {
  slug: 'partners',
  block: 'crm',
  catalog: partnerCatalog,
  list: listPartners,
  children: ['contacts'],
  sections: (id, { db, t, locale }) => <PartnerCalls db={db} partnerId={id} t={t} locale={locale} />,
  itemLinks: (id) => [{ href: `/crm/interests/new?partner=${id}`, label: 'crmCard.create' }],
  defaults: (user) => ({ isClient: true, responsibleId: String(user.id) }),
  columns: ({ t }) => [
    { label: t('field.name'), cell: (r) => itemLink('partners', r.id, r.name) },
    { label: t('field.inn'), cell: (r) => r.inn },
    { label: t('field.kpp'), cell: (r) => r.kpp },
    {
      label: t('field.partnerRole'),
      cell: (r) =>
        [r.isClient && t('partnerRole.client'), r.isSupplier && t('partnerRole.supplier')]
          .filter(Boolean)
          .join(', '),
    },
    { label: t('field.segment'), cell: (r) => r.segment },
    { label: t('field.phone'), cell: (r) => <PhoneLink phone={r.phone} /> },
    { label: t('field.responsible'), cell: (r) => r.responsible },
  ],
  fields: async ({ db, t }) => [
    text('name', t, 'field.name', { required: true }),
    text('fullName', t, 'field.fullName'),
    { name: 'isClient', label: t('field.isClient'), type: 'checkbox' },
    { name: 'isSupplier', label: t('field.isSupplier'), type: 'checkbox' },
    text('inn', t, 'field.inn'),
    text('kpp', t, 'field.kpp'),
    text('segment', t, 'field.segment', { suggestions: await listSegments(db) }),
    {
      name: 'responsibleId',
      label: t('field.responsible'),
      type: 'select',
      options: (await listStaff(db)).map((u) => ({ value: String(u.id), label: u.name })),
    },
    text('phone', t, 'field.phone'),
    { name: 'email', label: t('field.email'), type: 'email' },
    text('address', t, 'field.address', { wide: true }),
    { name: 'comment', label: t('field.comment'), type: 'textarea', wide: true },
  ],
};

const contactsUi: CatalogUi<ContactRow> = {
  slug: 'contacts',
  block: 'crm',
  catalog: contactPersonCatalog,
  list: (db, q) => listContactPersons(db, { ...q, partnerId: q.parentId }),
  parent: { param: 'partner', field: 'partnerId' },
  columns: ({ t }) => [
    { label: t('field.contactName'), cell: (r) => itemLink('contacts', r.id, r.name) },
    { label: t('field.position'), cell: (r) => r.position },
    { label: t('field.partner'), cell: (r) => itemLink('partners', r.partnerId, r.partner) },
    { label: t('field.phone'), cell: (r) => <PhoneLinks phones={r.phones} /> },
    { label: t('field.email'), cell: (r) => r.emails.join(', ') },
    { label: t('field.telegram'), cell: (r) => (r.telegram ? `@${r.telegram}` : '') },
  ],
  fields: async ({ t }) => [
    {
      name: 'partnerId',
      label: t('field.partner'),
      type: 'lookup',
      lookup: 'partners',
      required: true,
      wide: true,
    },
    text('name', t, 'field.contactName', { required: true }),
    text('position', t, 'field.position'),
    { name: 'phones', label: t('field.phones'), type: 'textarea' },
    { name: 'emails', label: t('field.emails'), type: 'textarea' },
    text('telegram', t, 'field.telegram'),
    { name: 'comment', label: t('field.comment'), type: 'textarea', wide: true },
  ],
};

const productsUi: CatalogUi<ProductRow> = {
  slug: 'products',
  block: 'settings',
  catalog: productCatalog,
  list: listProducts,
  children: ['prices'],
  cardHref: (id) => `/products/${id}`,
  defaults: () => ({ unit: 'шт', kind: 'goods', vatRate: '22' }),
  columns: ({ t }) => [
    { label: t('field.sku'), cell: (r) => r.sku },
    { label: t('field.name'), cell: (r) => itemLink('products', r.id, r.name) },
    { label: t('field.group'), cell: (r) => r.group },
    { label: t('field.kind'), cell: (r) => t(`kind.${r.kind}`) },
    { label: t('field.unit'), cell: (r) => r.unit },
    { label: t('field.vatRate'), cell: (r) => t(`vat.${r.vatRate}`) },
    {
      label: t('field.property_control_type'),
      cell: (r) =>
        r.properties.control_type
          ? t(`property.control_type.${r.properties.control_type}` as MessageKey)
          : '',
    },
  ],
  fields: async ({ db, t }) => [
    text('sku', t, 'field.sku', { required: true }),
    text('name', t, 'field.name', { required: true }),
    {
      name: 'kind',
      label: t('field.kind'),
      type: 'select',
      options: options(productKinds, t, 'kind'),
      required: true,
    },
    {
      name: 'groupId',
      label: t('field.group'),
      type: 'select',
      options: await activeOptions(listProductGroups, db),
    },
    text('unit', t, 'field.unit', { required: true }),
    {
      name: 'vatRate',
      label: t('field.vatRate'),
      type: 'select',
      options: options(vatRates, t, 'vat'),
      required: true,
    },
    ...Object.entries(productProperties).map(
      ([key, values]): FieldSpec => ({
        name: `property_${key}`,
        label: t(`field.property_${key}` as MessageKey),
        type: 'select',
        options: options(values, t, `property.${key}`),
      }),
    ),
    { name: 'giftable', label: t('field.giftable'), type: 'checkbox' },
    text('weightKg', t, 'field.weightKg'),
    text('volumeM3', t, 'field.volumeM3'),
    text('minStock', t, 'field.minStock'),
    { name: 'mainSupplierId', label: t('field.mainSupplier'), type: 'lookup', lookup: 'partners' },
    { name: 'description', label: t('field.description'), type: 'textarea', wide: true },
  ],
};

const pricesUi: CatalogUi<PriceRow> = {
  slug: 'prices',
  block: 'marketing',
  catalog: priceCatalog,
  list: (db, q) => listPrices(db, { ...q, productId: q.parentId }),
  parent: { param: 'product', field: 'productId' },
  defaults: () => ({ validFrom: new Date().toISOString().slice(0, 10) }),
  columns: ({ t, locale }) => [
    { label: t('field.product'), cell: (r) => itemLink('products', r.productId, `${r.product} · ${r.sku}`) },
    { label: t('field.priceType'), cell: (r) => itemLink('prices', r.id, r.priceType) },
    { label: t('field.validFrom'), cell: (r) => formatDate(locale, r.validFrom) },
    { label: t('field.price'), cell: (r) => formatMoney(locale, r.price), numeric: true },
  ],
  fields: async ({ db, t }) => [
    {
      name: 'productId',
      label: t('field.product'),
      type: 'lookup',
      lookup: 'products',
      required: true,
      wide: true,
    },
    {
      name: 'priceTypeId',
      label: t('field.priceType'),
      type: 'select',
      options: await activeOptions(listPriceTypes, db),
      required: true,
    },
    { name: 'validFrom', label: t('field.validFrom'), type: 'date', required: true },
    { name: 'price', label: t('field.price'), type: 'money', required: true },
  ],
};

const organizationsUi: CatalogUi<OrganizationRow> = {
  slug: 'organizations',
  block: 'settings',
  catalog: organizationCatalog,
  list: listOrganizations,
  children: ['bank-accounts'],
  columns: ({ t }) => [
    { label: t('field.name'), cell: (r) => itemLink('organizations', r.id, r.name) },
    { label: t('field.inn'), cell: (r) => r.inn },
    { label: t('field.kpp'), cell: (r) => r.kpp },
    { label: t('field.address'), cell: (r) => r.address },
  ],
  fields: async ({ t }) => [
    text('name', t, 'field.name', { required: true }),
    text('fullName', t, 'field.fullName'),
    text('inn', t, 'field.inn', { required: true }),
    text('kpp', t, 'field.kpp'),
    text('ogrn', t, 'field.ogrn'),
    text('phone', t, 'field.phone'),
    { name: 'email', label: t('field.email'), type: 'email' },
    text('address', t, 'field.address', { wide: true }),
  ],
};

const bankAccountsUi: CatalogUi<BankAccountRow> = {
  slug: 'bank-accounts',
  block: 'settings',
  catalog: bankAccountCatalog,
  list: (db, q) => listBankAccounts(db, { ...q, organizationId: q.parentId }),
  parent: { param: 'organization', field: 'organizationId' },
  defaults: () => ({ currency: 'RUB' }),
  columns: ({ t }) => [
    { label: t('field.accountNumber'), cell: (r) => itemLink('bank-accounts', r.id, r.accountNumber) },
    { label: t('field.bankName'), cell: (r) => r.bankName },
    { label: t('field.bik'), cell: (r) => r.bik },
    { label: t('field.currency'), cell: (r) => r.currency },
    { label: t('field.organization'), cell: (r) => r.organization },
  ],
  fields: async ({ db, t }) => [
    {
      name: 'organizationId',
      label: t('field.organization'),
      type: 'select',
      options: idOptions((await listOrganizations(db, {})).rows),
      required: true,
      wide: true,
    },
    text('bankName', t, 'field.bankName', { required: true }),
    text('bik', t, 'field.bik', { required: true }),
    text('accountNumber', t, 'field.accountNumber', { required: true }),
    text('corrAccount', t, 'field.corrAccount'),
    text('currency', t, 'field.currency', { required: true }),
  ],
};

const warehousesUi: CatalogUi<WarehouseRow> = {
  ...namedCatalog('warehouses', 'warehouse', warehouseCatalog, listWarehouses),
  columns: ({ t }) => [
    { label: t('field.name'), cell: (r) => itemLink('warehouses', r.id, r.name) },
    { label: t('field.address'), cell: (r) => r.address },
    { label: t('field.mainWarehouse'), cell: (r) => (r.main ? t('common.yes') : '') },
  ],
  fields: async ({ t }) => [
    text('name', t, 'field.name', { required: true, wide: true }),
    text('address', t, 'field.address', { wide: true }),
    { name: 'main', label: t('field.mainWarehouse'), type: 'checkbox' },
  ],
};

const priceTypesUi: CatalogUi<PriceTypeRow> = {
  ...namedCatalog('price-types', 'marketing', priceTypeCatalog, listPriceTypes),
  defaults: () => ({ purpose: 'sale', includesVat: true }),
  columns: ({ t }) => [
    { label: t('field.name'), cell: (r) => itemLink('price-types', r.id, r.name) },
    { label: t('field.purpose'), cell: (r) => t(`purpose.${r.purpose}`) },
    { label: t('field.includesVat'), cell: (r) => t(r.includesVat ? 'common.yes' : 'common.no') },
    { label: t('field.mainPriceType'), cell: (r) => (r.main ? t('common.yes') : '') },
  ],
  fields: async ({ t }) => [
    text('name', t, 'field.name', { required: true, wide: true }),
    {
      name: 'purpose',
      label: t('field.purpose'),
      type: 'select',
      options: options(priceTypePurposes, t, 'purpose'),
      required: true,
    },
    { name: 'includesVat', label: t('field.includesVat'), type: 'checkbox' },
    { name: 'main', label: t('field.mainPriceType'), type: 'checkbox' },
  ],
};

const discountRulesUi: CatalogUi<DiscountRuleRow> = {
  ...namedCatalog('discount-rules', 'marketing', discountRuleCatalog, listDiscountRules),
  defaults: () => ({ kind: 'segment' }),
  columns: ({ t, locale }) => [
    { label: t('field.name'), cell: (r) => itemLink('discount-rules', r.id, r.name) },
    {
      label: t('discount.field.kind'),
      cell: (r) =>
        `${t(`discount.kind.${r.kind}`)}: ${
          r.kind === 'segment'
            ? r.segment
            : r.kind === 'line_quantity'
              ? `≥ ${formatQuantity(locale, r.minQuantity)}`
              : `≥ ${formatMoney(locale, r.minAmount)}`
        }`,
    },
    { label: t('discount.field.percent'), cell: (r) => formatQuantity(locale, r.percent), numeric: true },
  ],
  fields: async ({ db, t }) => [
    text('name', t, 'field.name', { required: true, wide: true }),
    {
      name: 'kind',
      label: t('discount.field.kind'),
      type: 'select',
      options: options(discountRuleKinds, t, 'discount.kind'),
      required: true,
    },
    { name: 'percent', label: t('discount.field.percent'), type: 'money', required: true },
    text('segment', t, 'field.segment', { suggestions: await listSegments(db) }),
    { name: 'minQuantity', label: t('discount.field.minQuantity'), type: 'money' },
    { name: 'minAmount', label: t('discount.field.minAmount'), type: 'money' },
  ],
};

const driversUi: CatalogUi<DriverRow> = {
  ...namedCatalog('drivers', 'delivery', driverCatalog, listDrivers),
  columns: ({ t }) => [
    { label: t('field.name'), cell: (r) => itemLink('drivers', r.id, r.name) },
    { label: t('field.phone'), cell: (r) => <PhoneLink phone={r.phone} /> },
  ],
  fields: async ({ t }) => [
    text('name', t, 'field.name', { required: true, wide: true }),
    text('phone', t, 'field.phone'),
  ],
};

const vehiclesUi: CatalogUi<VehicleRow> = {
  ...namedCatalog('vehicles', 'delivery', vehicleCatalog, listVehicles),
  columns: ({ t, locale }) => [
    { label: t('field.name'), cell: (r) => itemLink('vehicles', r.id, r.name) },
    { label: t('field.plateNumber'), cell: (r) => r.plateNumber },
    { label: t('field.capacityKg'), cell: (r) => formatQuantity(locale, r.capacityKg), numeric: true },
    { label: t('field.capacityM3'), cell: (r) => formatQuantity(locale, r.capacityM3), numeric: true },
  ],
  fields: async ({ t }) => [
    text('name', t, 'field.name', { required: true, wide: true }),
    text('plateNumber', t, 'field.plateNumber'),
    text('capacityKg', t, 'field.capacityKg'),
    text('capacityM3', t, 'field.capacityM3'),
  ],
};

/** Catalogs in the order the navigation shows them inside each block. */
export const catalogUis = [
  partnersUi,
  contactsUi,
  namedCatalog('sources', 'crm', interestSourceCatalog, listInterestSources),
  namedCatalog('loss-reasons', 'crm', lossReasonCatalog, listLossReasons),
  priceTypesUi,
  pricesUi,
  discountRulesUi,
  warehousesUi,
  driversUi,
  vehiclesUi,
  productsUi,
  namedCatalog('product-groups', 'settings', productGroupCatalog, listProductGroups),
  namedCatalog('cash-desks', 'treasury', cashDeskCatalog, listCashDesks),
  organizationsUi,
  bankAccountsUi,
] as unknown as CatalogUi[];

export function catalogUi(slug: string): CatalogUi | undefined {
  return catalogUis.find((ui) => ui.slug === slug);
}
