import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';

/** Which database this test run uses: the vitest project sets VANGNET_TEST_DB (pglite or postgres). */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.VANGNET_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the PostgreSQL server of
 * TEST_DATABASE_URL that is dropped again on close.
 */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<Database> {
  let database: Database;
  if (testDatabaseKind() === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('VANGNET_TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `vangnet_t_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url: adminUrl });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const inner = await openDatabase({ kind: 'postgres', url: url.toString() });
    database = {
      ...inner,
      async close() {
        await inner.close();
        const a = await openDatabase({ kind: 'postgres', url: adminUrl });
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.close();
      },
    };
  } else {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
  }
  if (opts.migrate !== false) await migrate(database);
  return database;
}
