import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inOrder } from './pipeline';
import { isolatedDatabase } from './testing';

const test = isolatedDatabase({ connections: 1 });

describe('inOrder', () => {
  it('runs lazy builders and async functions in the order given, in one transaction', async () => {
    await test.db.execute(sql`create table steps (n serial primary key, step text not null)`);
    await test.db.transaction(async (tx) => {
      const step = (name: string) => tx.execute(sql`insert into steps (step) values (${name})`);
      const later = async (name: string) => {
        await step(`${name}:first`);
        await step(`${name}:second`);
      };
      await inOrder(
        () => tx.execute(sql`insert into steps (step) values ('builder 1')`),
        () => later('async'),
        false,
        () => tx.execute(sql`insert into steps (step) values ('builder 2')`),
      );
    });
    const rows = (await test.db.execute(sql`select step from steps order by n`)) as unknown as {
      step: string;
    }[];
    // Each step's first statement goes in the order given; an async step's later ones follow it.
    expect(rows.map((r) => r.step)).toEqual(['builder 1', 'async:first', 'builder 2', 'async:second']);
  });

  it('gives the results in the order of the steps, undefined for the left-out ones', async () => {
    const results = await inOrder(
      () => test.db.execute(sql`select 1 as one`),
      null,
      () => Promise.resolve('two'),
    );
    expect(results).toEqual([[{ one: 1 }], undefined, 'two']);
  });
});
