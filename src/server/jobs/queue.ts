import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';

export type JobQueue = PgBoss;

/**
 * A Postgres-backed job queue (pg-boss) in the schema `jobs`. It talks through the app's own Database so the
 * same code runs on PGlite (one connection in-process) and on PostgreSQL.
 */
export async function startJobQueue(database: Database, logger: Logger): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    schema: 'jobs',
    // Maintenance (archiving, expiry) runs in this process; two minutes is plenty for our volumes.
    maintenanceIntervalSeconds: 120,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  return boss;
}

export type JobHandler<T> = (data: T) => Promise<void>;

/** Registers a worker with retries; handlers must be idempotent because a retry repeats them. */
export async function registerWorker<T extends object>(
  boss: JobQueue,
  name: string,
  handler: JobHandler<T>,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await boss.createQueue(name, { name, retryLimit: 3, retryDelay: 5, retryBackoff: true });
  await boss.work<T>(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
    for (const job of jobs) await handler(job.data);
  });
}
