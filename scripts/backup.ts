/**
 * `npm run backup [-- FILE]`: a pg_dump of DATABASE_URL's database (or the embedded one) into FILE,
 * by default <data dir>/backups/torg-<time>.dump.
 * `npm run restore -- FILE [--database NAME] [--replace]`: restores it into a new database on the same
 * server (default <name>_restored_<time>), or over NAME with --replace (stop the app first).
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, prepareDatabase } from '@/db/runtime';
import { backupDatabase, restoreDatabase } from '@/lib/ops/backup';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { restore: { type: 'boolean' }, database: { type: 'string' }, replace: { type: 'boolean' } },
});
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const database = await prepareDatabase(() => {});
const started = Date.now();
try {
  if (values.restore) {
    const file = positionals[0];
    if (!file) throw new Error('Which backup? npm run restore -- FILE [--database NAME] [--replace]');
    const current = new URL(database.url).pathname.slice(1);
    const name = values.database ?? `${current}_restored_${stamp.replace('-', '_')}`;
    const url = await restoreDatabase(database.url, path.resolve(file), name, { replace: values.replace });
    console.log(`Restored ${file} into database ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (name !== current) console.log(`To run on it, set DATABASE_URL=${url.replace(/:[^:@/]*@/, ':…@')}`);
  } else {
    const file = path.resolve(positionals[0] ?? path.join(dataDir(), 'backups', `torg-${stamp}.dump`));
    await mkdir(path.dirname(file), { recursive: true });
    const format = await backupDatabase(database.url, file);
    const size = (await stat(file)).size / 1024 / 1024;
    const how =
      format === 'pg_dump'
        ? "pg_dump's custom format"
        : "Torg's table copy, as this machine has no pg_dump of the server's version";
    console.log(
      `Backup: ${file} (${size.toFixed(1)} MB, ${how}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
