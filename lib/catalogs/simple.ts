import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import {
  cashDesks,
  drivers,
  interestSources,
  lossReasons,
  priceTypes,
  productGroups,
  vehicles,
  warehouses,
} from '@/db/schema';
import { optionalDecimal } from '@/lib/validation/decimal';
import { checkbox, optionalPhone, optionalText, requiredText } from '@/lib/validation/fields';
import { defineCatalog, EVERYONE, LEADERS, listByName } from './catalog';

const nameOnly = z.object({ name: requiredText });
const duplicateName = { field: 'name', message: 'duplicate_name' };

export const interestSourceCatalog = defineCatalog({
  entity: 'interest_source',
  editRoles: LEADERS,
  table: interestSources,
  schema: nameOnly,
  unique: { interest_sources_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name }),
});
export const listInterestSources = listByName(interestSourceCatalog, interestSources);

export const lossReasonCatalog = defineCatalog({
  entity: 'loss_reason',
  editRoles: LEADERS,
  table: lossReasons,
  schema: nameOnly,
  unique: { loss_reasons_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name }),
});
export const listLossReasons = listByName(lossReasonCatalog, lossReasons);

export const productGroupCatalog = defineCatalog({
  entity: 'product_group',
  editRoles: LEADERS,
  table: productGroups,
  schema: nameOnly,
  unique: { product_groups_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name }),
});
export const listProductGroups = listByName(productGroupCatalog, productGroups);

export const warehouseCatalog = defineCatalog({
  entity: 'warehouse',
  editRoles: LEADERS,
  table: warehouses,
  schema: z.object({ name: requiredText, address: optionalText, main: checkbox }),
  unique: { warehouses_name_unique: duplicateName },
  exclusive: 'main',
  toForm: (row) => ({ name: row.name, address: row.address ?? '', main: row.main }),
});
export const listWarehouses = listByName(warehouseCatalog, warehouses);

/** Водители: anyone who works with documents keeps the list (a delivery is formed by its manager). */
export const driverCatalog = defineCatalog({
  entity: 'driver',
  editRoles: EVERYONE,
  table: drivers,
  schema: z.object({ name: requiredText, phone: optionalPhone }),
  unique: { drivers_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name, phone: row.phone ?? '' }),
});
export const listDrivers = listByName(driverCatalog, drivers);

/** Транспортные средства with what each carries, shown against a trip's load. */
export const vehicleCatalog = defineCatalog({
  entity: 'vehicle',
  editRoles: EVERYONE,
  table: vehicles,
  schema: z.object({
    name: requiredText,
    plateNumber: optionalText,
    capacityKg: optionalDecimal(3, 'quantity_invalid'),
    capacityM3: optionalDecimal(4, 'quantity_invalid'),
  }),
  unique: { vehicles_name_unique: duplicateName },
  toForm: (row) => ({
    name: row.name,
    plateNumber: row.plateNumber ?? '',
    capacityKg: row.capacityKg ?? '',
    capacityM3: row.capacityM3 ?? '',
  }),
});
export const listVehicles = listByName(vehicleCatalog, vehicles);

/** Кассы: the cash receipt and payment orders take money in and out of one. */
export const cashDeskCatalog = defineCatalog({
  entity: 'cash_desk',
  editRoles: LEADERS,
  table: cashDesks,
  schema: nameOnly,
  unique: { cash_desks_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name }),
});
export const listCashDesks = listByName(cashDeskCatalog, cashDesks);

export const priceTypePurposes = ['purchase', 'sale'] as const;
export const priceTypeCatalog = defineCatalog({
  entity: 'price_type',
  editRoles: LEADERS,
  table: priceTypes,
  schema: z
    .object({
      name: requiredText,
      purpose: z.enum(priceTypePurposes, { error: 'required' }),
      includesVat: checkbox,
      main: checkbox,
    })
    .refine((v) => !v.main || v.purpose === 'sale', { path: ['main'], message: 'main_sale_only' }),
  unique: { price_types_name_unique: duplicateName },
  exclusive: 'main',
  toForm: (row) => ({ name: row.name, purpose: row.purpose, includesVat: row.includesVat, main: row.main }),
});
export const listPriceTypes = listByName(priceTypeCatalog, priceTypes);

/** The one of `rows` (active, main first) a new document starts with: the main one, else the only one. */
const mainOrOnly = (rows: { id: number; main: boolean }[]) =>
  rows[0]?.main || rows.length === 1 ? rows[0]!.id : null;

/** The warehouse new sales documents start from: the main warehouse, else the only one; null if neither. */
export async function defaultWarehouseId(db: DbOrTx): Promise<number | null> {
  return mainOrOnly(
    await db
      .select({ id: warehouses.id, main: warehouses.main })
      .from(warehouses)
      .where(isNull(warehouses.archivedAt))
      .orderBy(desc(warehouses.main))
      .limit(2),
  );
}

/** «Основной тип цен продажи», else the only sale price type; null if neither. */
export async function defaultSalePriceTypeId(db: DbOrTx): Promise<number | null> {
  return mainOrOnly(
    await db
      .select({ id: priceTypes.id, main: priceTypes.main })
      .from(priceTypes)
      .where(and(eq(priceTypes.purpose, 'sale'), isNull(priceTypes.archivedAt)))
      .orderBy(desc(priceTypes.main))
      .limit(2),
  );
}
