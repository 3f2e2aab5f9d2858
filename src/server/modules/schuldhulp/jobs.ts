import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type JobQueue, registerWorker } from '../../jobs/queue.ts';
import { pipelineDeps } from '../vroegsignalering/pipeline-deps.ts';
import { remindClocks } from './service.ts';

export const SCHULDHULP_CLOCKS_JOB = 'schuldhulp.clocks';

/**
 * The daily sweep of the statutory clocks: a reminder for every clock that is due soon or overdue, resolved ones
 * closed. Idempotent (pg-boss retries; a second run the same day adds nothing).
 */
export async function registerSchuldhulpJobs(
  jobs: JobQueue,
  database: Database,
  config: Config,
): Promise<void> {
  const today = pipelineDeps(config).today;
  await registerWorker(jobs, SCHULDHULP_CLOCKS_JOB, async () => {
    await remindClocks(database.orm, today());
  });
  await jobs.schedule(SCHULDHULP_CLOCKS_JOB, '30 5 * * *', {}, { tz: 'Europe/Amsterdam' });
}
