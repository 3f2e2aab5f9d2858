import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { MonitorQuery, MonitorResponseSchema } from '../../../shared/schemas/reporting.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { registerMonitorJobs } from './jobs.ts';
import { monitorCsv, monitorPdf } from './report.ts';
import { showMonitor } from './service.ts';

const tags = ['Monitor'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const description =
  'For staff with aggregates:read or vroegsignalering:read. Without persons:read (policy advisers) every cell based ' +
  'on fewer than 5 residents is suppressed ("<5"). Definitions: docs/monitor-indicatoren.md.';

export async function monitorRoutes(base: FastifyInstance, { database, jobs }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  // The module's background work: the monthly rollups (jobs.ts).
  if (jobs) await registerMonitorJobs(jobs, database);

  app.get(
    '/monitor',
    {
      schema: {
        tags,
        summary: 'Monitor indicators of the active municipality, with the previous period and the region',
        description,
        querystring: MonitorQuery,
        response: { 200: MonitorResponseSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req);
      return showMonitor(db, ctx, req.query);
    },
  );

  app.get(
    '/monitor/export.csv',
    {
      schema: {
        tags,
        summary: 'The monitor as CSV (semicolon separated, UTF-8)',
        description,
        querystring: MonitorQuery,
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req);
      const language = req.query.taal ?? 'nl';
      const data = await showMonitor(db, ctx, req.query, { language });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="monitor-${data.municipality.cbsCode}-${data.period.van}-${data.period.tot}.csv"`,
        )
        .send(monitorCsv(data, language));
    },
  );

  app.get(
    '/monitor/rapport.pdf',
    {
      schema: {
        tags,
        summary: 'The monitor as a printable PDF report',
        description,
        querystring: MonitorQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req);
      const language = req.query.taal ?? 'nl';
      const data = await showMonitor(db, ctx, req.query, { language });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="monitor-${data.municipality.cbsCode}-${data.period.van}-${data.period.tot}.pdf"`,
        )
        .send(await monitorPdf(data, language));
    },
  );
}
