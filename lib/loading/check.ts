import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import {
  bankAccounts,
  cashDesks,
  partners,
  priceTypes,
  productGroups,
  products,
  warehouses,
} from '@/db/schema';
import { partnerSchema } from '@/lib/catalogs/partners';
import { productSchema } from '@/lib/catalogs/products';
import { typedDecimal } from '@/lib/validation/decimal';
import {
  emailList,
  type FieldErrors,
  fieldErrors,
  money,
  optionalText,
  phoneList,
  requiredText,
} from '@/lib/validation/fields';
import { type DataLoadKind, headerKey, loadFields, requiredFields } from './targets';

export type PartnerRow = {
  partner: z.output<typeof partnerSchema>;
  contact: z.output<typeof contactSchema> | null;
};
export type ProductRow = {
  product: z.output<typeof productSchema>;
  group: string | null;
  prices: { priceTypeId: number; price: string }[];
};
export type StockRow = { productId: number; warehouseId: number; quantity: string; cost: string };
export type DebtRow = { partnerId: number; amount: string };
/** Money on a bank account or in a cash desk: exactly one of them. */
export type CashRow = { bankAccountId: number | null; cashDeskId: number | null; amount: string };
export type RowValue = PartnerRow | ProductRow | StockRow | DebtRow | CashRow;

/** One row of the file (numbered as the spreadsheet numbers it, the header being 1) and its errors by field. */
export type CheckedRow<T = RowValue> = { line: number; value: T | null; errors: FieldErrors };

export type CheckResult = {
  rows: CheckedRow[];
  /** Required fields no column is mapped to: nothing can be loaded until they are. */
  unmapped: string[];
  /** Product groups the file names that the catalog lacks (created when the user asks). */
  missingGroups: string[];
};

const contactSchema = z.object({
  name: requiredText,
  position: optionalText,
  phones: phoneList,
  emails: emailList,
});

const positiveQuantity = typedDecimal(3, 'quantity_invalid').refine(
  (v) => new Decimal(v).gt(0),
  'quantity_invalid',
);
const cost = typedDecimal(2, 'money_invalid');
const positiveAmount = typedDecimal(2, 'money_invalid').refine((v) => new Decimal(v).gt(0), 'money_invalid');

const yes = new Set(['да', 'yes', 'y', '1', 'true', 'истина', '+', 'x', 'х']);
const vatByText: Record<string, string> = {
  '22': '22',
  '10': '10',
  '0': '0',
  безндс: 'none',
  none: 'none',
  без: 'none',
};
const kindByText: Record<string, string> = {
  товар: 'goods',
  goods: 'goods',
  услуга: 'service',
  service: 'service',
};

/** Values of `column` among `values`, one parameter whatever their number (no 65 535-parameter limit). */
const among = (column: AnyPgColumn | SQL, values: readonly string[]) =>
  sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

const digits = (v: string) => v.replace(/\D/g, '');

/**
 * Checks every row of a file as it would be loaded: each field as the catalog's own form checks it
 * (INN checksum, phones in E.164, money), and against the file and the database (a SKU or INN twice,
 * an unknown group, product, warehouse, partner or account). Reads only.
 */
export async function checkRows(
  db: DbOrTx,
  kind: DataLoadKind,
  rows: readonly string[][],
  mapping: readonly string[],
  options: { createGroups?: boolean } = {},
): Promise<CheckResult> {
  const unmapped = requiredFields[kind].filter((f) => !mapping.includes(f));
  if (kind === 'client_debts' || kind === 'supplier_debts')
    if (!mapping.includes('inn') && !mapping.includes('partner')) unmapped.push('partner');
  if (kind === 'cash' && !mapping.includes('account') && !mapping.includes('cashDesk'))
    unmapped.push('account');
  const cells = rows.map((cells) => {
    const record: Record<string, string> = {};
    mapping.forEach((field, i) => {
      if (field && !(field in loadFields[kind]) && !field.startsWith('price:')) return;
      if (field) record[field] = cells[i] ?? '';
    });
    return record;
  });
  const line = (i: number) => i + 2;
  const result = (checked: CheckedRow[], missingGroups: string[] = []): CheckResult => ({
    rows: checked,
    unmapped,
    missingGroups,
  });
  switch (kind) {
    case 'partners':
      return result(await checkPartners(db, cells, mapping, line));
    case 'products': {
      const { checked, missingGroups } = await checkProducts(db, cells, line, options.createGroups ?? false);
      return result(checked, missingGroups);
    }
    case 'opening_stock':
      return result(await checkStock(db, cells, line));
    case 'client_debts':
    case 'supplier_debts':
      return result(await checkDebts(db, cells, line, kind === 'client_debts' ? 'client' : 'supplier'));
    case 'cash':
      return result(await checkCash(db, cells, line));
  }
}

/** Marks a value seen twice in the file at every row after the first. */
function duplicatesInFile<T>(
  checked: CheckedRow<T>[],
  keyOf: (row: CheckedRow<T>) => string | null,
  field: string,
) {
  const seen = new Set<string>();
  for (const row of checked) {
    const key = keyOf(row);
    if (key === null) continue;
    if (seen.has(key)) row.errors[field] ??= 'duplicate_in_file';
    seen.add(key);
  }
}

async function checkPartners(
  db: DbOrTx,
  cells: Record<string, string>[],
  mapping: readonly string[],
  line: (i: number) => number,
): Promise<CheckedRow[]> {
  // Without a client column, whoever is not a supplier is a client (a list of clients has neither).
  const clientMapped = mapping.includes('isClient');
  const checked: CheckedRow<PartnerRow>[] = cells.map((c, i) => {
    const parsed = partnerSchema.safeParse({
      name: c.name,
      fullName: c.fullName,
      isClient: clientMapped
        ? yes.has((c.isClient ?? '').toLowerCase())
        : !yes.has((c.isSupplier ?? '').toLowerCase()),
      isSupplier: yes.has((c.isSupplier ?? '').toLowerCase()),
      inn: c.inn,
      kpp: c.kpp,
      segment: c.segment,
      address: c.address,
      phone: c.phone,
      email: c.email,
      comment: c.comment,
    });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    let contact: PartnerRow['contact'] = null;
    if (c.contactName) {
      const person = contactSchema.safeParse({
        name: c.contactName,
        position: c.contactPosition,
        phones: c.contactPhones,
        emails: c.contactEmails,
      });
      if (person.success) contact = person.data;
      else
        for (const [field, code] of Object.entries(fieldErrors(person.error)))
          errors[`contact${field[0]!.toUpperCase()}${field.slice(1)}`] = code;
    }
    const ok = parsed.success && Object.keys(errors).length === 0;
    return { line: line(i), value: ok ? { partner: parsed.data, contact } : null, errors };
  });
  duplicatesInFile(checked, (r) => (r.value?.partner.inn ? r.value.partner.inn : null), 'inn');
  const inns = checked.flatMap((r) => (r.value?.partner.inn ? [r.value.partner.inn] : []));
  if (inns.length) {
    const taken = await db.select({ inn: partners.inn }).from(partners).where(among(partners.inn, inns));
    const known = new Set(taken.map((t) => t.inn));
    for (const r of checked)
      if (r.value?.partner.inn && known.has(r.value.partner.inn)) r.errors.inn ??= 'duplicate_inn';
  }
  return settle(checked);
}

/** A row with any error has no value to load. */
const settle = <T>(checked: CheckedRow<T>[]): CheckedRow[] =>
  checked.map((r) => (Object.keys(r.errors).length ? { ...r, value: null } : r)) as CheckedRow[];

async function checkProducts(
  db: DbOrTx,
  cells: Record<string, string>[],
  line: (i: number) => number,
  createGroups: boolean,
): Promise<{ checked: CheckedRow[]; missingGroups: string[] }> {
  const types = await db.select({ id: priceTypes.id }).from(priceTypes);
  const typeIds = new Set(types.map((t) => t.id));
  const checked: CheckedRow<ProductRow>[] = cells.map((c, i) => {
    const vat = c.vatRate ? vatByText[headerKey(c.vatRate)] : '22';
    const kind = c.kind ? kindByText[headerKey(c.kind)] : 'goods';
    const parsed = productSchema.safeParse({
      sku: c.sku,
      name: c.name,
      unit: c.unit || 'шт',
      kind,
      vatRate: vat,
      description: c.description,
    });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    if (c.vatRate && !vat) errors.vatRate = 'vat_invalid';
    if (c.kind && !kind) errors.kind = 'product_kind_invalid';
    const prices: ProductRow['prices'] = [];
    for (const [field, value] of Object.entries(c)) {
      if (!field.startsWith('price:') || value === '') continue;
      const priceTypeId = Number(field.slice(6));
      if (!typeIds.has(priceTypeId)) continue;
      const price = money.safeParse(value);
      if (price.success) prices.push({ priceTypeId, price: price.data });
      else errors[field] = 'money_invalid';
    }
    return {
      line: line(i),
      value: parsed.success ? { product: parsed.data, group: c.group || null, prices } : null,
      errors,
    };
  });
  duplicatesInFile(checked, (r) => r.value?.product.sku ?? null, 'sku');
  const skus = checked.flatMap((r) => (r.value ? [r.value.product.sku] : []));
  const groupNames = [...new Set(checked.flatMap((r) => (r.value?.group ? [r.value.group] : [])))];
  const [taken, groups] = await Promise.all([
    skus.length
      ? db.select({ sku: products.sku }).from(products).where(among(products.sku, skus))
      : Promise.resolve([]),
    groupNames.length
      ? db
          .select({ name: productGroups.name })
          .from(productGroups)
          .where(
            among(
              sql`lower(${productGroups.name})`,
              groupNames.map((g) => g.toLowerCase()),
            ),
          )
      : Promise.resolve([]),
  ]);
  const knownSkus = new Set(taken.map((t) => t.sku));
  const knownGroups = new Set(groups.map((g) => g.name.toLowerCase()));
  const missingGroups = groupNames.filter((g) => !knownGroups.has(g.toLowerCase()));
  for (const r of checked) {
    if (!r.value) continue;
    if (knownSkus.has(r.value.product.sku)) r.errors.sku ??= 'duplicate_sku';
    if (r.value.group && !createGroups && !knownGroups.has(r.value.group.toLowerCase()))
      r.errors.group = 'group_unknown';
  }
  return { checked: settle(checked), missingGroups };
}

async function checkStock(db: DbOrTx, cells: Record<string, string>[], line: (i: number) => number) {
  const skus = [...new Set(cells.map((c) => (c.sku ?? '').toUpperCase()).filter(Boolean))];
  const [found, stores] = await Promise.all([
    skus.length
      ? db
          .select({ id: products.id, sku: products.sku, kind: products.kind })
          .from(products)
          .where(among(products.sku, skus))
      : Promise.resolve([]),
    db.select({ id: warehouses.id, name: warehouses.name }).from(warehouses),
  ]);
  const bySku = new Map(found.map((p) => [p.sku, p]));
  const byName = new Map(stores.map((w) => [w.name.toLowerCase(), w.id]));
  const checked = cells.map((c, i): CheckedRow<StockRow> => {
    const errors: FieldErrors = {};
    const product = bySku.get((c.sku ?? '').toUpperCase());
    if (!c.sku) errors.sku = 'required';
    else if (!product) errors.sku = 'product_unknown';
    else if (product.kind === 'service') errors.sku = 'product_is_service';
    const warehouseId = byName.get((c.warehouse ?? '').toLowerCase());
    if (!warehouseId) errors.warehouse = c.warehouse ? 'warehouse_unknown' : 'required';
    const quantity = positiveQuantity.safeParse(c.quantity ?? '');
    if (!quantity.success) errors.quantity = fieldErrors(quantity.error)._form ?? 'quantity_invalid';
    const unitCost = cost.safeParse(c.cost ?? '');
    if (!unitCost.success) errors.cost = fieldErrors(unitCost.error)._form ?? 'money_invalid';
    return {
      line: line(i),
      value:
        product && warehouseId && quantity.success && unitCost.success
          ? { productId: product.id, warehouseId, quantity: quantity.data, cost: unitCost.data }
          : null,
      errors,
    };
  });
  return settle(checked);
}

async function checkDebts(
  db: DbOrTx,
  cells: Record<string, string>[],
  line: (i: number) => number,
  role: 'client' | 'supplier',
) {
  const inns = [...new Set(cells.map((c) => digits(c.inn ?? '')).filter(Boolean))];
  const names = [...new Set(cells.map((c) => (c.partner ?? '').toLowerCase()).filter(Boolean))];
  const columns = {
    id: partners.id,
    inn: partners.inn,
    name: partners.name,
    isClient: partners.isClient,
    isSupplier: partners.isSupplier,
  };
  const [byInnRows, byNameRows] = await Promise.all([
    inns.length ? db.select(columns).from(partners).where(among(partners.inn, inns)) : Promise.resolve([]),
    names.length
      ? db
          .select(columns)
          .from(partners)
          .where(among(sql`lower(${partners.name})`, names))
      : Promise.resolve([]),
  ]);
  // Looked up by key: a file of 50 000 debts against as many partners must not compare every pair.
  const byInn = new Map(byInnRows.map((p) => [p.inn, p]));
  const byName = new Map<
    string,
    { id: number; inn: string | null; name: string; isClient: boolean; isSupplier: boolean }[]
  >();
  for (const p of byNameRows) {
    const key = p.name.toLowerCase();
    const same = byName.get(key);
    if (same) same.push(p);
    else byName.set(key, [p]);
  }
  const checked = cells.map((c, i): CheckedRow<DebtRow> => {
    const errors: FieldErrors = {};
    const inn = digits(c.inn ?? '');
    const named = byName.get((c.partner ?? '').toLowerCase()) ?? [];
    const partner = inn ? byInn.get(inn) : named.length === 1 ? named[0] : undefined;
    const field = inn ? 'inn' : 'partner';
    if (!inn && !c.partner) errors.partner = 'required';
    else if (!partner) errors[field] = named.length > 1 ? 'partner_ambiguous' : 'partner_unknown';
    else if (role === 'client' ? !partner.isClient : !partner.isSupplier)
      errors[field] = `partner_not_${role}`;
    const amount = positiveAmount.safeParse(c.amount ?? '');
    if (!amount.success) errors.amount = fieldErrors(amount.error)._form ?? 'money_invalid';
    return {
      line: line(i),
      value:
        partner && amount.success && !errors[field] ? { partnerId: partner.id, amount: amount.data } : null,
      errors,
    };
  });
  duplicatesInFile(
    checked,
    (r) => (r.value ? String(r.value.partnerId) : null),
    inns.length ? 'inn' : 'partner',
  );
  return settle(checked);
}

async function checkCash(db: DbOrTx, cells: Record<string, string>[], line: (i: number) => number) {
  const [accounts, desks] = await Promise.all([
    db.select({ id: bankAccounts.id, account: bankAccounts.accountNumber }).from(bankAccounts),
    db.select({ id: cashDesks.id, name: cashDesks.name }).from(cashDesks),
  ]);
  const checked = cells.map((c, i): CheckedRow<CashRow> => {
    const errors: FieldErrors = {};
    const named = { account: (c.account ?? '').trim(), cashDesk: (c.cashDesk ?? '').trim() };
    const account = named.account ? accounts.find((a) => a.account === digits(named.account)) : undefined;
    const desk = named.cashDesk
      ? desks.find((d) => d.name.toLowerCase() === named.cashDesk.toLowerCase())
      : undefined;
    // A row names a bank account or a cash desk, never both.
    if (named.account && named.cashDesk) errors.account = 'account_or_cash_desk';
    else if (named.account && !account) errors.account = 'account_unknown';
    else if (named.cashDesk && !desk) errors.cashDesk = 'cash_desk_unknown';
    else if (!account && !desk) errors.account = 'account_or_cash_desk';
    const amount = positiveAmount.safeParse(c.amount ?? '');
    if (!amount.success) errors.amount = fieldErrors(amount.error)._form ?? 'money_invalid';
    return {
      line: line(i),
      value:
        Object.keys(errors).length === 0 && amount.success
          ? { bankAccountId: account?.id ?? null, cashDeskId: desk?.id ?? null, amount: amount.data }
          : null,
      errors,
    };
  });
  duplicatesInFile(
    checked,
    (r) => (r.value?.bankAccountId ? `account:${r.value.bankAccountId}` : null),
    'account',
  );
  duplicatesInFile(checked, (r) => (r.value?.cashDeskId ? `desk:${r.value.cashDeskId}` : null), 'cashDesk');
  return settle(checked);
}
