import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/queue.ts';

/** What every module's routes get: the shared parts of the running application. */
export type Deps = { config: Config; database: Database; jobs: JobQueue | null };
