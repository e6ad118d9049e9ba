/** `npm run bank:import -- FILE [--dry-run]`: imports a 1CClientBankExchange statement and prints what it did. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { connect } from '@/db/client';
import { prepareDatabase } from '@/db/runtime';
import { StatementFormatError } from '@/lib/bank/client-bank-exchange';
import { importStatement } from '@/lib/bank/import-statement';
import { errorText, translator } from '@/lib/i18n/translate';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const file = args.find((a) => !a.startsWith('--'));
const en = translator('en');
if (!file) {
  console.error('usage: npm run bank:import -- FILE [--dry-run]');
  process.exit(2);
}

const database = await prepareDatabase(() => {});
const { db, close } = connect(database.url, { max: 2 });
let code = 0;
try {
  const summary = await importStatement(db, readFileSync(file), {
    fileName: basename(file),
    actor: null,
    dryRun,
  });
  for (const account of summary.foreignAccounts)
    console.log(
      `  account ${account} is not among the organization's bank accounts, its payments are skipped: add it in the app at /catalogs/bank-accounts/new`,
    );
  for (const p of summary.payments) {
    const who = p.partner ? `${p.partner.name} (by ${p.partner.by})` : 'UNMATCHED';
    const what = p.duplicate
      ? 'duplicate'
      : p.receiptId
        ? `receipt id ${p.receiptId}`
        : p.refusal
          ? `NOT POSTED: ${errorText(en, p.refusal, 'en')} (left to match by hand)`
          : dryRun
            ? 'would post'
            : 'stored';
    console.log(
      `  № ${p.payment.number} ${p.payment.date} ${p.payment.amount.padStart(12)}  ${p.payment.payerName} → ${who}` +
        `${p.order ? `, order ${p.order.number}` : ''}: ${what}`,
    );
  }
  console.log(
    `found ${summary.found} / matched ${summary.matched} / posted ${summary.posted} / not posted ${summary.refused} / duplicates ${summary.duplicates} / unmatched ${summary.unmatched}${dryRun ? ' (dry run: nothing written)' : ''}`,
  );
} catch (error) {
  if (!(error instanceof StatementFormatError)) throw error;
  console.error(error.message);
  code = 1;
} finally {
  await close();
  await database.stop();
}
process.exit(code);
