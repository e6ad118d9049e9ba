import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { movementsFor } from '@/lib/documents/movements';
import { groupBy, loadPostingInputs } from '@/lib/documents/posting-input';
import { type RegisterDef, registers } from './registers';

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

async function turnoverMismatches(db: DbOrTx): Promise<LedgerProblem[]> {
  const rows = (await db.execute(sql`
    select coalesce(t.day, m.day)::text as day, coalesce(t.warehouse_id, m.warehouse_id) as warehouse_id,
      coalesce(t.product_id, m.product_id) as product_id, t.receipt::text, m.receipt::text as m_receipt, t.issue::text, m.issue::text as m_issue
    from stock_daily_turnovers t
    full join (
      select (period at time zone 'UTC')::date as day, warehouse_id, product_id,
        sum(greatest(quantity, 0)) as receipt, sum(greatest(-quantity, 0)) as issue
      from stock_movements group by 1, 2, 3
    ) m using (day, warehouse_id, product_id)
    where coalesce(t.receipt, 0) <> coalesce(m.receipt, 0) or coalesce(t.issue, 0) <> coalesce(m.issue, 0)
    limit 100`)) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({ register: 'stock', kind: 'turnover', detail: JSON.stringify(r) }));
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
    const orphans = (await db.execute(
      sql.raw(`select distinct m.document_id from ${reg.movements} m join documents d on d.id = m.document_id
               where d.status <> 'posted' limit 20`),
    )) as unknown as { document_id: number }[];
    for (const o of orphans)
      problems.push({
        register: reg.name,
        kind: 'document',
        detail: `document ${o.document_id} is not posted but has movements`,
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
  for (const reg of registers) problems.push(...(await balanceMismatches(db, reg)));
  problems.push(...(await turnoverMismatches(db)));
  problems.push(...(await documentMismatches(db)));
  return problems;
}

/** Recomputes every balance table (and the daily stock turnovers) from the movements. */
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
                   .join(', ')} from ${reg.movements} group by ${dims}`),
      );
    }
    await tx.execute(sql`delete from stock_daily_turnovers`);
    await tx.execute(sql`
      insert into stock_daily_turnovers (day, warehouse_id, product_id, receipt, issue)
      select (period at time zone 'UTC')::date, warehouse_id, product_id, sum(greatest(quantity, 0)), sum(greatest(-quantity, 0))
      from stock_movements group by 1, 2, 3`);
  });
}
