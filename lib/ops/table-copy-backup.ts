import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import postgres from 'postgres';

/**
 * Torg's own backup format, for a server without a fitting pg_dump (the embedded PostgreSQL 18
 * ships none): a gzip of one header line, then each table of the app's schema as `COPY … TO STDOUT`
 * text between a `\table NAME` line and COPY's own `\.` end line (COPY's text format escapes
 * backslashes and line breaks, so neither marker can occur inside a table's data). The copy is taken
 * in one repeatable-read transaction, so it is as consistent as pg_dump's.
 */
const FORMAT = 'torg-table-copy';
type Header = { format: typeof FORMAT; version: 1; migrations: string[]; tables: string[] };

type Sql = postgres.Sql | postgres.TransactionSql;

/** The app's tables, parents before the tables that reference them (self-references aside). */
async function tablesInLoadOrder(sql: Sql): Promise<string[]> {
  const tables = (
    await sql<
      { name: string }[]
    >`select tablename as name from pg_tables where schemaname = 'public' order by 1`
  ).map((t) => t.name);
  const references = await sql<{ child: string; parent: string }[]>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`;
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: string) => {
    if (placed.has(table)) return;
    if (visiting.has(table)) throw new Error(`Tables reference each other in a cycle through ${table}.`);
    visiting.add(table);
    for (const r of references) if (r.child === table) place(r.parent);
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) place(table.replace(/^"|"$/g, ''));
  return ordered;
}

const appliedMigrations = async (sql: Sql) =>
  (await sql<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations order by id`).map(
    (m) => m.hash,
  );

/** Writes the whole database at `url` into `file`. */
export async function backupTables(url: string, file: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      const header: Header = {
        format: FORMAT,
        version: 1,
        migrations: await appliedMigrations(tx),
        tables: await tablesInLoadOrder(tx),
      };
      async function* content() {
        yield `${JSON.stringify(header)}\n`;
        for (const table of header.tables) {
          yield `\\table ${table}\n`;
          for await (const chunk of await tx`copy ${tx(table)} to stdout`.readable()) yield chunk;
          yield '\\.\n';
        }
      }
      await pipeline(content(), createGzip(), createWriteStream(file));
    });
  } finally {
    await sql.end();
  }
}

/** Whether `file` is in this format (a gzip) rather than pg_dump's custom format ("PGDMP"). */
export async function isTableCopyBackup(file: string): Promise<boolean> {
  const stream = createReadStream(file, { start: 0, end: 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const head = Buffer.concat(chunks);
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Loads a backup into the freshly migrated, empty-of-data database at `url`: the rows the migrations
 * wrote are replaced by the backup's, its triggers stay quiet while the rows go in (a restored
 * document is not a new change), and every serial continues after the restored ids.
 */
export async function restoreTables(url: string, file: string): Promise<void> {
  const lines = readline.createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: Header | undefined;
  try {
    header = first.done ? undefined : (JSON.parse(first.value) as Header);
  } catch {}
  if (header?.format !== FORMAT) throw new Error(`${file} is not a Torg backup.`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const migrations = await appliedMigrations(sql);
    if (migrations.join() !== header.migrations.join())
      throw new Error(
        `The backup was made at database version ${header.migrations.length} and this Torg is at ${migrations.length}: restore it with the Torg version that made it, then upgrade.`,
      );
    await sql.begin(async (tx) => {
      const tables = header.tables;
      await tx.unsafe(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`);
      for (const table of tables) await tx.unsafe(`alter table "${table}" disable trigger user`);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const table = /^\\table (.+)$/.exec(next.value)?.[1];
        if (!table || !tables.includes(table))
          throw new Error(`${file} is damaged near "${next.value.slice(0, 40)}".`);
        const writable = await tx`copy ${tx(table)} from stdin`.writable();
        const finished = once(writable, 'finish');
        for (let row = await iterator.next(); ; row = await iterator.next()) {
          if (row.done) throw new Error(`${file} ends inside table ${table}.`);
          if (row.value === '\\.') break;
          if (!writable.write(`${row.value}\n`)) await once(writable, 'drain');
        }
        writable.end();
        await finished;
      }
      // The references are checked now, so the triggers can be switched back on in this transaction.
      await tx`set constraints all immediate`;
      for (const table of tables) await tx.unsafe(`alter table "${table}" enable trigger user`);
      const serials = await tx<{ table: string; column: string }[]>`
        select table_name as table, column_name as column from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`;
      for (const { table, column } of serials)
        await tx.unsafe(
          `select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce(max("${column}"), 0) + 1, false) from "${table}"`,
        );
      // Document numbers (a sequence per kind and year) go on from the highest number restored.
      await tx`
        select setval(format('%I', sequencename)::regclass, 1, false) from pg_sequences
        where schemaname = 'public' and sequencename like 'document\\_numbers\\_%'`;
      await tx`
        select setval(document_number_sequence(kind, year), last) from (
          select kind, extract(year from date at time zone 'UTC')::int as year, max(number::int) as last
          from documents where number ~ '^[0-9]{1,9}$' group by 1, 2) n`;
    });
  } finally {
    lines.close();
    await sql.end();
  }
}
