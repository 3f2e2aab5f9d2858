import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Applies every migrations/NNNN_name.sql not yet applied, each in its own transaction, in order. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  // Two app instances starting together on one PostgreSQL must not both migrate.
  if (db.kind === 'postgres') await db.query("SELECT pg_advisory_lock(hashtext('vangnet:migrate'))");
  try {
    const applied = new Set(
      (await db.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
      .sort();
    const done: string[] = [];
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (applied.has(version)) continue;
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      await db.execScriptInTransaction(script, {
        text: 'INSERT INTO schema_migrations (version) VALUES ($1)',
        params: [version],
      });
      done.push(version);
    }
    return done;
  } finally {
    if (db.kind === 'postgres') await db.query("SELECT pg_advisory_unlock(hashtext('vangnet:migrate'))");
  }
}
