import { type Column, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

type Plan = { columns: Column[]; prefix: string; suffix: string };
const plans = new WeakMap<PgTable, Map<string, Plan>>();

/** A column's type as a record definition takes it: serials are their integer types there. */
const recordType = (column: Column) =>
  ({ serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' })[column.getSQLType()] ??
  column.getSQLType();
const isJson = (column: Column) => column.columnType === 'PgJsonb' || column.columnType === 'PgJson';

function planFor(table: PgTable, keys: string[], signature: string): Plan {
  let byKeys = plans.get(table);
  if (!byKeys) {
    byKeys = new Map();
    plans.set(table, byKeys);
  }
  let plan = byKeys.get(signature);
  if (!plan) {
    const all = getTableColumns(table) as Record<string, Column>;
    const columns = keys.map((k) => {
      if (!all[k]) throw new Error(`insertRows: ${getTableName(table)} has no column ${k}`);
      return all[k];
    });
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    plan = {
      columns,
      prefix: `insert into "${getTableName(table)}" (${names}) select ${names} from jsonb_to_recordset(`,
      suffix: `::jsonb) as r(${columns.map((c) => `"${c.name}" ${recordType(c)}`).join(', ')})`,
    };
    byKeys.set(signature, plan);
  }
  return plan;
}

/**
 * Inserts rows as one JSON parameter read by jsonb_to_recordset: one statement text per table and
 * set of columns however many rows there are, so each connection prepares it once, and none of a query
 * builder's per-value work on posting's hot path. Columns a row leaves out take their defaults (rows
 * that leave out different columns go in one statement per set, sent together).
 */
export async function insertRows<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  const bySet = new Map<string, { plan: Plan; values: Record<string, unknown>[] }>();
  for (const row of rows as Record<string, unknown>[]) {
    const keys = Object.keys(row).filter((k) => row[k] !== undefined);
    const signature = keys.join(',');
    let group = bySet.get(signature);
    if (!group) {
      group = { plan: planFor(table, keys, signature), values: [] };
      bySet.set(signature, group);
    }
    const value: Record<string, unknown> = {};
    group.plan.columns.forEach((column, i) => {
      const v = row[keys[i]!];
      value[column.name] = v === null || isJson(column) ? v : column.mapToDriverValue(v);
    });
    group.values.push(value);
  }
  await Promise.all(
    [...bySet.values()].map(({ plan, values }) =>
      db.execute(sql`${sql.raw(plan.prefix)}${JSON.stringify(values)}${sql.raw(plan.suffix)}`),
    ),
  );
}
