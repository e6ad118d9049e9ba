import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { movementsFor } from '@/lib/documents/kinds/registry';
import { groupBy, loadPostingInputs } from '@/lib/documents/posting-input';
import { type RegisterDef, registers, type TurnoverDef, turnoverPeriodSql } from './registers';

export type LedgerProblem = { register: string; kind: 'balance' | 'turnover' | 'document'; detail: string };

const cols = (reg: RegisterDef) => reg.resources.map((r) => r.column);

/** Balance rows that differ from the sum of their movements (missing rows count as zero). */
async function balanceMismatches(db: DbOrTx, reg: RegisterDef): Promise<LedgerProblem[]> {
  const dims = reg.dimensions.join(', ');
  const sums = cols(reg)
    .map((c) => `sum(${c}) as ${c}`)
    .join(', ');
  const differs = cols(reg)
    .map((c) => `coalesce(b.${c}, 0) <> coalesce(m.${c}, 0)`)
    .join(' or ');
  const rows = (await db.execute(
    sql.raw(`
      select ${reg.dimensions.map((d) => `coalesce(b.${d}, m.${d}) as ${d}`).join(', ')},
        ${cols(reg)
          .map((c) => `b.${c}::text as balance_${c}, m.${c}::text as movements_${c}`)
          .join(', ')}
      from ${reg.balances} b
      full join (select ${dims}, ${sums} from ${reg.movements} group by ${dims}) m using (${dims})
      where ${differs}
      limit 100`),
  )) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({ register: reg.name, kind: 'balance', detail: JSON.stringify(r) }));
}

/** The SELECT that aggregates a register's movements into one of its turnover tables. */
function turnoverSelect(reg: RegisterDef, def: TurnoverDef): string {
  const resources = def.resources.map((r) =>
    r.part === 'in'
      ? `sum(greatest(${r.from}, 0))`
      : r.part === 'out'
        ? `sum(greatest(-${r.from}, 0))`
        : `sum(${r.from})`,
  );
  const groups = def.dimensions.map((_, i) => i + 2).join(', ');
  return `select ${turnoverPeriodSql(def.grain)} as ${def.grain}, ${def.dimensions.join(', ')},
    ${resources.map((e, i) => `${e} as ${def.resources[i]!.column}`).join(', ')}
    from ${reg.movements} group by 1${groups ? `, ${groups}` : ''}`;
}

/** Turnover rows that differ from the movements of their day or month (zero rows count as missing). */
async function turnoverMismatches(db: DbOrTx, reg: RegisterDef, def: TurnoverDef): Promise<LedgerProblem[]> {
  const keys = [def.grain, ...def.dimensions].join(', ');
  const columns = def.resources.map((r) => r.column);
  const rows = (await db.execute(
    sql.raw(`
      select ${[def.grain, ...def.dimensions].map((k) => `coalesce(t.${k}, m.${k})::text as ${k}`).join(', ')},
        ${columns.map((c) => `t.${c}::text as ${c}, m.${c}::text as movements_${c}`).join(', ')}
      from ${def.table} t full join (${turnoverSelect(reg, def)}) m using (${keys})
      where ${columns.map((c) => `coalesce(t.${c}, 0) <> coalesce(m.${c}, 0)`).join(' or ')}
      limit 100`),
  )) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({
    register: reg.name,
    kind: 'turnover',
    detail: `${def.table} ${JSON.stringify(r)}`,
  }));
}

type MovementKey = string;

/** Resources the expected movements leave open (issues at the average cost) are compared as "*". */
const movementKey = (reg: RegisterDef, m: Record<string, unknown>, open: ReadonlySet<string>): MovementKey =>
  [
    ...reg.dimensions.map((d) => Number(m[d])),
    ...cols(reg).map((c) => (open.has(c) ? '*' : Number(m[c]))),
  ].join('|');

/**
 * Every posted document must have exactly the movements its lines produce, and no other document any.
 * Cost amounts of issues depend on the average at posting time, so for them only quantities are compared.
 */
async function documentMismatches(db: DbOrTx): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  for (const reg of registers) {
    // Movements' documents are not foreign keys (db/schema.ts, movement): one that is not there shows here.
    const orphans = (await db.execute(
      sql.raw(`select distinct m.document_id, d.id is null as missing from ${reg.movements} m
               left join documents d on d.id = m.document_id
               where d.id is null or d.status <> 'posted' limit 20`),
    )) as unknown as { document_id: number; missing: boolean }[];
    for (const o of orphans)
      problems.push({
        register: reg.name,
        kind: 'document',
        detail: o.missing
          ? `document ${o.document_id} is not there but has movements`
          : `document ${o.document_id} is not posted but has movements`,
      });
  }
  const batch = 2000;
  for (let after = 0; ; ) {
    const ids = (
      (await db.execute(sql`
        select id from documents where status = 'posted' and id > ${after} order by id limit ${batch}`)) as unknown as {
        id: number;
      }[]
    ).map((d) => d.id);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    const inputs = await loadPostingInputs(db, ids);
    for (const reg of registers) {
      const stored = (await db.execute(
        sql.raw(`select document_id, ${[...reg.dimensions, ...cols(reg)].join(', ')} from ${reg.movements}
                 where document_id = any('{${ids.join(',')}}'::int[])`),
      )) as unknown as Record<string, unknown>[];
      const storedByDoc = groupBy(stored, (m) => Number(m.document_id));
      for (const { doc, lines } of inputs) {
        const expected = movementsFor(doc, lines)[reg.name] ?? [];
        const open = new Set(cols(reg).filter((c) => expected.some((m) => m[c] === null)));
        const want = expected.map((m) => movementKey(reg, m, open)).sort();
        const have = (storedByDoc.get(doc.id) ?? []).map((m) => movementKey(reg, m, open)).sort();
        if (want.join(',') !== have.join(',')) {
          problems.push({
            register: reg.name,
            kind: 'document',
            detail: `document ${doc.id} (${doc.kind}) movements differ from its lines`,
          });
        }
      }
    }
  }
  return problems;
}

/** Everything `npm run ledger:check` verifies; an empty list means the ledger is consistent. */
export async function checkLedger(db: DbOrTx): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  for (const reg of registers) {
    problems.push(...(await balanceMismatches(db, reg)));
    for (const def of reg.turnovers ?? []) problems.push(...(await turnoverMismatches(db, reg, def)));
  }
  problems.push(...(await documentMismatches(db)));
  return problems;
}

/** Recomputes every balance and turnover table from the movements. */
export async function rebuildBalances(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    for (const reg of registers) {
      const dims = reg.dimensions.join(', ');
      await tx.execute(sql.raw(`lock table ${reg.balances} in exclusive mode`));
      await tx.execute(sql.raw(`delete from ${reg.balances}`));
      await tx.execute(
        sql.raw(`insert into ${reg.balances} (${dims}, ${cols(reg).join(', ')})
                 select ${dims}, ${cols(reg)
                   .map((c) => `sum(${c})`)
                   .join(', ')} from ${reg.movements} group by ${dims}${
                   // As posting leaves them: without the keys that hold nothing.
                   reg.dropsSettledKeys
                     ? ` having ${cols(reg)
                         .map((c) => `sum(${c}) <> 0`)
                         .join(' or ')}`
                     : ''
                 }`),
      );
    }
    for (const reg of registers) {
      for (const def of reg.turnovers ?? []) {
        await tx.execute(sql.raw(`lock table ${def.table} in exclusive mode`));
        await tx.execute(sql.raw(`delete from ${def.table}`));
        const columns = [def.grain, ...def.dimensions, ...def.resources.map((r) => r.column)].join(', ');
        await tx.execute(sql.raw(`insert into ${def.table} (${columns}) ${turnoverSelect(reg, def)}`));
      }
    }
  });
}
