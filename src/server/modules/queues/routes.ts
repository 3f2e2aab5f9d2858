import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { CursorQuery, IdParams, page } from '../../../shared/schemas/common.ts';
import {
  WijkPostcodeRangesBody,
  WijkPostcodeRangesSchema,
  WorkQueueCreateBody,
  WorkQueuePatchBody,
  WorkQueueSchema,
} from '../../../shared/schemas/queues.ts';
import { decodeNameCursor, toPage } from '../../http/cursor.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { requireConfigurationReader } from '../partners/policy.ts';
import { presentWijkPostcodeRanges, presentWorkQueue } from './presenter.ts';
import * as queues from './service.ts';

const queueTags = ['Werkbakjes'];
const mapTags = ['Wijkindeling'];

/** Error answers every route may give, for the OpenAPI document. */
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

const readers = 'Readable with vroegsignalering:read, vroegsignalering:manage or audit:read.';

export async function queueRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;

  // --- Work queues (werkbakjes) ---------------------------------------------------------------------------

  app.get(
    '/werkbakjes',
    {
      schema: {
        tags: queueTags,
        summary: 'The werkbakjes of the active municipality, by name',
        description: readers,
        querystring: CursorQuery,
        response: { 200: page(WorkQueueSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireConfigurationReader(req);
      const after = decodeNameCursor(req.query.cursor);
      const rows = await queues.listWorkQueues(db, ctx, { after, limit: req.query.limit + 1 });
      return toPage(rows, req.query.limit, (r) => r, presentWorkQueue);
    },
  );

  app.post(
    '/werkbakjes',
    {
      schema: {
        tags: queueTags,
        summary: 'Create a werkbakje',
        body: WorkQueueCreateBody,
        response: { 201: WorkQueueSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const queue = await queues.createWorkQueue(db, ctx, req.body);
      return reply.code(201).send(presentWorkQueue(queue));
    },
  );

  app.patch(
    '/werkbakjes/:id',
    {
      schema: {
        tags: queueTags,
        summary: 'Rename a werkbakje or change its kind, team or target',
        params: IdParams,
        body: WorkQueuePatchBody,
        response: { 200: WorkQueueSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return presentWorkQueue(await queues.updateWorkQueue(db, ctx, req.params.id, req.body));
    },
  );

  // --- Wijk postcode ranges -------------------------------------------------------------------------------

  app.get(
    '/wijken/:id/postcodegebieden',
    {
      schema: {
        tags: mapTags,
        summary: 'The postcode ranges (PC4 or PC6) that route addresses to a wijk',
        description: readers,
        params: IdParams,
        response: { 200: WijkPostcodeRangesSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireConfigurationReader(req);
      return presentWijkPostcodeRanges(await queues.getWijkPostcodeRanges(db, ctx, req.params.id));
    },
  );

  app.put(
    '/wijken/:id/postcodegebieden',
    {
      schema: {
        tags: mapTags,
        summary: 'Replace the postcode ranges of a wijk',
        description:
          'Postcodes are stored upper case without spaces. A range overlapping a range of the same length of ' +
          'another wijk answers 409, with each collision in invalidParams.',
        params: IdParams,
        body: WijkPostcodeRangesBody,
        response: { 200: WijkPostcodeRangesSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return presentWijkPostcodeRanges(
        await queues.replaceWijkPostcodeRanges(db, ctx, req.params.id, req.body.ranges),
      );
    },
  );
}
