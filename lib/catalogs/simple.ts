import { z } from 'zod';
import { interestSources, lossReasons, priceTypes, productGroups, warehouses } from '@/db/schema';
import { checkbox, optionalText, requiredText } from '@/lib/validation/fields';
import { defineCatalog, LEADERS, listByName } from './catalog';

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
  schema: z.object({ name: requiredText, address: optionalText }),
  unique: { warehouses_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name, address: row.address ?? '' }),
});
export const listWarehouses = listByName(warehouseCatalog, warehouses);

export const priceTypePurposes = ['purchase', 'sale'] as const;
export const priceTypeCatalog = defineCatalog({
  entity: 'price_type',
  editRoles: LEADERS,
  table: priceTypes,
  schema: z.object({
    name: requiredText,
    purpose: z.enum(priceTypePurposes, { error: 'required' }),
    includesVat: checkbox,
  }),
  unique: { price_types_name_unique: duplicateName },
  toForm: (row) => ({ name: row.name, purpose: row.purpose, includesVat: row.includesVat }),
});
export const listPriceTypes = listByName(priceTypeCatalog, priceTypes);
