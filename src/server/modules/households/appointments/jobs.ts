import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/client.ts';
import { type JobQueue, registerWorker } from '../../../jobs/queue.ts';
import { pipelineDeps } from '../../vroegsignalering/pipeline-deps.ts';
import {
  deliverPreparation,
  PREPARATION_MAIL_JOB,
  REFERRAL_REMINDER_JOB,
  remindReferrals,
} from './service.ts';

/**
 * The household plan's jobs: delivering preparation e-mails (a failure throws, so pg-boss retries with back-off;
 * after that the e-mail stays "mislukt" and the regisseur can send it again), and the daily sweep that turns
 * referrals past their reminder date without an answer into reminders (idempotent).
 */
export async function registerHouseholdJobs(
  jobs: JobQueue,
  database: Database,
  config: Config,
): Promise<void> {
  await registerWorker<{ preparationId: string }>(
    jobs,
    PREPARATION_MAIL_JOB,
    ({ preparationId }) => deliverPreparation(database, config, preparationId),
    { pollingIntervalSeconds: 1 },
  );
  const today = pipelineDeps(config).today;
  await registerWorker(jobs, REFERRAL_REMINDER_JOB, async () => {
    await remindReferrals(database.orm, today());
  });
  await jobs.schedule(REFERRAL_REMINDER_JOB, '15 6 * * *', {}, { tz: 'Europe/Amsterdam' });
}
