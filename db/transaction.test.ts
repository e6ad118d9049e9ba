import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Statement, statement } from './statement';
import { isolatedDatabase } from './testing';
import { pipelinedTransaction } from './transaction';

// One connection: a transaction that did not give its connection back would hang the next test.
const test = isolatedDatabase({ connections: 1 });

type Row = { id: number; xid: string };
const rows = async () =>
  (await test.db.execute(sql`select id, xid::text from marks order by id`)) as unknown as Row[];
const mark = (id: number) => statement`insert into marks (id, xid) values (${id}, txid_current())`;

beforeAll(async () => {
  await test.db.execute(sql`create table marks (id int primary key, xid bigint not null)`);
});
beforeEach(async () => {
  await test.db.execute(sql`truncate marks`);
});

/** A transaction whose work marks 1 (then fails with `failure`, if given), `atCommit` sent with its commit. */
const markOne = (atCommit: Statement, failure?: Error) =>
  pipelinedTransaction(
    test.db,
    async (tx) => {
      await tx.execute(mark(1));
      if (failure) throw failure;
      return 'done';
    },
    () => atCommit,
  );

describe('pipelinedTransaction', () => {
  it('writes the work and the statement given for the commit in one transaction, in order', async () => {
    expect(await markOne(mark(2))).toBe('done');
    const written = await rows();
    expect(written.map((r) => r.id)).toEqual([1, 2]);
    expect(written[1]!.xid).toBe(written[0]!.xid);
  });

  it('commits nothing and throws when the statement sent with the commit fails', async () => {
    // The same key again.
    await expect(markOne(mark(1))).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([]);
    // The connection was given back, out of any transaction.
    await test.db.execute(mark(3));
    expect((await rows()).map((r) => r.id)).toEqual([3]);
  });

  it('sends the statement for the commit alone, a transaction of its own, when the work sent nothing', async () => {
    const alone = (atCommit: Statement) =>
      pipelinedTransaction(
        test.db,
        async () => 'done',
        () => atCommit,
      );
    const twoMarks = statement`with a as (${mark(4)} returning 1), b as (${mark(5)} returning 1) select 1`;
    expect(await alone(twoMarks)).toBe('done');
    const written = await rows();
    expect(written.map((r) => r.id)).toEqual([4, 5]);
    expect(written[1]!.xid).toBe(written[0]!.xid);
    // Failing, it writes nothing and gives the connection back.
    const again = statement`with a as (${mark(6)} returning 1), b as (${mark(4)} returning 1) select 1`;
    await expect(alone(again)).rejects.toMatchObject({ code: '23505' });
    expect((await rows()).map((r) => r.id)).toEqual([4, 5]);
    await test.db.execute(mark(7));
    expect((await rows()).map((r) => r.id)).toEqual([4, 5, 7]);
  });

  it('rolls back what the work wrote when the work fails', async () => {
    await expect(markOne(mark(2), new Error('refused'))).rejects.toThrow('refused');
    expect(await rows()).toEqual([]);
  });

  it('keeps savepoints: a failed inner transaction undoes only its own writes', async () => {
    await pipelinedTransaction(
      test.db,
      async (tx) => {
        await tx.execute(mark(1));
        await expect(
          tx.transaction(async (inner) => {
            await inner.execute(mark(2));
            throw new Error('inner refused');
          }),
        ).rejects.toThrow('inner refused');
        await tx.transaction(async (inner) => {
          await inner.execute(mark(3));
        });
      },
      () => null,
    );
    expect((await rows()).map((r) => r.id)).toEqual([1, 3]);
  });
});
