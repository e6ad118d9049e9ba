/** `npm run ledger:check`: every balance equals its movements, every posted document has exactly its movements. */
import { sql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { prepareDatabase } from '@/db/runtime';
import { checkLedger } from '@/lib/ledger/check';
import { registers } from '@/lib/ledger/registers';

const database = await prepareDatabase(() => {});
const { db, close } = connect(database.url, { max: 2 });
let failed = false;
try {
  const started = Date.now();
  const problems = await checkLedger(db);
  const [docs] = (await db.execute(
    sql`select count(*) filter (where status = 'posted')::int as posted, count(*)::int as all from documents`,
  )) as unknown as {
    posted: number;
    all: number;
  }[];
  console.log(`documents: ${docs?.all} (${docs?.posted} posted)`);
  for (const reg of registers) {
    const [n] = (await db.execute(
      sql.raw(
        `select (select count(*) from ${reg.movements})::int as movements, (select count(*) from ${reg.balances})::int as balances`,
      ),
    )) as unknown as { movements: number; balances: number }[];
    const own = problems.filter((p) => p.register === reg.name);
    console.log(
      `${reg.name.padEnd(20)} movements ${String(n?.movements).padStart(10)}  balances ${String(n?.balances).padStart(8)}  ${own.length ? `${own.length} PROBLEMS` : 'ok'}`,
    );
  }
  for (const p of problems.slice(0, 50)) console.log(`  ${p.register} ${p.kind}: ${p.detail}`);
  console.log(
    problems.length === 0
      ? `ledger is consistent (${Date.now() - started} ms)`
      : `${problems.length} problems found`,
  );
  failed = problems.length > 0;
} finally {
  await close();
  await database.stop();
}
process.exit(failed ? 1 : 0);
