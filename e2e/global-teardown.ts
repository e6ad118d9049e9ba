import { readFileSync } from 'node:fs';
import { connect } from '@/db/client';
import { checkLedger } from '@/lib/ledger/check';

/** After everything the users did in the e2e run, the ledger must still be exact. */
export default async function ledgerStillExact() {
  const { db, close } = connect(readFileSync('.data/e2e/database-url', 'utf8'), { max: 1 });
  try {
    const problems = await checkLedger(db);
    if (problems.length > 0)
      throw new Error(`ledger check after e2e: ${JSON.stringify(problems.slice(0, 10))}`);
    console.log('ledger check after e2e: consistent');
  } finally {
    await close();
  }
}
