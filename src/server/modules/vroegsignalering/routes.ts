import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { IdParams, page } from '../../../shared/schemas/common.ts';
import {
  IntakeBatchBody,
  IntakeResponseSchema,
  ManualMatchBody,
  ManualSignalBody,
  MatchingQueueItemSchema,
  MatchingQueueQuery,
  MeldingDetailSchema,
  MeldingListQuery,
  MeldingSummarySchema,
  ReferralBody,
  SignalViewSchema,
} from '../../../shared/schemas/meldingen.ts';
import { RuleSetDefinitionSchema } from '../../../shared/schemas/rules.ts';
import { requireMachine, requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import { listMatchingQueue, matchByHand } from './matching-service.ts';
import { getRuleSets, previewRuleSet, saveRuleSet } from './rules-service.ts';
import * as service from './service.ts';

const tags = ['Vroegsignalering'];

export async function vroegsignaleringRoutes(
  base: FastifyInstance,
  { config, database }: Deps,
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/vroegsignalen',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      bodyLimit: 10 * 1_048_576,
      schema: {
        tags: ['Signaalpartners (machine)'],
        summary: 'Deliver a batch of signals (signalling partners, OAuth2 client credentials)',
        description:
          "Idempotent on the partner's own id (externalId): a resend with the same content is a duplicate, a changed " +
          'resend becomes a new version. Each signal is validated on its own; valid ones are kept when others fail.',
        security: [{ clientCredentials: ['signalen:aanleveren'] }],
        body: IntakeBatchBody,
        response: { 200: IntakeResponseSchema, 403: ProblemSchema },
      },
    },
    async (req) => {
      const { actor } = requireMachine(req, 'signalen:aanleveren');
      return service.receivePartnerBatch(database, config, actor, req.id, req.body);
    },
  );

  app.post(
    '/vroegsignalen/handmatig',
    {
      schema: {
        tags,
        summary: 'Enter a signal by hand',
        body: ManualSignalBody,
        response: { 200: IntakeResponseSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return service.enterSignal(database, config, ctx, req.body);
    },
  );

  app.post(
    '/verwijzingen',
    {
      schema: {
        tags,
        summary: 'Refer a resident with money worries (internal or external referrer)',
        body: ReferralBody,
        response: { 200: IntakeResponseSchema },
      },
    },
    async (req) => {
      // Every colleague may refer: referral is how other departments bring people in.
      const { ctx } = requireUser(req, 'organisation:read');
      return service.referResident(database, config, ctx, req.body);
    },
  );

  app.get(
    '/vroegsignalen/:id',
    { schema: { tags, summary: 'One signal', params: IdParams, response: { 200: SignalViewSchema } } },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return service.getSignal(database.orm, ctx, req.params.id);
    },
  );

  app.get(
    '/meldingen',
    {
      schema: {
        tags,
        summary: 'Meldingen (signals bundled per household address and period), filtered and sorted',
        querystring: MeldingListQuery,
        response: { 200: page(MeldingSummarySchema) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return service.listMeldingen(database.orm, ctx, req.query);
    },
  );

  app.get(
    '/meldingen/:id',
    {
      schema: {
        tags,
        summary: 'One melding with its signals and why the rules placed it where it is',
        params: IdParams,
        response: { 200: MeldingDetailSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return service.getMelding(database.orm, ctx, req.params.id);
    },
  );

  app.get(
    '/koppelen',
    {
      schema: {
        tags,
        summary: 'Signals waiting for manual matching, with ranked BRP candidates',
        querystring: MatchingQueueQuery,
        response: { 200: page(MatchingQueueItemSchema) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return listMatchingQueue(database.orm, ctx, req.query);
    },
  );

  app.post(
    '/vroegsignalen/:id/koppeling',
    {
      schema: {
        tags,
        summary: 'Match a signal to a person by hand (or mark it as not a resident)',
        params: IdParams,
        body: ManualMatchBody,
        response: { 200: SignalViewSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return matchByHand(database.orm, config, ctx, req.params.id, req.body.personId);
    },
  );

  const RuleSetView = z.object({
    active: z.object({ id: z.uuid(), version: z.number().int(), definition: RuleSetDefinitionSchema }),
    versions: z.array(
      z.object({
        id: z.uuid(),
        version: z.number().int(),
        isActive: z.boolean(),
        createdAt: z.string(),
        createdBy: z.string(),
      }),
    ),
    queues: z.array(z.string()),
  });

  app.get(
    '/afwegingskader',
    {
      schema: {
        tags,
        summary: 'The active prioritisation rules (afwegingskader) and earlier versions',
        response: { 200: RuleSetView },
      },
    },
    async (req) => {
      // The beheerder who may change the rules must also be able to read them.
      const { ctx } = requireUser(req);
      if (
        !ctx.actor.permissions.has('vroegsignalering:read') &&
        !ctx.actor.permissions.has('vroegsignalering:manage')
      ) {
        throw problems.forbidden();
      }
      return getRuleSets(database.orm, ctx);
    },
  );

  app.post(
    '/afwegingskader/voorbeeld',
    {
      schema: {
        tags,
        summary: 'Preview how many open meldingen a proposed rule set would move between queues',
        body: z.strictObject({ definition: z.unknown() }),
        response: {
          200: z.object({
            total: z.number().int(),
            moved: z.number().int(),
            byTransition: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
            samples: z.array(z.object({ id: z.string(), from: z.string(), to: z.string() })),
            storedQueueDiffers: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return previewRuleSet(database.orm, config, ctx, req.body.definition);
    },
  );

  app.put(
    '/afwegingskader',
    {
      schema: {
        tags,
        summary: 'Save and activate a new version of the rules; open meldingen are re-prioritised',
        body: z.strictObject({ definition: z.unknown() }),
        response: {
          200: z.object({ id: z.uuid(), version: z.number().int(), reprioritised: z.number().int() }),
        },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return saveRuleSet(database.orm, config, ctx, req.body.definition);
    },
  );
}
