import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';
import { joinStatements, raw, Statement, statement } from './statement';

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

type Rows<T extends PgTable = PgTable> = readonly [table: T, rows: T['$inferInsert'][]];

/** A table's rows grouped by the columns they give, each group with its statement's plan. */
function groupsOf(table: PgTable, rows: Record<string, unknown>[]) {
  const bySet = new Map<string, { plan: Plan; values: Record<string, unknown>[] }>();
  for (const row of rows) {
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
  return [...bySet.values()];
}

/**
 * Inserts rows as one JSON parameter read by jsonb_to_recordset: one statement text per table and
 * set of columns however many rows there are, so each connection prepares it once, and none of a query
 * builder's per-value work on posting's hot path. Columns a row leaves out take their defaults.
 *
 * Several tables (a document, its lines and its audit row) go in one statement, in the order given:
 * each statement costs the client and the server a message and a system call each way. Foreign keys
 * are checked at the statement's end, so a line may refer to the document inserted beside it.
 */
export async function insertRowsOf(db: DbOrTx, ...tables: Rows[]): Promise<void> {
  const inserts = insertsOf(...tables);
  if (inserts.length > 0) await db.execute(oneStatement(inserts));
}

/** The inserts insertRowsOf makes of the rows, for a caller that sends them within a statement of its own. */
export function insertsOf(...tables: Rows[]): Statement[] {
  return tables
    .filter(([, rows]) => rows.length > 0)
    .flatMap(([table, rows]) => groupsOf(table, rows as Record<string, unknown>[]))
    .map(({ plan, values }) => Statement.of([plan.prefix, plan.suffix], [JSON.stringify(values)]));
}

/**
 * Writes (inserts, upserts) and then reads as one statement, each a WITH part; the outer select reads
 * each in turn, so they run, and the writes take their row locks, in the order given.
 */
export function oneStatement(writes: Statement[], reads: Statement[] = []): Statement {
  if (writes.length === 1 && reads.length === 0) return writes[0]!;
  const parts = [
    ...writes.map((write, i) => statement`w${raw(String(i))} as (${write} returning 1)`),
    ...reads.map((read, i) => statement`r${raw(String(i))} as (${read})`),
  ];
  // One count over all parts rather than one each: each aggregate is a plan node PostgreSQL sets up for
  // every execution.
  const all = [...writes.map((_, i) => `w${i}`), ...reads.map((_, i) => `r${i}`)]
    .map((name) => `select 1 from ${name}`)
    .join(' union all ');
  return statement`with ${joinStatements(parts, ', ')} select count(*) from (${raw(all)}) as written`;
}

/** insertRowsOf for one table. */
export function insertRows<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  return insertRowsOf(db, [table, rows] as Rows);
}
