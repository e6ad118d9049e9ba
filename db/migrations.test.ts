import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Journal = { entries: { idx: number; when: number; tag: string }[] };
const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as Journal;

describe('the migrations journal', () => {
  it('stamps every migration later than the one before: drizzle applies only those after the last applied', () => {
    const late = journal.entries.filter((e, i) => i > 0 && e.when <= journal.entries[i - 1]!.when);
    expect(late.map((e) => e.tag)).toEqual([]);
  });

  it('names a SQL file for every entry, and every SQL file has its entry', () => {
    const files = readdirSync('db/migrations')
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.replace(/\.sql$/, ''))
      .sort();
    expect(journal.entries.map((e) => e.tag).sort()).toEqual(files);
  });
});
