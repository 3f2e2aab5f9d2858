import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Orm } from './client.ts';

/**
 * A column of a bulk insert: its name, its PostgreSQL type (`text[]` for a text array) and how to read its value
 * from a row. null and undefined are SQL NULL; jsonb values are serialised here.
 */
export type BulkColumn<R> = { name: string; type: string; value: (row: R) => unknown };

/** PGlite's query with the `blob` option that `COPY … FROM '/dev/blob'` reads from. */
type PgliteQuery = (query: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown>;

/**
 * The driver connection behind a drizzle transaction, so that COPY runs inside that transaction: a pg client
 * (node-postgres), or a PGlite transaction. Null outside a transaction on a pool (there is no one connection to
 * copy on), or with a driver this does not know.
 */
export function copyConnection(
  tx: Orm,
): { kind: 'postgres'; client: pg.Client } | { kind: 'pglite'; query: PgliteQuery } | null {
  // drizzle keeps its session (and the session its driver client) on every database and transaction object.
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Client) return { kind: 'postgres', client };
  if (
    client &&
    typeof client === 'object' &&
    typeof (client as { query?: unknown }).query === 'function' &&
    typeof (client as { exec?: unknown }).exec === 'function' &&
    !(client instanceof pg.Pool) &&
    // Only PGlite's Transaction (and PGlite itself) have these; a pg pool or client has neither.
    ('closed' in client || 'waitReady' in client)
  ) {
    const c = client as unknown as { query: PgliteQuery };
    return { kind: 'pglite', query: (q, p, o) => c.query(q, p, o) };
  }
  return null;
}

/** Turns a column's values into PostgreSQL's text input form (what COPY and a `::type` cast read), or null. */
function textEncoder(type: string): (v: unknown) => string | null {
  if (type === 'jsonb') return (v) => (v === null || v === undefined ? null : JSON.stringify(v));
  if (type === 'text[]') {
    // An array literal: every element quoted, with " and \ escaped inside the quotes.
    return (v) =>
      v === null || v === undefined
        ? null
        : `{${(v as unknown[])
            .map((e) => (e === null || e === undefined ? 'NULL' : `"${String(e).replace(/["\\]/g, '\\$&')}"`))
            .join(',')}}`;
  }
  return (v) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));
}

// COPY's text format: tab between columns, newline after each row, \N for NULL, and these four escaped.
const COPY_SPECIAL = /[\\\t\n\r]/;
function copyEscape(s: string): string {
  return COPY_SPECIAL.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

/**
 * Inserts many rows in one statement. Inside a transaction it uses COPY on the transaction's own connection
 * (PostgreSQL and PGlite): no per-row statements and no arrays to build and unpack, and the rows commit or roll
 * back with the transaction like any INSERT; triggers and foreign keys apply as to an INSERT. Elsewhere (or with
 * `copy: false`) it falls back to INSERT … SELECT FROM unnest(…) with one text array per column.
 */
export async function bulkInsert<R>(
  tx: Orm,
  table: string,
  columns: readonly BulkColumn<R>[],
  rows: readonly R[],
  options: { batchSize?: number; copy?: boolean } = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 5000;
  if (
    !/^[a-z_]+$/.test(table) ||
    columns.some((c) => !/^[a-z_]+$/.test(c.name) || !/^[a-z0-9_ ]+(\[\])?$/.test(c.type))
  ) {
    throw new Error('bulkInsert: unexpected identifier');
  }
  if (rows.length === 0) return;
  const names = columns.map((c) => c.name).join(', ');
  const encoders = columns.map((c) => textEncoder(c.type));
  const conn = options.copy === false ? null : copyConnection(tx);
  for (let i = 0; i < rows.length; i += batchSize) {
    const part = rows.slice(i, i + batchSize);
    if (conn) {
      const lines: string[] = new Array(part.length);
      for (let r = 0; r < part.length; r++) {
        const row = part[r] as R;
        let line = '';
        for (let c = 0; c < columns.length; c++) {
          const v = (encoders[c] as (v: unknown) => string | null)((columns[c] as BulkColumn<R>).value(row));
          line += (c === 0 ? '' : '\t') + (v === null ? '\\N' : copyEscape(v));
        }
        lines[r] = line;
      }
      const text = `${lines.join('\n')}\n`;
      const statement = `COPY ${table} (${names}) FROM STDIN`;
      if (conn.kind === 'postgres') {
        await pipeline(Readable.from([text]), conn.client.query(copyFrom(statement)));
      } else {
        await conn.query(`COPY ${table} (${names}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
      }
      continue;
    }
    const arrays = columns.map(
      (c, n) =>
        sql`${sql.param(part.map((r) => (encoders[n] as (v: unknown) => string | null)(c.value(r))))}::text[]`,
    );
    const casts = columns.map((c, n) => `c${n}::${c.type}`).join(', ');
    const aliases = columns.map((_, n) => `c${n}`).join(', ');
    await tx.execute(
      sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names)}) SELECT ${sql.raw(casts)} FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${sql.raw(aliases)})`,
    );
  }
}
