import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from './client.ts';

export type BulkColumn<R> = { name: string; type: string; value: (row: R) => unknown };

/**
 * INSERT … SELECT FROM unnest(…) with one array parameter per column: one statement and a handful of parameters
 * for thousands of rows, where a multi-row VALUES list needs a parameter per cell (and the ORM's per-cell work).
 */
export async function bulkInsert<R>(
  tx: Orm,
  table: string,
  columns: readonly BulkColumn<R>[],
  rows: readonly R[],
  batchSize = 5000,
): Promise<void> {
  if (
    !/^[a-z_]+$/.test(table) ||
    columns.some((c) => !/^[a-z_]+$/.test(c.name) || !/^[a-z0-9_ ]+$/.test(c.type))
  ) {
    throw new Error('bulkInsert: unexpected identifier');
  }
  for (let i = 0; i < rows.length; i += batchSize) {
    const part = rows.slice(i, i + batchSize);
    const arrays: SQL[] = columns.map(
      (c) =>
        sql`${sql.param(
          part.map((r) => {
            const v = c.value(r);
            return c.type === 'jsonb' && v !== null && v !== undefined ? JSON.stringify(v) : (v ?? null);
          }),
        )}::${sql.raw(c.type)}[]`,
    );
    await tx.execute(
      sql`INSERT INTO ${sql.raw(table)} (${sql.raw(columns.map((c) => c.name).join(', '))}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}
