// npm run migrate: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseStartError, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const applied = await migrate(database);
    process.stdout.write(
      applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n',
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DatabaseStartError;
  process.stderr.write(`migrate: ${known ? err.message : ((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
