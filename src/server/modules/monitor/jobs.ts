import type { Database } from '../../db/client.ts';
import { type JobQueue, registerWorker } from '../../jobs/queue.ts';
import { prunePartialRanges, refreshDirtyMonths } from './rollup.ts';

export const MONITOR_ROLLUP_JOB = 'monitor.refresh-rollups';

/**
 * Keeps the monitor rollups current in the background: every minute it recomputes the months that changed (an
 * import, a closed melding), so a dashboard read seldom has to. Reads refresh what is still dirty themselves, so
 * the figures are right even when this job lags.
 */
export async function registerMonitorJobs(jobs: JobQueue, database: Database): Promise<void> {
  await registerWorker(jobs, MONITOR_ROLLUP_JOB, async () => {
    await database.orm.transaction(async (tx) => {
      await refreshDirtyMonths(tx);
      await prunePartialRanges(tx);
    });
  });
  await jobs.schedule(MONITOR_ROLLUP_JOB, '* * * * *');
}
