import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// Without drizzle's relational query API (db.query.<table>), which nothing uses: given the schema, drizzle builds a
// query helper for each of its tables on every transaction object, that is on every request.
export type Orm = PgDatabase<PgQueryResultHKT>;

/** The one way the rest of the server talks to PostgreSQL, whether embedded (PGlite) or a real server. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs a multi-statement script inside one transaction. */
  execScriptInTransaction(script: string, after?: { text: string; params: unknown[] }): Promise<void>;
  /**
   * Bulk-loads CSV text into a table with COPY. Chunks must end on a record boundary: PGlite copies in slices.
   */
  copyCsv(
    table: string,
    columns: readonly string[],
    chunks: AsyncIterable<string>,
    options?: { delimiter?: string; header?: boolean },
  ): Promise<void>;
  /** pg-boss compatible executor. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DatabaseStartError extends Error {}

function copyOptions(options: { delimiter?: string; header?: boolean } = {}): string {
  const delimiter = options.delimiter ?? ',';
  if (!/^[,;\t|]$/.test(delimiter)) throw new Error('unsupported COPY delimiter');
  return `FORMAT csv, DELIMITER E'${delimiter === '\t' ? '\\t' : delimiter}', HEADER ${options.header ? 'true' : 'false'}`;
}

export async function openDatabase(
  config: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string },
): Promise<Database> {
  return config.kind === 'pglite' ? openPglite(config.dataDir) : openPostgres(config.url);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no locking of its own; two processes on one data directory would corrupt it. */
function acquireDataDirLock(dataDir: string): () => void {
  try {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  } catch (err) {
    throw new DatabaseStartError(
      `The data directory ${path.dirname(dataDir)} (DATA_DIR) cannot be created or used: ${(err as Error).message}. ` +
        'Set DATA_DIR to a directory this process may write to.',
    );
  }
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseStartError(
          `Cannot write the lock file ${lockFile} in the data directory (DATA_DIR): ${(err as Error).message}.`,
        );
      }
      const pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isProcessAlive(pid)) {
        throw new DatabaseStartError(
          `The data directory ${dataDir} is already in use by another Vangnet process (pid ${pid}). ` +
            'Stop that process first, or set DATA_DIR to another directory.',
        );
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseStartError(`Could not lock the data directory ${dataDir}.`);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
  let client: PGlite;
  try {
    if (dataDir && fs.existsSync(dataDir) && !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      const entries = fs.readdirSync(dataDir);
      if (entries.length > 0) throw new Error('PG_VERSION is missing');
    }
    client = dataDir ? new PGlite(dataDir) : new PGlite();
    await client.waitReady;
    await client.query('select 1');
  } catch (err) {
    release();
    throw new DatabaseStartError(
      `The embedded database in ${dataDir ?? '(memory)'} could not be opened: it looks damaged or was written by ` +
        `an incompatible version (${(err as Error).message ?? err}). Move the directory aside to start with a ` +
        'fresh demo database, or restore it from a backup.',
    );
  }
  const orm = drizzlePglite(client) as unknown as Orm;
  return {
    kind: 'pglite',
    orm,
    async query<R>(text: string, params: unknown[] = []) {
      return (await client.query<R>(text, params)).rows;
    },
    async execScriptInTransaction(script, after) {
      await client.transaction(async (tx) => {
        await tx.exec(script);
        if (after) await tx.query(after.text, after.params);
      });
    },
    async copyCsv(table, columns, chunks, options) {
      // PGlite copies from an in-memory blob; flush in slices so a million rows never sit in memory at once.
      const copy = (parts: string[]) =>
        client.query(
          `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (${copyOptions(options)})`,
          [],
          {
            blob: new Blob(parts),
          },
        );
      let parts: string[] = [];
      let size = 0;
      for await (const chunk of chunks) {
        parts.push(chunk);
        size += chunk.length;
        if (size > 8_000_000) {
          await copy(parts);
          parts = [];
          size = 0;
        }
      }
      if (parts.length > 0) await copy(parts);
    },
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

async function openPostgres(url: string): Promise<Database> {
  // JIT compiles expensive-looking plans; for the short, index-driven queries of this app it only adds latency.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    options: '-c jit=off',
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseStartError(
      `Cannot connect to PostgreSQL at ${describeUrl(url)} (from DATABASE_URL): ${(err as Error).message}. ` +
        'Check that the server runs and that DATABASE_URL is right.',
    );
  }
  const orm = drizzlePg(pool) as unknown as Orm;
  return {
    kind: 'postgres',
    orm,
    async query<R>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as R[];
    },
    async execScriptInTransaction(script, after) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(script);
        if (after) await c.query(after.text, after.params);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    async copyCsv(table, columns, chunks, options) {
      const c = await pool.connect();
      try {
        const stream = c.query(
          copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (${copyOptions(options)})`),
        );
        await pipeline(Readable.from(chunks), stream);
      } finally {
        c.release();
      }
    },
    async executeSql(text, values) {
      const r = await pool.query(text, values);
      // A multi-statement script returns an array of results.
      const last = Array.isArray(r) ? r.at(-1) : r;
      return { rows: last?.rows ?? [] };
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}
