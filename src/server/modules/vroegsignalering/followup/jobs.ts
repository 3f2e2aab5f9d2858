import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/client.ts';
import { type JobQueue, registerWorker } from '../../../jobs/queue.ts';
import { pipelineDeps } from '../pipeline-deps.ts';
import { checkMovesEverywhere, markDueQuickFixChecks, QUICK_FIX_JOB } from './service.ts';

export const FOLLOWUP_DAILY_JOB = 'followup.daily';

/**
 * The follow-up jobs: the quick-fix check of one closing (sent when it closes, due after 30 days), and a daily
 * sweep that marks every due check (also when its own job got lost) and closes meldingen of households that
 * moved out of the municipality. Both are idempotent, as pg-boss retries.
 */
export async function registerFollowupJobs(
  jobs: JobQueue,
  database: Database,
  config: Config,
): Promise<void> {
  const deps = pipelineDeps(config);
  await registerWorker<{ checkId?: string }>(jobs, QUICK_FIX_JOB, async () => {
    await markDueQuickFixChecks(database.orm, deps.today());
  });
  await registerWorker(jobs, FOLLOWUP_DAILY_JOB, async () => {
    await markDueQuickFixChecks(database.orm, deps.today());
    await checkMovesEverywhere(database.orm, { today: deps.today, brp: deps.brp });
  });
  await jobs.schedule(FOLLOWUP_DAILY_JOB, '15 5 * * *', {}, { tz: 'Europe/Amsterdam' });
}
