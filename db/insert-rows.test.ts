import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { insertRows } from './insert-rows';
import { isolatedDatabase } from './testing';

const test = isolatedDatabase({ connections: 1 });

const mood = pgEnum('insert_rows_mood', ['calm', 'busy']);
const samples = pgTable('insert_rows_samples', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  amount: numeric('amount', { precision: 15, scale: 2 }).notNull().default('0'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  mood: mood('mood'),
  done: boolean('done').notNull().default(false),
  data: jsonb('data'),
  note: text('note'),
  count: integer('count'),
});

describe('insertRows', () => {
  it('writes each column as drizzle would, leaves unset columns to their defaults, and keeps JSON as JSON', async () => {
    await test.db.execute(sql`create type insert_rows_mood as enum ('calm', 'busy')`);
    await test.db.execute(sql`create table insert_rows_samples (
      id serial primary key, name text not null, amount numeric(15,2) not null default 0,
      at timestamptz not null default now(), mood insert_rows_mood, done boolean not null default false,
      data jsonb, note text, count integer)`);
    const at = new Date('2026-12-01T09:30:00.000Z');
    await insertRows(test.db, samples, [
      {
        name: 'первая «строка»',
        amount: '1234.56',
        at,
        mood: 'busy',
        done: true,
        data: { lines: [1, 2], ok: true },
        count: 3,
      },
      { name: 'O\'Brien \\ "quoted"', amount: '0.10', at, data: ['a'], note: 'only here' },
    ]);
    const rows = await test.db.select().from(samples).orderBy(samples.id);
    expect(rows).toEqual([
      {
        id: 1,
        name: 'первая «строка»',
        amount: '1234.56',
        at,
        mood: 'busy',
        done: true,
        data: { lines: [1, 2], ok: true },
        note: null,
        count: 3,
      },
      {
        id: 2,
        name: 'O\'Brien \\ "quoted"',
        amount: '0.10',
        at,
        mood: null,
        done: false,
        data: ['a'],
        note: 'only here',
        count: null,
      },
    ]);
  });

  it('sends one statement text for any number of rows, so the connection prepares it once', async () => {
    for (const count of [1, 5, 3])
      await insertRows(
        test.db,
        samples,
        Array.from({ length: count }, (_, i) => ({ name: `row ${i}`, count: i })),
      );
    const [prepared] = (await test.db.execute(
      sql`select count(*)::int as n from pg_prepared_statements where statement like 'insert into "insert_rows_samples" ("name", "count")%'`,
    )) as unknown as { n: number }[];
    expect(prepared!.n).toBe(1);
    const [inserted] = (await test.db.execute(
      sql`select count(*)::int as n from insert_rows_samples where name like 'row %'`,
    )) as unknown as { n: number }[];
    expect(inserted!.n).toBe(9);
  });

  it('refuses a key that is not a column of the table', async () => {
    return expect(insertRows(test.db, samples, [{ name: 'x', colour: 'red' } as never])).rejects.toThrow(
      'insert_rows_samples has no column colour',
    );
  });
});
