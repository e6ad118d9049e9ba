import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { oneStatement } from '@/db/insert-rows';
import { inOrder } from '@/db/pipeline';
import {
  type Movement,
  type RegisterDef,
  type RegisterMovements,
  type RegisterName,
  registers,
  type TurnoverDef,
} from './registers';

/** What a posting changed in one register: net change and resulting balance per key. */
export type RegisterChange = {
  register: RegisterName;
  rows: { key: Record<string, number>; delta: Record<string, string>; balance: Record<string, string> }[];
};

type StoredMovement = Movement & { period: string };

const keyOf = (reg: RegisterDef, row: Movement) => reg.dimensions.map((d) => row[d]).join(':');
const dims = (reg: RegisterDef) => reg.dimensions.join(', ');
const resCols = (reg: RegisterDef) => reg.resources.map((r) => r.column).join(', ');

async function deleteMovements(tx: Tx, reg: RegisterDef, documentId: number): Promise<StoredMovement[]> {
  return tx.execute<StoredMovement>(
    sql.raw(
      `delete from ${reg.movements} where document_id = ${Number(documentId)} returning period::text, ${dims(reg)}, ${resCols(reg)}`,
    ),
  ) as unknown as Promise<StoredMovement[]>;
}

/** Net change per key (new minus old), zero keys dropped, sorted in lock order. */
function netDelta(reg: RegisterDef, fresh: Movement[], old: Movement[]) {
  const byKey = new Map<string, { key: Record<string, number>; res: Record<string, Decimal> }>();
  const add = (row: Movement, sign: 1 | -1) => {
    const k = keyOf(reg, row);
    let entry = byKey.get(k);
    if (!entry) {
      entry = {
        key: Object.fromEntries(reg.dimensions.map((d) => [d, Number(row[d])])),
        res: Object.fromEntries(reg.resources.map((r) => [r.column, new Decimal(0)])),
      };
      byKey.set(k, entry);
    }
    for (const r of reg.resources)
      entry.res[r.column] = entry.res[r.column]!.plus(new Decimal(row[r.column] ?? 0).times(sign));
  };
  for (const row of fresh) add(row, 1);
  for (const row of old) add(row, -1);
  return [...byKey.values()]
    .filter((e) => Object.values(e.res).some((v) => !v.isZero()))
    .sort((a, b) => {
      for (const d of reg.dimensions) if (a.key[d] !== b.key[d]) return a.key[d]! - b.key[d]!;
      return 0;
    })
    .map((e) => ({
      key: e.key,
      delta: Object.fromEntries(Object.entries(e.res).map(([c, v]) => [c, v.toFixed()])),
    }));
}

/**
 * Issues at moving-average cost: rows of the cost register with `amount: null` get quantity × the
 * current average (or their `basis_cost`, the cost a supplier return's goods came in at), read under a
 * row lock, net of this document's own previous movements. Taking the whole remaining quantity takes
 * the whole remaining amount, so no kopecks are left behind.
 */
async function resolveAverageCost(tx: Tx, fresh: Movement[], old: Movement[]): Promise<void> {
  const pending = fresh.filter((r) => r.amount === null || r.amount === undefined);
  if (pending.length === 0) return;
  const productIds = [...new Set(pending.map((r) => Number(r.product_id)))].sort((a, b) => a - b);
  const rows = (await tx.execute<{ product_id: number; quantity: string; amount: string }>(
    sql`select product_id, quantity, amount from cost_balances where product_id = any(${`{${productIds.join(',')}}`}::int[])
        order by product_id for update`,
  )) as unknown as { product_id: number; quantity: string; amount: string }[];
  const balance = new Map(productIds.map((id) => [id, { qty: new Decimal(0), amount: new Decimal(0) }]));
  for (const r of rows)
    balance.set(r.product_id, { qty: new Decimal(r.quantity), amount: new Decimal(r.amount) });
  for (const r of old) {
    const b = balance.get(Number(r.product_id));
    if (b) {
      b.qty = b.qty.minus(r.quantity as string);
      b.amount = b.amount.minus(r.amount as string);
    }
  }
  for (const r of fresh) {
    const b = balance.get(Number(r.product_id))!;
    const qty = new Decimal(r.quantity as string);
    if (r.amount === null || r.amount === undefined) {
      const issued = qty.negated();
      let cost: Decimal;
      if (b.qty.lte(0)) cost = new Decimal(0);
      else if (issued.gte(b.qty)) cost = b.amount;
      // Goods going back at the cost they came in at (a supplier return), never more than is left.
      else if (typeof r.basis_cost === 'string') cost = Decimal.min(r.basis_cost, b.amount);
      else cost = b.amount.div(b.qty).times(issued).toDecimalPlaces(2);
      r.amount = cost.negated().toFixed(2);
    }
    b.qty = b.qty.plus(qty);
    b.amount = b.amount.plus(r.amount as string);
  }
}

type RegisterWork = {
  reg: RegisterDef;
  fresh: Movement[];
  delta: ReturnType<typeof netDelta>;
  /** Turnover writes going with the register (outside withTurnoversAtCommit). */
  also: SQL[];
};

/**
 * Inserts the new movements of several registers and adds their net changes to the balances, in one
 * statement (each statement costs both sides a message and a system call): the balance writes are
 * read one after another, so balance rows are locked register by register in the order given, and it
 * returns each register's new balances of the keys it changed.
 */
async function insertAndApply(
  tx: Tx,
  documentId: number,
  period: Date,
  work: RegisterWork[],
): Promise<Record<string, string | number>[][]> {
  const parts: SQL[] = [];
  work.forEach(({ reg, fresh, delta, also }, i) => {
    const rowType = [
      'row_no int',
      ...reg.dimensions.map((d) => `${d} int`),
      ...reg.resources.map((r) => `${r.column} ${r.type}`),
    ].join(', ');
    const deltaType = [
      ...reg.dimensions.map((d) => `${d} int`),
      ...reg.resources.map((r) => `${r.column} ${r.type}`),
    ].join(', ');
    const cols = [...reg.dimensions, ...reg.resources.map((r) => r.column)].join(', ');
    const update = reg.resources
      .map((r) => `${r.column} = ${reg.balances}.${r.column} + excluded.${r.column}`)
      .join(', ');
    // Resources come back as text: a JSON number would lose a numeric's digits.
    const row = [
      ...reg.dimensions.map((d) => `'${d}', ${d}`),
      ...reg.resources.map((r) => `'${r.column}', ${r.column}::text`),
    ].join(', ');
    const rows = fresh.map((r, n) => ({ ...r, row_no: n + 1 }));
    const flatDelta = delta.map((d) => ({ ...d.key, ...d.delta }));
    parts.push(sql`${sql.raw(`m${i}`)} as (
      insert into ${sql.raw(reg.movements)} (document_id, row_no, period, ${sql.raw(cols)})
      select ${documentId}, r.row_no, ${period.toISOString()}::timestamptz, ${sql.raw(cols.replace(/(\w+)/g, 'r.$1'))}
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(rowType)})
    ), ${sql.raw(`b${i}`)} as (
      insert into ${sql.raw(reg.balances)} (${sql.raw(cols)})
      select ${sql.raw(cols)} from jsonb_to_recordset(${JSON.stringify(flatDelta)}::jsonb) as d(${sql.raw(deltaType)})
      order by ${sql.raw(dims(reg))}
      on conflict (${sql.raw(dims(reg))}) do update set ${sql.raw(update)}
      returning json_build_object(${sql.raw(row)}) as row
    )`);
    also.forEach((write, n) => {
      parts.push(sql`${sql.raw(`t${i}_${n}`)} as (${write})`);
    });
  });
  const rows = (await tx.execute(sql`
    with ${sql.join(parts, sql`, `)}
    ${sql.join(
      work.map((_, i) => sql.raw(`select ${i} as register, row from b${i}`)),
      sql` union all `,
    )}
  `)) as unknown as { register: number; row: Record<string, string | number> }[];
  const balances = work.map(() => [] as Record<string, string | number>[]);
  for (const r of rows) balances[r.register]!.push(r.row);
  return balances;
}

/** The day, or the first day of the month, a moment falls on (UTC, as reports count them). */
function periodOf(grain: TurnoverDef['grain'], moment: Date | string): string {
  const day = new Date(moment).toISOString().slice(0, 10);
  return grain === 'day' ? day : `${day.slice(0, 7)}-01`;
}

type TurnoverRow = Record<string, string | number>;
/** A turnover table's net change per key ("period:dim:…"), resources as decimals. */
type TurnoverChange = Map<string, { key: TurnoverRow; res: Record<string, Decimal> }>;

/** A register's turnovers per day or month, net of the movements removed and added. */
function turnoverChanges(
  reg: RegisterDef,
  fresh: Movement[],
  old: StoredMovement[],
  period: Date,
): { def: TurnoverDef; change: TurnoverChange }[] {
  return (reg.turnovers ?? []).map((def) => {
    const change: TurnoverChange = new Map();
    const add = (row: Movement, moment: Date | string, sign: 1 | -1) => {
      const key = {
        [def.grain]: periodOf(def.grain, moment),
        ...Object.fromEntries(def.dimensions.map((d) => [d, Number(row[d])])),
      };
      const k = Object.values(key).join(':');
      let e = change.get(k);
      if (!e) {
        e = { key, res: Object.fromEntries(def.resources.map((r) => [r.column, new Decimal(0)])) };
        change.set(k, e);
      }
      for (const r of def.resources) {
        const v = new Decimal(row[r.from] ?? 0);
        const part = r.part === 'in' ? Decimal.max(v, 0) : r.part === 'out' ? Decimal.max(v.negated(), 0) : v;
        e.res[r.column] = e.res[r.column]!.plus(part.times(sign));
      }
    };
    for (const r of fresh) add(r, period, 1);
    for (const r of old) add(r, r.period, -1);
    return { def, change };
  });
}

/** The statement adding a turnover table's change, or none when it nets to zero. */
function turnoverWrite(def: TurnoverDef, change: TurnoverChange): SQL | null {
  const keyColumns = [def.grain, ...def.dimensions];
  const rows = [...change.values()]
    .filter((e) => Object.values(e.res).some((v) => !v.isZero()))
    .map((e) => ({
      ...e.key,
      ...Object.fromEntries(Object.entries(e.res).map(([c, v]) => [c, v.toFixed()])),
    }))
    // Rows are locked in key order, so concurrent postings never deadlock on them (the period is an
    // ISO date, which sorts as text; dimensions are ids).
    .sort((a, b) => {
      for (const c of keyColumns) {
        const x = a[c]!;
        const y = b[c]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  if (rows.length === 0) return null;
  const resources = def.resources.map((r) => r.column);
  const recordType = [
    `${def.grain} date`,
    ...def.dimensions.map((d) => `${d} int`),
    ...resources.map((c) => `${c} numeric`),
  ].join(', ');
  const columns = [...keyColumns, ...resources].join(', ');
  const update = resources.map((c) => `${c} = ${def.table}.${c} + excluded.${c}`).join(', ');
  return sql`insert into ${sql.raw(def.table)} (${sql.raw(columns)})
    select ${sql.raw(columns)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as d(${sql.raw(recordType)})
    on conflict (${sql.raw(keyColumns.join(', '))}) do update set ${sql.raw(update)}`;
}

/**
 * Turnovers held back until the end of a transaction (withTurnoversAtCommit), per table in the
 * registers' order. A month's turnover of one manager is one row every posting of their sales
 * updates: written last, it is locked only for the commit, not for the rest of the posting.
 */
const heldTurnovers = new WeakMap<Tx, Map<string, { def: TurnoverDef; change: TurnoverChange }>>();

function holdTurnovers(
  held: Map<string, { def: TurnoverDef; change: TurnoverChange }>,
  changes: { def: TurnoverDef; change: TurnoverChange }[],
) {
  for (const { def, change } of changes) {
    let table = held.get(def.table);
    if (!table) {
      table = { def, change: new Map() };
      held.set(def.table, table);
    }
    for (const [k, e] of change) {
      const into = table.change.get(k);
      if (!into) table.change.set(k, e);
      else for (const [c, v] of Object.entries(e.res)) into.res[c] = into.res[c]!.plus(v);
    }
  }
}

/**
 * Runs `work` with the turnovers of every posting in it written at its end, in one round trip, just
 * before the transaction commits.
 */
export async function withTurnoversAtCommit<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const held = new Map<string, { def: TurnoverDef; change: TurnoverChange }>();
  heldTurnovers.set(tx, held);
  try {
    const result = await work();
    const order = registers.flatMap((r) => (r.turnovers ?? []).map((d) => d.table));
    const writes = [...held.values()]
      .sort((a, b) => order.indexOf(a.def.table) - order.indexOf(b.def.table))
      .map(({ def, change }) => turnoverWrite(def, change))
      .filter((w): w is SQL => w !== null);
    // One statement for all tables: each statement costs both sides a message and a system call.
    if (writes.length > 0) await tx.execute(oneStatement(writes));
    return result;
  } finally {
    heldTurnovers.delete(tx);
  }
}

/**
 * Replaces a document's movements in every register with `movements` (empty = unpost) and keeps the
 * balances exact. `hadMovements` false skips looking for old movements (first posting of a draft).
 */
export async function writeMovements(
  tx: Tx,
  documentId: number,
  period: Date,
  movements: RegisterMovements,
  hadMovements: boolean,
): Promise<RegisterChange[]> {
  // Statements are sent without waiting for each other: postgres.js pipelines them on the
  // transaction's connection, and they still run in the order sent, so the lock order holds.
  const olds = hadMovements
    ? await Promise.all(registers.map((reg) => deleteMovements(tx, reg, documentId)))
    : registers.map(() => [] as StoredMovement[]);
  const work = registers
    .map((reg, i) => ({ reg, old: olds[i]!, fresh: (movements[reg.name] ?? []).map((m) => ({ ...m })) }))
    .filter((w) => w.fresh.length > 0 || w.old.length > 0);

  const held = heldTurnovers.get(tx);
  // Inside withTurnoversAtCommit they wait for the end of the transaction; else they go with the register.
  const turnoversNow = (reg: RegisterDef, fresh: Movement[], old: StoredMovement[]): SQL[] => {
    const changes = turnoverChanges(reg, fresh, old, period);
    if (held) {
      holdTurnovers(held, changes);
      return [];
    }
    return changes.map(({ def, change }) => turnoverWrite(def, change)).filter((w): w is SQL => w !== null);
  };
  /** Writes registers' movements and balances in one statement; what each changed, with its balances. */
  const apply = async (part: typeof work): Promise<RegisterChange[]> => {
    if (part.length === 0) return [];
    const planned = part.map(({ reg, fresh, old }) => ({
      reg,
      fresh,
      delta: netDelta(reg, fresh, old),
      also: turnoversNow(reg, fresh, old),
    }));
    const balances = await insertAndApply(tx, documentId, period, planned);
    return planned.map(({ reg, delta }, i) => {
      const balanceByKey = new Map(balances[i]!.map((b) => [keyOf(reg, b as Movement), b]));
      return {
        register: reg.name,
        rows: delta.map((d) => {
          const b = balanceByKey.get(keyOf(reg, d.key as unknown as Movement))!;
          return {
            key: d.key,
            delta: d.delta,
            balance: Object.fromEntries(reg.resources.map((r) => [r.column, String(b[r.column])])),
          };
        }),
      };
    });
  };

  // Issues at average cost read the cost balance under lock; that read must come after the stock
  // registers (lock order), so those go first and the cost register and the ones after it follow.
  const cost = work.find((w) => w.reg.name === 'cost');
  const needsAverage = cost?.fresh.some((m) => m.amount === null || m.amount === undefined) ?? false;
  if (!needsAverage) return apply(work);
  const costIndex = work.indexOf(cost!);
  // The cost balances are read in the same round trip, locked after the registers before them.
  const [before] = await inOrder(
    () => apply(work.slice(0, costIndex)),
    () => resolveAverageCost(tx, cost!.fresh, cost!.old),
  );
  // A sale's cost is what its cost-register issue took (cost_row points at that movement).
  for (const row of work.find((w) => w.reg.name === 'sales')?.fresh ?? []) {
    if (row.cost === null && typeof row.cost_row === 'number')
      row.cost = new Decimal(cost!.fresh[row.cost_row]!.amount as string).negated().toFixed(2);
  }
  return [...before, ...(await apply(work.slice(costIndex)))];
}
