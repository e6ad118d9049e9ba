import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { statement } from './statement';
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

describe('pipelinedTransaction', () => {
  it('writes the work and the statement given for the commit in one transaction, in order', async () => {
    await test.db.execute(sql`truncate marks`);
    const result = await pipelinedTransaction(
      test.db,
      async (tx) => {
        await tx.execute(mark(1));
        return 'done';
      },
      () => mark(2),
    );
    expect(result).toBe('done');
    const written = await rows();
    expect(written.map((r) => r.id)).toEqual([1, 2]);
    expect(written[1]!.xid).toBe(written[0]!.xid);
  });

  it('commits nothing and throws when the statement sent with the commit fails', async () => {
    await test.db.execute(sql`truncate marks`);
    await expect(
      pipelinedTransaction(
        test.db,
        async (tx) => {
          await tx.execute(mark(1));
        },
        () => mark(1), // the same key again
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([]);
    // The connection was given back, out of any transaction.
    await test.db.execute(mark(3));
    expect((await rows()).map((r) => r.id)).toEqual([3]);
  });

  it('rolls back what the work wrote when the work fails', async () => {
    await test.db.execute(sql`truncate marks`);
    await expect(
      pipelinedTransaction(
        test.db,
        async (tx) => {
          await tx.execute(mark(1));
          throw new Error('refused');
        },
        () => mark(2),
      ),
    ).rejects.toThrow('refused');
    expect(await rows()).toEqual([]);
  });

  it('keeps savepoints: a failed inner transaction undoes only its own writes', async () => {
    await test.db.execute(sql`truncate marks`);
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
