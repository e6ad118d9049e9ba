import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import { atCommit } from '@/db/at-commit';
import type { Tx } from '@/db/client';
import { oneStatement } from '@/db/insert-rows';
import { inOrder } from '@/db/pipeline';
import { joinStatements, raw, Statement, statement } from '@/db/statement';
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
  /** Turnover writes going with the register (when nothing is left to the commit). */
  also: Statement[];
};

/**
 * A register's movements insert (around its document, period and rows) and balances upsert (around its
 * changes), as text written once per register.
 */
type RegisterSql = { movements: string[]; balances: string[]; balancesReturning: string[] };
const registerSqls = new Map<string, RegisterSql>();

function registerSql(reg: RegisterDef): RegisterSql {
  let texts = registerSqls.get(reg.name);
  if (!texts) {
    const dimensions = reg.dimensions.map((d) => `${d} int`);
    const resources = reg.resources.map((r) => `${r.column} ${r.type}`);
    const cols = [...reg.dimensions, ...reg.resources.map((r) => r.column)];
    const update = reg.resources
      .map((r) => `${r.column} = ${reg.balances}.${r.column} + excluded.${r.column}`)
      .join(', ');
    // Resources come back as text: a JSON number would lose a numeric's digits.
    const row = [
      ...reg.dimensions.map((d) => `'${d}', ${d}`),
      ...reg.resources.map((r) => `'${r.column}', ${r.column}::text`),
    ].join(', ');
    const balances = [
      `insert into ${reg.balances} (${cols.join(', ')})
      select ${cols.join(', ')} from jsonb_to_recordset(`,
      `::jsonb) as d(${[...dimensions, ...resources].join(', ')})
      order by ${dims(reg)}
      on conflict (${dims(reg)}) do update set ${update}`,
    ];
    texts = {
      movements: [
        `insert into ${reg.movements} (document_id, row_no, period, ${cols.join(', ')})
      select `,
        `, r.row_no, `,
        `::timestamptz, ${cols.map((c) => `r.${c}`).join(', ')}
      from jsonb_to_recordset(`,
        `::jsonb) as r(${['row_no int', ...dimensions, ...resources].join(', ')})`,
      ],
      balances,
      balancesReturning: [balances[0]!, `${balances[1]} returning json_build_object(${row}) as row`],
    };
    registerSqls.set(reg.name, texts);
  }
  return texts;
}

/** A register's movements and balance changes: its two writes, the balances' returning their rows when asked. */
function registerWrites(
  reg: RegisterDef,
  documentId: number,
  period: Date,
  fresh: Movement[],
  delta: ReturnType<typeof netDelta>,
  returning: boolean,
): [Statement, Statement] {
  const texts = registerSql(reg);
  const rows = fresh.map((r, n) => ({ ...r, row_no: n + 1 }));
  return [
    Statement.of(texts.movements, [documentId, period.toISOString(), JSON.stringify(rows)]),
    Statement.of(returning ? texts.balancesReturning : texts.balances, [
      JSON.stringify(delta.map((d) => ({ ...d.key, ...d.delta }))),
    ]),
  ];
}

/**
 * Inserts the new movements of several registers and adds their net changes to the balances, in one
 * statement (each statement costs both sides a message and a system call): the balance writes are
 * read one after another, so balance rows are locked register by register in the order given, and it
 * returns each register's new balances of the keys it changed. `along`: inserts of new rows that go in
 * the same statement (a new document's own rows); PostgreSQL runs them to completion after the rest.
 */
async function insertAndApply(
  tx: Tx,
  documentId: number,
  period: Date,
  work: RegisterWork[],
  along: Statement[],
): Promise<Record<string, string | number>[][]> {
  const parts: Statement[] = along.map((insert, i) => statement`n${raw(String(i))} as (${insert})`);
  work.forEach(({ reg, fresh, delta, also }, i) => {
    const [movements, balances] = registerWrites(reg, documentId, period, fresh, delta, true);
    parts.push(statement`m${raw(String(i))} as (${movements}), b${raw(String(i))} as (${balances})`);
    also.forEach((write, n) => {
      parts.push(Statement.of([`t${i}_${n} as (`, ')'], [write]));
    });
  });
  const rows = (await tx.execute(
    Statement.of(
      ['with ', ` ${work.map((_, i) => `select ${i} as register, row from b${i}`).join(' union all ')}`],
      [joinStatements(parts, ', ')],
    ),
  )) as unknown as { register: number; row: Record<string, string | number> }[];
  const balances = work.map(() => [] as Record<string, string | number>[]);
  for (const r of rows) balances[r.register]!.push(r.row);
  return balances;
}

/** The day, or the first day of the month, a moment falls on (UTC, as reports count them). */
function periodOf(grain: TurnoverDef['grain'], moment: Date | string): string {
  const day = new Date(moment).toISOString().slice(0, 10);
  return grain === 'day' ? day : `${day.slice(0, 7)}-01`;
}

/** The register resources each turnover table sums (receipts and issues both sum the quantity). */
const sourcesOf = new Map(
  registers
    .flatMap((r) => r.turnovers ?? [])
    .map((def) => [def, [...new Set(def.resources.map((r) => r.from))]] as const),
);

/**
 * A register's movements as rows for one of its turnover tables: the period each falls in, its
 * dimensions, the register resources the turnovers sum, and its sign (a movement removed counts
 * against). PostgreSQL sums them per key (turnoverWrite).
 */
type TurnoverRows = { def: TurnoverDef; rows: Record<string, string | number>[] };

function turnoverRows(
  reg: RegisterDef,
  fresh: Movement[],
  old: StoredMovement[],
  period: Date,
): TurnoverRows[] {
  return (reg.turnovers ?? []).map((def) => {
    const from = sourcesOf.get(def)!;
    const rows: Record<string, string | number>[] = [];
    const add = (row: Movement, at: string, sign: 1 | -1) => {
      const out: Record<string, string | number> = { period: at, sign };
      for (const d of def.dimensions) out[d] = Number(row[d]);
      for (const f of from) out[f] = String(row[f] ?? 0);
      rows.push(out);
    };
    const at = periodOf(def.grain, period);
    for (const r of fresh) add(r, at, 1);
    for (const r of old) add(r, periodOf(def.grain, r.period), -1);
    return { def, rows };
  });
}

/** The text of a turnover table's write around its one parameter (the rows), written once per table. */
const turnoverTexts = new Map<string, string[]>();

function turnoverText(def: TurnoverDef): string[] {
  let texts = turnoverTexts.get(def.table);
  if (!texts) {
    const keys = ['period', ...def.dimensions];
    const from = sourcesOf.get(def)!;
    const sums = def.resources.map(({ from: f, part }) => {
      const value =
        part === 'in' ? `greatest(x.${f}, 0)` : part === 'out' ? `greatest(-x.${f}, 0)` : `x.${f}`;
      return `sum(${value} * x.sign)`;
    });
    const columns = [def.grain, ...def.dimensions, ...def.resources.map((r) => r.column)].join(', ');
    const update = def.resources
      .map(({ column }) => `${column} = ${def.table}.${column} + excluded.${column}`)
      .join(', ');
    // Keys in order, so concurrent postings lock their rows in the same order and never deadlock;
    // keys whose movements cancel out are left alone.
    texts = [
      `insert into ${def.table} (${columns})
    select ${keys.map((k) => `x.${k}`).join(', ')}, ${sums.join(', ')}
    from jsonb_to_recordset(`,
      `::jsonb) as x(period date, sign int, ${[...def.dimensions.map((d) => `${d} int`), ...from.map((f) => `${f} numeric`)].join(', ')})
    group by ${keys.map((k) => `x.${k}`).join(', ')}
    having ${sums.map((sum) => `${sum} <> 0`).join(' or ')}
    order by ${keys.map((k) => `x.${k}`).join(', ')}
    on conflict (${[def.grain, ...def.dimensions].join(', ')}) do update set ${update}`,
    ];
    turnoverTexts.set(def.table, texts);
  }
  return texts;
}

/** The statement adding a turnover table's rows, or none when there are none. */
function turnoverWrite({ def, rows }: TurnoverRows): Statement | null {
  return rows.length === 0 ? null : Statement.of(turnoverText(def), [JSON.stringify(rows)]);
}

/** Turnover tables in the order their rows are locked: the registers' order. */
const turnoverOrder = registers.flatMap((r) => (r.turnovers ?? []).map((d) => d.table));

/**
 * The turnovers of the postings in `tx` per table, left to its commit when it holds statements back
 * (db/at-commit.ts): a month's turnover of one manager is one row every posting of their sales
 * updates, and written last it is locked only for the commit, not for the rest of the posting.
 */
function heldTurnovers(tx: Tx): Map<string, TurnoverRows> | undefined {
  return atCommit(tx, 'turnovers', () => {
    const tables = new Map<string, TurnoverRows>();
    return {
      tables,
      parts: () => ({
        writes: turnoverOrder
          .map((table) => tables.get(table))
          .filter((t): t is TurnoverRows => t !== undefined)
          .map(turnoverWrite)
          .filter((w): w is Statement => w !== null),
        reads: [],
      }),
    };
  })?.tables;
}

function holdTurnovers(held: Map<string, TurnoverRows>, changes: TurnoverRows[]) {
  for (const { def, rows } of changes) {
    const table = held.get(def.table);
    if (table) table.rows.push(...rows);
    else held.set(def.table, { def, rows: [...rows] });
  }
}

/**
 * Replaces a document's movements in every register with `movements` (empty = unpost) and keeps the
 * balances exact. `hadMovements` false skips looking for old movements (first posting of a draft).
 * `along`: inserts sent in the first statement that writes movements (a new document's header and
 * lines, which then cost no statement of their own).
 */
export async function writeMovements(
  tx: Tx,
  documentId: number,
  period: Date,
  movements: RegisterMovements,
  hadMovements: boolean,
  along: Statement[] = [],
  /**
   * Asked, for a first posting, whether its writes may wait for the commit (the caller's rules read
   * nothing they write, given what changed): then they are left to it, in one statement with it, and the
   * changes come back without balances.
   */
  mayWait?: (changes: RegisterChange[]) => boolean,
): Promise<RegisterChange[]> {
  // Statements are sent without waiting for each other: postgres.js pipelines them on the
  // transaction's connection, and they still run in the order sent, so the lock order holds.
  const olds = hadMovements
    ? await Promise.all(registers.map((reg) => deleteMovements(tx, reg, documentId)))
    : registers.map(() => [] as StoredMovement[]);
  const work = registers
    .map((reg, i) => ({ reg, old: olds[i]!, fresh: (movements[reg.name] ?? []).map((m) => ({ ...m })) }))
    .filter((w) => w.fresh.length > 0 || w.old.length > 0);

  // Issues at average cost read the cost balance under lock; that read must come after the stock
  // registers (lock order), so those go first and the cost register and the ones after it follow.
  const cost = work.find((w) => w.reg.name === 'cost');
  const needsAverage = cost?.fresh.some((m) => m.amount === null || m.amount === undefined) ?? false;
  // A posting that reads nothing back (not even an average cost) may leave its writes to the commit.
  const waiting =
    mayWait && !hadMovements && !needsAverage && leftToCommit(tx, documentId, period, work, along, mayWait);
  if (waiting) return waiting;
  const held = heldTurnovers(tx);
  // Left to the commit when the transaction holds statements back; else they go with the register.
  const turnoversNow = (reg: RegisterDef, fresh: Movement[], old: StoredMovement[]): Statement[] => {
    const changes = turnoverRows(reg, fresh, old, period);
    if (held) {
      holdTurnovers(held, changes);
      return [];
    }
    return changes.map(turnoverWrite).filter((w): w is Statement => w !== null);
  };
  let unsent = along;
  /** Writes registers' movements and balances in one statement; what each changed, with its balances. */
  const apply = async (part: typeof work): Promise<RegisterChange[]> => {
    const inserts = unsent;
    unsent = [];
    if (part.length === 0) {
      if (inserts.length > 0) await tx.execute(oneStatement(inserts));
      return [];
    }
    const planned = part.map(({ reg, fresh, old }) => ({
      reg,
      fresh,
      delta: netDelta(reg, fresh, old),
      also: turnoversNow(reg, fresh, old),
    }));
    const balances = await insertAndApply(tx, documentId, period, planned, inserts);
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

  let changes: RegisterChange[];
  if (!needsAverage) changes = await apply(work);
  else {
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
    changes = [...before, ...(await apply(work.slice(costIndex)))];
  }
  await dropSettledKeys(tx, changes);
  return changes;
}

/**
 * A first posting's writes (the document's rows along, then each register's movements and balances, in
 * register order) left to the commit of `tx`, ahead of the turnovers, when it holds statements back and
 * `mayWait` agrees; the changes without their balances (reading one throws), or null to write them now.
 */
function leftToCommit(
  tx: Tx,
  documentId: number,
  period: Date,
  work: { reg: RegisterDef; fresh: Movement[]; old: StoredMovement[] }[],
  along: Statement[],
  mayWait: (changes: RegisterChange[]) => boolean,
): RegisterChange[] | null {
  const planned = work.map(({ reg, fresh, old }) => ({ reg, fresh, delta: netDelta(reg, fresh, old) }));
  const changes: RegisterChange[] = planned.map(({ reg, delta }) => ({
    register: reg.name,
    rows: delta.map((d) => ({
      key: d.key,
      delta: d.delta,
      get balance(): Record<string, string> {
        throw new Error(`${reg.name}: the balances of a posting left to its commit are not read`);
      },
    })),
  }));
  if (!mayWait(changes)) return null;
  const writes = [
    ...along,
    ...planned.flatMap(({ reg, fresh, delta }) =>
      registerWrites(reg, documentId, period, fresh, delta, false),
    ),
  ];
  // Ahead of everything else left to the commit: balances are locked before turnovers, as in any posting.
  if (!atCommit(tx, `writes:${documentId}`, () => ({ first: true, parts: () => ({ writes, reads: [] }) })))
    return null;
  const held = heldTurnovers(tx)!;
  holdTurnovers(
    held,
    work.flatMap(({ reg, fresh, old }) => turnoverRows(reg, fresh, old, period)),
  );
  return changes;
}

/** The text deleting a register's settled balance rows among the keys of its one parameter. */
const settledTexts = new Map<RegisterName, string[]>();

function settledText(reg: RegisterDef): string[] {
  let texts = settledTexts.get(reg.name);
  if (!texts) {
    texts = [
      `delete from ${reg.balances} b using jsonb_to_recordset(`,
      `::jsonb) as k(${reg.dimensions.map((d) => `${d} int`).join(', ')})
      where ${[...reg.dimensions.map((d) => `b.${d} = k.${d}`), ...reg.resources.map((r) => `b.${r.column} = 0`)].join(' and ')}`,
    ];
    settledTexts.set(reg.name, texts);
  }
  return texts;
}

/**
 * Deletes the balance rows a posting left at zero in the registers that drop settled keys
 * (RegisterDef.dropsSettledKeys), at the end of the transaction when it holds statements back: the
 * rows are this posting's (it has just written them), and the rules after the movements still read them.
 */
async function dropSettledKeys(tx: Tx, changes: RegisterChange[]): Promise<void> {
  for (const change of changes) {
    const reg = registers.find((r) => r.name === change.register)!;
    if (!reg.dropsSettledKeys) continue;
    const settled = change.rows
      .filter((row) => Object.values(row.balance).every((v) => Number(v) === 0))
      .map((row) => row.key);
    if (settled.length === 0) continue;
    const held = atCommit(tx, `settled:${reg.name}`, () => {
      const keys: Record<string, number>[] = [];
      return {
        keys,
        parts: () => ({ writes: [Statement.of(settledText(reg), [JSON.stringify(keys)])], reads: [] }),
      };
    });
    if (held) held.keys.push(...settled);
    else await tx.execute(Statement.of(settledText(reg), [JSON.stringify(settled)]));
  }
}
