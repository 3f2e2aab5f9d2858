import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { CursorQuery, IdParams, page } from '../../../shared/schemas/common.ts';
import {
  ColumnMappingBody,
  PartnerCredentialsSchema,
  ReferralSourceCreateBody,
  ReferralSourcePatchBody,
  ReferralSourceSchema,
  SignalPartnerCreateBody,
  SignalPartnerPatchBody,
  SignalPartnerSchema,
} from '../../../shared/schemas/partners.ts';
import { decodeNameCursor, toPage } from '../../http/cursor.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { requireConfigurationReader } from './policy.ts';
import { presentPartner, presentReferralSource } from './presenter.ts';
import * as partners from './service.ts';

const partnerTags = ['Signaalpartners'];
const sourceTags = ['Verwijzers'];

/** Error answers every route may give, for the OpenAPI document. */
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

const readers = 'Readable with vroegsignalering:read, vroegsignalering:manage or audit:read.';

export async function partnerRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;

  // --- Signal partners ----------------------------------------------------------------------------------

  app.get(
    '/signaalpartners',
    {
      schema: {
        tags: partnerTags,
        summary: 'The signalling partners of the active municipality, by name',
        description: readers,
        querystring: CursorQuery,
        response: { 200: page(SignalPartnerSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireConfigurationReader(req);
      const after = decodeNameCursor(req.query.cursor);
      const rows = await partners.listPartners(db, ctx, { after, limit: req.query.limit + 1 });
      return toPage(rows, req.query.limit, (r) => r, presentPartner);
    },
  );

  app.post(
    '/signaalpartners',
    {
      schema: {
        tags: partnerTags,
        summary: 'Add a signalling partner',
        body: SignalPartnerCreateBody,
        response: { 201: SignalPartnerSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const partner = await partners.createPartner(db, ctx, req.body);
      return reply.code(201).send(presentPartner(partner));
    },
  );

  app.get(
    '/signaalpartners/:id',
    {
      schema: {
        tags: partnerTags,
        summary: 'One signalling partner',
        description: readers,
        params: IdParams,
        response: { 200: SignalPartnerSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireConfigurationReader(req);
      return presentPartner(await partners.getPartner(db, ctx, req.params.id));
    },
  );

  app.patch(
    '/signaalpartners/:id',
    {
      schema: {
        tags: partnerTags,
        summary: 'Change a signalling partner, or (de)activate it',
        description: 'Partners are never deleted: isActive false ends their machine access as well.',
        params: IdParams,
        body: SignalPartnerPatchBody,
        response: { 200: SignalPartnerSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return presentPartner(await partners.updatePartner(db, ctx, req.params.id, req.body));
    },
  );

  app.put(
    '/signaalpartners/:id/kolomindeling',
    {
      schema: {
        tags: partnerTags,
        summary: "Save (or with null remove) the partner's column mapping for file uploads",
        params: IdParams,
        body: ColumnMappingBody,
        response: { 200: SignalPartnerSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return presentPartner(await partners.saveColumnMapping(db, ctx, req.params.id, req.body.columnMapping));
    },
  );

  app.post(
    '/signaalpartners/:id/credentials',
    {
      schema: {
        tags: partnerTags,
        summary: 'Issue (or rotate) the OAuth client credentials of a partner',
        description:
          'The secret is shown in this answer only. Issuing again replaces the client: the old secret and its ' +
          'tokens stop working at once. The client may ask /oauth/token for the scope signalen:aanleveren.',
        params: IdParams,
        response: { 201: PartnerCredentialsSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const credentials = await partners.issueCredentials(db, ctx, req.params.id);
      return reply.code(201).send(credentials);
    },
  );

  // --- Referral sources (verwijzers) ---------------------------------------------------------------------

  app.get(
    '/verwijzers',
    {
      schema: {
        tags: sourceTags,
        summary: 'The internal and external referral sources of the active municipality, by name',
        description: readers,
        querystring: CursorQuery,
        response: { 200: page(ReferralSourceSchema), ...errors },
      },
    },
    async (req) => {
      // Every colleague may refer a resident, so every colleague may see whom to name as referrer.
      const { ctx } = requireUser(req, 'organisation:read');
      const after = decodeNameCursor(req.query.cursor);
      const rows = await partners.listReferralSources(db, ctx, { after, limit: req.query.limit + 1 });
      return toPage(rows, req.query.limit, (r) => r, presentReferralSource);
    },
  );

  app.post(
    '/verwijzers',
    {
      schema: {
        tags: sourceTags,
        summary: 'Add a referral source',
        body: ReferralSourceCreateBody,
        response: { 201: ReferralSourceSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const source = await partners.createReferralSource(db, ctx, req.body);
      return reply.code(201).send(presentReferralSource(source));
    },
  );

  app.patch(
    '/verwijzers/:id',
    {
      schema: {
        tags: sourceTags,
        summary: 'Rename a referral source, change its kind or (de)activate it',
        params: IdParams,
        body: ReferralSourcePatchBody,
        response: { 200: ReferralSourceSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return presentReferralSource(await partners.updateReferralSource(db, ctx, req.params.id, req.body));
    },
  );
}
