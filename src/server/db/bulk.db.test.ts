import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { type BulkColumn, bulkInsert, copyConnection } from './bulk.ts';
import type { Database } from './client.ts';

type Row = {
  id: number;
  note: string | null;
  day: string | null;
  at: Date | null;
  flag: boolean;
  doc: unknown;
  tags: string[] | null;
};

const COLUMNS: BulkColumn<Row>[] = [
  { name: 'id', type: 'int', value: (r) => r.id },
  { name: 'note', type: 'text', value: (r) => r.note },
  { name: 'day', type: 'date', value: (r) => r.day },
  { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'flag', type: 'bool', value: (r) => r.flag },
  { name: 'doc', type: 'jsonb', value: (r) => r.doc },
  { name: 'tags', type: 'text[]', value: (r) => r.tags },
];

// Everything COPY's text format and array literals treat specially, and NULLs.
const ROWS: Row[] = [
  {
    id: 1,
    note: 'tab\there, newline\nthere, return\r, backslash \\ and \\N',
    day: '2026-02-28',
    at: new Date('2026-03-01T12:34:56.789Z'),
    flag: true,
    doc: { text: 'quote " backslash \\ tab \t', list: [1, null, 'ü'] },
    tags: ['Energie', 'with "quotes"', 'back\\slash', 'comma, and {braces}', ''],
  },
  { id: 2, note: null, day: null, at: null, flag: false, doc: null, tags: null },
  { id: 3, note: '', day: '2026-12-31', at: null, flag: false, doc: [], tags: [] },
];

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  await database.query(
    'CREATE TABLE bulk_t (id int PRIMARY KEY, note text, day date, at timestamptz, flag bool NOT NULL, doc jsonb, tags text[])',
  );
});
afterAll(async () => {
  await database.close();
});

async function stored() {
  return database.query<Record<string, unknown>>(
    `SELECT id, note, to_char(day, 'YYYY-MM-DD') AS day, at, flag, doc, tags FROM bulk_t ORDER BY id`,
  );
}

function expected() {
  return ROWS.map((r) => ({ ...r, at: r.at ? r.at.toISOString() : null }));
}

function normalise(rows: Record<string, unknown>[]) {
  return rows.map((r) => ({ ...r, at: r.at ? new Date(r.at as string).toISOString() : null }));
}

describe('bulkInsert', () => {
  it('copies rows on the connection of the transaction, which rolls back with it', async () => {
    await database.orm
      .transaction(async (tx) => {
        expect(copyConnection(tx)).not.toBeNull();
        await bulkInsert(tx, 'bulk_t', COLUMNS, ROWS);
        const [n] = (
          (await tx.execute(sql`SELECT count(*)::int AS n FROM bulk_t`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows;
        expect(n?.n).toBe(3);
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    expect(await stored()).toEqual([]);
  });

  it('keeps every value exactly through COPY', async () => {
    await database.orm.transaction(async (tx) => {
      await bulkInsert(tx, 'bulk_t', COLUMNS, ROWS, { batchSize: 2 });
    });
    expect(normalise(await stored())).toEqual(expected());
    await database.query('DELETE FROM bulk_t');
  });

  it('keeps every value exactly through the INSERT … unnest fallback', async () => {
    await database.orm.transaction(async (tx) => {
      await bulkInsert(tx, 'bulk_t', COLUMNS, ROWS, { copy: false });
    });
    expect(normalise(await stored())).toEqual(expected());
    await database.query('DELETE FROM bulk_t');
  });

  it('refuses identifiers it would have to quote', async () => {
    await expect(bulkInsert(database.orm, 'bulk_t; DROP TABLE x', COLUMNS, ROWS)).rejects.toThrow(
      /unexpected identifier/,
    );
  });
});
