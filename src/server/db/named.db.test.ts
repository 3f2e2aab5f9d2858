import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../../test/db.ts';
import type { Database } from './client.ts';
import { executeNamed, selectNamed, setNamedStatements } from './named.ts';
import { regions } from './schema.ts';

describe('named prepared statements', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    setNamedStatements(true);
    await db?.close();
  });

  const prepared = (tx: Parameters<Parameters<Database['orm']['transaction']>[0]>[0]) =>
    tx
      .execute(sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'v\\_%' ORDER BY name`)
      .then((r) => (r as unknown as { rows: { name: string }[] }).rows.map((x) => x.name));

  it('gives the same rows and types as unnamed statements, and prepares on PostgreSQL only when enabled', async () => {
    const query = (n: number) =>
      sql`SELECT ${n}::int + 1 AS n, '2026-02-28'::date AS day, now() AS at, '{"a":1}'::json AS doc`;
    for (const on of [false, true]) {
      setNamedStatements(on);
      await db.orm.transaction(async (tx) => {
        const plain = (await tx.execute(query(41))) as unknown as { rows: Record<string, unknown>[] };
        const named = (await executeNamed(tx, query(41))) as { rows: Record<string, unknown>[] };
        const again = (await executeNamed(tx, query(1))) as { rows: Record<string, unknown>[] };
        expect(named.rows[0]?.n).toBe(42);
        expect(again.rows[0]?.n).toBe(2);
        // drizzle's own parsing: a date stays a string, JSON is parsed.
        expect(named.rows[0]?.day).toBe(plain.rows[0]?.day);
        expect(typeof named.rows[0]?.at).toBe(typeof plain.rows[0]?.at);
        expect(named.rows[0]?.doc).toEqual({ a: 1 });
        const builder = await selectNamed(tx.select({ id: regions.id }).from(regions).limit(1));
        expect(builder).toEqual(await tx.select({ id: regions.id }).from(regions).limit(1));
        if (testDatabaseKind() === 'postgres') {
          // Two statement texts (the SQL, the select), each prepared once on this connection, only when enabled.
          expect((await prepared(tx)).length).toBe(on ? 2 : 0);
        }
      });
    }
  });
});
