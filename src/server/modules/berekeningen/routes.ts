import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import {
  HuishoudenScanResult,
  OutreachItemSchema,
  REGEL_INPUTS,
  REGEL_RESULTS,
  REGELS,
  type Regel,
  RegelingCreateBody,
  RegelingenQuery,
  RegelingPatchBody,
  RegelingSchema,
  ScanQuery,
  ScanRunSchema,
  ScanStartBody,
  VoorzieningenScanInput,
  VoorzieningenScanResult,
} from '../../../shared/schemas/berekeningen.ts';
import { CursorQuery, IdParams, page } from '../../../shared/schemas/common.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../http/cursor.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import { presentResult, presentRun } from './presenter.ts';
import type { RegelInput } from './rules/index.ts';
import * as service from './service.ts';

const tags = ['Berekeningen'];
const schemeTags = ['Gemeentelijke regelingen'];
const scanTags = ['Niet-gebruik'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

const SUMMARIES: Record<Regel, string> = {
  'beslagvrije-voet': 'Compute the beslagvrije voet (Rv art. 475ab-475i) with its explanation',
  bijstandsnorm: 'Compute the bijstandsnorm (Participatiewet art. 20-22a) with its explanation',
  zorgtoeslag: 'Compute the zorgtoeslag per month and year with its explanation',
  huurtoeslag: 'Compute the huurtoeslag (2025 or 2026 system) with its explanation',
  'kindgebonden-budget': 'Compute the kindgebonden budget per month and year with its explanation',
};

/** Reading the schemes: whoever calculates (berekeningen:read) or configures them (regelingen:manage). */
function requireSchemeReader(req: FastifyRequest) {
  const { ctx, actor } = requireUser(req);
  if (!actor.permissions.has('berekeningen:read') && !actor.permissions.has('regelingen:manage'))
    throw problems.forbidden();
  return ctx;
}

const PdfQuery = z.strictObject({
  taal: z.enum(['nl', 'en']).default('nl').describe('Language of the PDF'),
});

/** POST /berekeningen/<regel>: one route per rule, so each has its own input and result schema in OpenAPI. */
export async function berekeningenRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  for (const regel of REGELS) {
    app.post(
      `/berekeningen/${regel}`,
      {
        schema: {
          tags,
          summary: SUMMARIES[regel],
          description:
            'Requires berekeningen:read. The rules in force on the peildatum apply (2025-01-01 through 2026-12-31; ' +
            'another date answers 400 with code peildatum_buiten_bereik). The result lists every step, every ' +
            'parameter with its legal source and status, and warnings where a part could not be computed exactly.',
          body: REGEL_INPUTS[regel],
          response: { 200: REGEL_RESULTS[regel], ...errors },
        },
      },
      async (req) => {
        const { ctx } = requireUser(req, 'berekeningen:read');
        return service.calculateRule(ctx, regel, req.body as RegelInput<typeof regel>);
      },
    );
    app.post(
      `/berekeningen/${regel}/pdf`,
      {
        schema: {
          tags,
          summary: `${SUMMARIES[regel].replace('Compute', 'Print')}, as accessible tagged PDF`,
          description:
            'The same input as the calculation; the answer is a tagged PDF (PDF/UA identification, document ' +
            'language, structure in reading order) with the steps, parameters and sources.',
          body: REGEL_INPUTS[regel],
          querystring: PdfQuery,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const { ctx } = requireUser(req, 'berekeningen:read');
        const pdf = await service.printRule(ctx, regel, req.body as RegelInput<typeof regel>, req.query.taal);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="berekening-${regel}.pdf"`)
          .send(pdf);
      },
    );
  }

  app.post(
    '/berekeningen/voorzieningen-scan',
    {
      schema: {
        tags,
        summary:
          'Which provisions an (ad hoc entered) household probably misses, with amounts and how to apply',
        description:
          'Requires berekeningen:read. National provisions (zorgtoeslag, huurtoeslag, kindgebonden budget, ' +
          'bijstand) and the municipal schemes of the active municipality in force on the peildatum. Nothing is ' +
          'stored; the input is not linked to a person.',
        body: VoorzieningenScanInput,
        response: { 200: VoorzieningenScanResult, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'berekeningen:read');
      return service.scanAdHoc(db, ctx, req.body);
    },
  );

  // --- Municipal schemes ------------------------------------------------------------------------------------

  app.get(
    '/regelingen',
    {
      schema: {
        tags: schemeTags,
        summary:
          'The municipal schemes of the active municipality (every version), or those in force on a date',
        querystring: RegelingenQuery,
        response: { 200: z.object({ items: z.array(RegelingSchema) }), ...errors },
      },
    },
    async (req) => ({ items: await service.listSchemes(db, requireSchemeReader(req), req.query.peildatum) }),
  );

  app.post(
    '/regelingen',
    {
      schema: {
        tags: schemeTags,
        summary: 'Add a municipal scheme, or a new version of one from its geldigVanaf date',
        description: 'Requires regelingen:manage. Name and geldigVanaf are unique per municipality (409).',
        body: RegelingCreateBody,
        response: { 201: RegelingSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'regelingen:manage');
      return reply.code(201).send(await service.createScheme(db, ctx, req.body));
    },
  );

  app.get(
    '/regelingen/:id',
    {
      schema: {
        tags: schemeTags,
        summary: 'One municipal scheme (one version)',
        params: IdParams,
        response: { 200: RegelingSchema, ...itemErrors },
      },
    },
    async (req) => service.getScheme(db, requireSchemeReader(req), req.params.id),
  );

  app.patch(
    '/regelingen/:id',
    {
      schema: {
        tags: schemeTags,
        summary: 'Change a municipal scheme (limits, amount, dates, or deactivate it)',
        params: IdParams,
        body: RegelingPatchBody,
        response: { 200: RegelingSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'regelingen:manage');
      return service.updateScheme(db, ctx, req.params.id, req.body);
    },
  );

  // --- Non-take-up scan of stored households ----------------------------------------------------------------

  app.get(
    '/huishoudens/:id/voorzieningen-scan',
    {
      schema: {
        tags: scanTags,
        summary: 'Which provisions a household of the BRP probably misses, from its stored financial profile',
        description: 'Requires niet_gebruik:read. Audited. 404 for a household without a financial profile.',
        params: IdParams,
        querystring: ScanQuery,
        response: { 200: HuishoudenScanResult, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'niet_gebruik:read');
      return service.scanHousehold(db, ctx, req.params.id, req.query.peildatum);
    },
  );

  app.post(
    '/niet-gebruik/scans',
    {
      schema: {
        tags: scanTags,
        summary: 'Scan every household of the municipality and make an outreach list (non-take-up)',
        description:
          'Requires niet_gebruik:read. Runs synchronously (about 100,000 households in seconds on PostgreSQL) ' +
          'and answers with the finished run; the list is read page by page. Audited.',
        body: ScanStartBody,
        response: { 201: ScanRunSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'niet_gebruik:read');
      return reply.code(201).send(presentRun(await service.runBatchScan(db, ctx, req.body.peildatum)));
    },
  );

  app.get(
    '/niet-gebruik/scans',
    {
      schema: {
        tags: scanTags,
        summary: 'The scans of the municipality, newest first',
        querystring: CursorQuery,
        response: { 200: page(ScanRunSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'niet_gebruik:read');
      const key = decodeKeyCursor(req.query.cursor, 2);
      const after = key ? { startedAt: String(key[0]), id: String(key[1]) } : undefined;
      const rows = await service.listScanRuns(db, ctx, after, req.query.limit + 1);
      const items = rows.slice(0, req.query.limit);
      const last = items.at(-1);
      return {
        items: items.map(presentRun),
        nextCursor:
          rows.length > req.query.limit && last ? encodeKeyCursor([last.started_at, last.id]) : null,
      };
    },
  );

  app.get(
    '/niet-gebruik/scans/:id',
    {
      schema: {
        tags: scanTags,
        summary: 'One scan with its totals',
        params: IdParams,
        response: { 200: ScanRunSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'niet_gebruik:read');
      return presentRun(await service.getScanRun(db, ctx, req.params.id));
    },
  );

  app.get(
    '/niet-gebruik/scans/:id/huishoudens',
    {
      schema: {
        tags: scanTags,
        summary:
          'The outreach list of a scan: households with the provisions they probably miss, highest first',
        description: 'Requires niet_gebruik:read. Every page read is audited with the households on it.',
        params: IdParams,
        querystring: CursorQuery,
        response: { 200: page(OutreachItemSchema), ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'niet_gebruik:read');
      const key = decodeKeyCursor(req.query.cursor, 2);
      const after =
        key && typeof key[0] === 'number'
          ? { totalYearlyCents: key[0], householdId: String(key[1]) }
          : undefined;
      const { rows, names } = await service.listScanResults(
        db,
        ctx,
        req.params.id,
        after,
        req.query.limit + 1,
      );
      const items = rows.slice(0, req.query.limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => presentResult(r, names)),
        nextCursor:
          rows.length > req.query.limit && last
            ? encodeKeyCursor([Number(last.total_yearly_cents), last.household_id])
            : null,
      };
    },
  );
}
