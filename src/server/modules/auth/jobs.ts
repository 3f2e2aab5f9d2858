import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import { deleteExpiredMachineTokens, deleteExpiredSessions } from './repository.ts';

/** Scheduled clean-up: expired sessions and machine tokens are useless and only widen what a leak exposes. */
export async function deleteExpiredSessionsJob(db: Orm, config: Config): Promise<void> {
  const now = new Date();
  await deleteExpiredSessions(db, now, new Date(now.getTime() - config.session.idleMinutes * 60_000));
  await deleteExpiredMachineTokens(db, now);
}
