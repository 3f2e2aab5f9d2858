import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { IdParams } from '../../../shared/schemas/common.ts';
import {
  LegalHoldBody,
  LegalHoldSchema,
  RetentionReportSchema,
  RetentionSettingsBody,
  RetentionSettingsSchema,
} from '../../../shared/schemas/retention.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { ImportStorage } from '../vroegsignalering/imports/storage.ts';
import * as retention from './service.ts';

const tags = ['Bewaartermijnen (AVG)'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export async function retentionRoutes(base: FastifyInstance, { config, database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;

  app.get(
    '/bewaartermijnen',
    {
      schema: {
        tags,
        summary: 'The retention terms of the active municipality (defaults 6, 12 and 18 months)',
        response: { 200: RetentionSettingsSchema, ...errors },
      },
    },
    async (req) => retention.getRetentionSettings(db, requireUser(req, 'retention:manage').ctx),
  );

  app.put(
    '/bewaartermijnen',
    {
      schema: {
        tags,
        summary: 'Change the retention terms',
        body: RetentionSettingsBody,
        response: { 200: RetentionSettingsSchema, ...errors },
      },
    },
    async (req) => retention.saveRetentionSettings(db, requireUser(req, 'retention:manage').ctx, req.body),
  );

  app.post(
    '/bewaartermijnen/uitvoeren',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Delete the expired personal data of the active municipality now (also done every night)',
        response: { 200: RetentionReportSchema, ...errors },
      },
    },
    async (req) =>
      retention.purgeNow(db, requireUser(req, 'retention:manage').ctx, new ImportStorage(config.importDir)),
  );

  app.put(
    '/meldingen/:id/bewaarplicht',
    {
      schema: {
        tags,
        summary: 'Set or lift a legal hold on a melding: while it is set, nothing of it is deleted',
        params: IdParams,
        body: LegalHoldBody,
        response: { 200: LegalHoldSchema, ...errors, 404: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return retention.setLegalHold(db, ctx, req.params.id, req.body);
    },
  );
}
