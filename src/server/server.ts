import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { setNamedStatements } from './db/named.ts';
import { type JobQueue, registerWorker, startJobQueue } from './jobs/queue.ts';
import { deleteExpiredSessionsJob } from './modules/auth/jobs.ts';
import { registerHouseholdJobs } from './modules/households/appointments/jobs.ts';
import { registerRetentionJobs } from './modules/retention/jobs.ts';
import { registerSchuldhulpJobs } from './modules/schuldhulp/jobs.ts';
import { registerFollowupJobs } from './modules/vroegsignalering/followup/jobs.ts';
import { IMPORT_JOB, runImport } from './modules/vroegsignalering/imports/service.ts';
import { registerOutreachJobs } from './modules/vroegsignalering/outreach/jobs.ts';
import { pipelineDeps } from './modules/vroegsignalering/pipeline-deps.ts';
import { type DemoLogin, demoLogins, hasAnyRegion, seedDemoRegion } from './seed/demo.ts';
import { seedDemoFollowup } from './seed/demo-followup.ts';
import { seedDemoSignals } from './seed/demo-signals.ts';
import { seedPopulation } from './seed/load.ts';

export type Vangnet = {
  app: FastifyInstance;
  database: Database;
  jobs: JobQueue | null;
  demoLogins: DemoLogin[];
  close(): Promise<void>;
};

/** Opens the database, migrates, seeds the demo region on first start, starts jobs and builds the app. */
export async function createVangnet(
  config: Config,
  logger: Logger,
  opts: { database?: Database; demoInhabitants?: number; demoSignals?: boolean } = {},
): Promise<Vangnet> {
  setNamedStatements(config.namedStatements);
  const database = opts.database ?? (await openDatabase(config.database));
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    let logins: DemoLogin[] = [];
    if (config.demo) {
      if (!(await hasAnyRegion(database))) {
        logger.info('seeding the demo region (first start)');
        await seedDemoRegion(database, seedPopulation, { inhabitants: opts.demoInhabitants });
        if (opts.demoSignals !== false) {
          const deps = pipelineDeps(config);
          const demo = await database.query<{ id: string; inhabitants: number; cbs_code: string }>(
            'SELECT id, inhabitants, cbs_code FROM municipalities ORDER BY cbs_code',
          );
          for (const m of demo) {
            const n = await seedDemoSignals(
              database,
              { id: m.id, inhabitants: m.inhabitants, seed: Number(m.cbs_code) },
              deps,
            );
            logger.info({ municipality: m.cbs_code, signals: n }, 'demo signals seeded');
            const f = await seedDemoFollowup(database, { id: m.id, seed: Number(m.cbs_code) }, deps);
            logger.info({ municipality: m.cbs_code, meldingen: f }, 'demo follow-up seeded');
          }
        }
      }
      logins = await demoLogins(database);
    }
    const jobs = config.jobsEnabled ? await startJobQueue(database, logger) : null;
    if (jobs) {
      await registerWorker(jobs, 'sessions.cleanup', () => deleteExpiredSessionsJob(database.orm, config));
      await jobs.schedule('sessions.cleanup', '*/15 * * * *');
      // Imports are resumable: a retry continues after the last committed chunk.
      await registerWorker<{ importId: string }>(
        jobs,
        IMPORT_JOB,
        ({ importId }) => runImport(database, config, importId),
        {
          pollingIntervalSeconds: 1,
        },
      );
      await registerFollowupJobs(jobs, database, config);
      await registerOutreachJobs(jobs, database, config);
      await registerRetentionJobs(jobs, database, config);
      await registerSchuldhulpJobs(jobs, database, config);
      await registerHouseholdJobs(jobs, database, config);
    }
    const app = await buildApp({ config, database, logger, jobs });
    return {
      app,
      database,
      jobs,
      demoLogins: logins,
      async close() {
        await app.close();
        if (jobs) await jobs.stop({ graceful: false, wait: true });
        await database.close();
      },
    };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
