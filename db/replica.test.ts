import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, connect, type Db } from './client';
import { freePort } from './embedded';
import { forgetReplicaFailure, readFrom } from './replica';
import { startReplicaPair } from './testing-replica';

let dir: string;
let pair: Awaited<ReturnType<typeof startReplicaPair>>;
let primary: Connection;
let replica: Connection;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'torg-replica-'));
  await chmod(dir, 0o755);
  pair = await startReplicaPair(dir, 'torg');
  primary = connect(pair.primary.url, { max: 2 });
  replica = connect(pair.replica.url, { max: 2, connectTimeout: 2 });
  await primary.db.execute(sql`create table notes (id serial primary key, body text not null)`);
}, 120_000);

afterAll(async () => {
  await primary?.close();
  await replica?.close();
  await pair?.stop();
  await rm(dir, { recursive: true, force: true });
});

const inRecovery = async (db: Db) =>
  (await db.execute<{ r: boolean }>(sql`select pg_is_in_recovery() as r`))[0]?.r;
const bodies = async (db: Db) =>
  (await db.execute<{ body: string }>(sql`select body from notes order by id`)).map((r) => r.body);

describe('reads from a streaming replica', () => {
  it('goes to the replica once it has replayed the write just committed, and sees it', async () => {
    await primary.db.execute(sql`insert into notes (body) values ('первая')`);
    const db = await readFrom(primary.db, replica.db, 5_000);
    expect(db).toBe(replica.db);
    expect(await inRecovery(db)).toBe(true);
    expect(await bodies(db)).toEqual(['первая']);
  });

  it('goes to the primary while the replica lags behind a write, so the write still shows', async () => {
    await replica.db.execute(sql`select pg_wal_replay_pause()`);
    try {
      await primary.db.execute(sql`insert into notes (body) values ('вторая')`);
      const started = Date.now();
      const db = await readFrom(primary.db, replica.db, 150);
      expect(db).toBe(primary.db);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await bodies(db)).toEqual(['первая', 'вторая']);
      expect(await bodies(replica.db)).toEqual(['первая']);
    } finally {
      await replica.db.execute(sql`select pg_wal_replay_resume()`);
    }
    // Caught up again, the replica serves the read and has the write.
    const db = await readFrom(primary.db, replica.db, 5_000);
    expect(db).toBe(replica.db);
    expect(await bodies(db)).toEqual(['первая', 'вторая']);
  });

  it('goes to the primary when the replica does not answer, and skips it for a while after', async () => {
    const gone = connect(`postgres://postgres:x@127.0.0.1:${await freePort()}/torg`, { connectTimeout: 2 });
    try {
      expect(await readFrom(primary.db, gone.db)).toBe(primary.db);
      const started = Date.now();
      expect(await readFrom(primary.db, replica.db)).toBe(primary.db);
      expect(Date.now() - started).toBeLessThan(500);
      forgetReplicaFailure();
      expect(await readFrom(primary.db, replica.db, 5_000)).toBe(replica.db);
    } finally {
      await gone.close();
    }
  });
});
