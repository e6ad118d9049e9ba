import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Db } from './client';
import { withDatabase } from './testing-url';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty template database on the test server (see vitest.global-setup.ts). */
    templateUrl: string;
  }
}

/**
 * Gives the calling test file its own database, copied from the migrated template, and drops it
 * afterwards: test files never see each other's rows and can run in parallel.
 */
export function isolatedDatabase(options: { connections?: number } = {}): {
  readonly db: Db;
  readonly url: string;
} {
  const templateUrl = inject('templateUrl');
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `torg_t_${randomBytes(5).toString('hex')}`;
  const url = withDatabase(templateUrl, name);
  const admin = () => postgres(withDatabase(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
  let connection: ReturnType<typeof connect> | undefined;

  beforeAll(async () => {
    const sql = admin();
    await sql.unsafe(`create database ${name} template ${template}`);
    await sql.end();
    connection = connect(url, { max: options.connections ?? 10 });
  });

  afterAll(async () => {
    await connection?.close();
    const sql = admin();
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.end();
  });

  return {
    get db() {
      if (!connection) throw new Error('the test database is created in beforeAll');
      return connection.db;
    },
    url,
  };
}
