import { execFile } from 'node:child_process';
import { appendFile, copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { type EmbeddedServer, freePort, startEmbeddedPostgres } from './embedded';

const run = promisify(execFile);

/**
 * A primary and its streaming replica, both embedded PostgreSQL servers under `dir` (for tests and
 * benchmarks). The replica starts from a copy of the cleanly stopped primary — what pg_basebackup
 * would take from a running one — with standby.signal and the primary's address.
 */
export async function startReplicaPair(
  dir: string,
  database: string,
): Promise<{ primary: EmbeddedServer; replica: EmbeddedServer; stop: () => Promise<void> }> {
  const port = await freePort();
  const first = await startEmbeddedPostgres({ dataDir: path.join(dir, 'primary'), database, port });
  await first.stop();
  const replicaDir = path.join(path.dirname(first.dataDir), 'replica');
  // cp -a keeps the owner (the postgres user when run as root), which PostgreSQL insists on.
  await run('cp', ['-a', first.dataDir, replicaDir]);
  await copyFile(`${first.dataDir}.password`, `${replicaDir}.password`);
  const password = (await readFile(`${first.dataDir}.password`, 'utf8')).trim();
  await writeFile(path.join(replicaDir, 'standby.signal'), '');
  await appendFile(
    path.join(replicaDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${port} user=postgres password=${password}'\n`,
  );
  const primary = await startEmbeddedPostgres({ dataDir: first.dataDir, database, port });
  const replica = await startEmbeddedPostgres({ dataDir: replicaDir, database });
  return {
    primary,
    replica,
    stop: async () => {
      await replica.stop();
      await primary.stop();
    },
  };
}
