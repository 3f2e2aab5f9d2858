import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/client.ts';
import { type JobQueue, registerWorker } from '../../../jobs/queue.ts';
import { deliverMessage, OUTREACH_SEND_JOB } from './service.ts';

/**
 * Delivery of e-mails and text messages. A failed delivery throws, so pg-boss retries it with back-off (three
 * times); after that the message stays "failed" in the message log, where a worker can send it again.
 */
export async function registerOutreachJobs(
  jobs: JobQueue,
  database: Database,
  config: Config,
): Promise<void> {
  await registerWorker<{ messageId: string }>(
    jobs,
    OUTREACH_SEND_JOB,
    ({ messageId }) => deliverMessage(database, config, messageId),
    { pollingIntervalSeconds: 1 },
  );
}
