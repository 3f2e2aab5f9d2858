import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type JobQueue, registerWorker } from '../../jobs/queue.ts';
import { ImportStorage } from '../vroegsignalering/imports/storage.ts';
import { RETENTION_JOB, runRetention } from './service.ts';

/** The daily retention run, at night (Dutch time) when nobody works in the meldingen. */
export async function registerRetentionJobs(
  jobs: JobQueue,
  database: Database,
  config: Config,
): Promise<void> {
  await registerWorker(jobs, RETENTION_JOB, async () => {
    await runRetention(database.orm, new ImportStorage(config.importDir));
  });
  await jobs.schedule(RETENTION_JOB, '30 2 * * *', {}, { tz: 'Europe/Amsterdam' });
}
