import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { type EmbeddedServer, startEmbeddedPostgres } from './db/embedded';
import { runMigrations } from './db/migrate';
import { withDatabase } from './db/testing-url';

/** Per run, so test runs from several checkouts on one server do not collide. */
const TEMPLATE = `torg_test_template_${process.pid}`;
let embedded: EmbeddedServer | undefined;
let adminUrl: string | undefined;

/** The server at DATABASE_URL when set, otherwise a throw-away embedded one; a migrated template on it. */
export async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve('.data/test-postgres'),
      database: 'postgres',
      persistent: false,
    });
    serverUrl = embedded.url;
  }
  adminUrl = withDatabase(serverUrl, 'postgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, TEMPLATE);
  await runMigrations(templateUrl);
  project.provide('templateUrl', templateUrl);
}

export async function teardown() {
  if (embedded) return embedded.stop();
  if (!adminUrl) return;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.end();
}
