// Named prepared statements for the few large statements every page view runs (the household view, the melding
// view). PostgreSQL parses and plans such a statement, with its dozen subqueries, in several milliseconds; as a named
// statement each pooled connection does that once and then only binds and executes (measured: the household view
// from about 4-6 ms to about 1 ms per call). The name is a hash of the text, so a different text (another
// combination of the parts a role may see) is another statement, never a clash. Behind a connection pooler in
// transaction mode that does not keep prepared statements, turn this off with DATABASE_NAMED_STATEMENTS=false.
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Orm } from './client.ts';

let enabled = true;

const nameOf = (text: string) => `v_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;

/** Set once at start-up from the configuration. */
export function setNamedStatements(on: boolean): void {
  enabled = on;
}

type Internals = {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string | undefined,
      arrayMode: boolean,
    ): { execute(): Promise<unknown> };
  };
};

/**
 * Runs `query` as tx.execute does (same driver, same type parsing, same transaction), as a named statement when
 * enabled. PGlite ignores the name.
 */
export async function executeNamed(tx: Orm, query: SQL): Promise<unknown> {
  if (!enabled) return tx.execute(query);
  const { dialect, session } = tx as unknown as Internals;
  const compiled = dialect.sqlToQuery(query);
  return session.prepareQuery(compiled, undefined, nameOf(compiled.sql), false).execute();
}

/** The same for a drizzle query builder (select …): its rows, mapped as drizzle maps them. */
export async function selectNamed<R>(query: {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<R> };
  execute(): Promise<R>;
}): Promise<R> {
  if (!enabled) return query.execute();
  return query.prepare(nameOf(query.toSQL().sql)).execute();
}

/**
 * The name for a drizzle query prepared once and kept (`.prepare(name)`): a name from its text when named
 * statements are enabled, else '' (unnamed, parsed and planned at every execution).
 */
export function preparedName(query: { toSQL(): { sql: string } }): string {
  return enabled ? nameOf(query.toSQL().sql) : '';
}
