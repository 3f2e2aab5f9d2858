import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import { ProblemSchema } from '../../../shared/problem.ts';
import type { Permission } from '../../../shared/roles.ts';
import {
  BusinessCaseQuery,
  BusinessCaseViewSchema,
  InterventionBody,
  InterventionListQuery,
  InterventionSchema,
  OutcomeBody,
  PriceListBody,
  PriceListImportBody,
  PriceListImportResultSchema,
  PriceListSummarySchema,
  PriceListVersionSchema,
  ScenarioBody,
  ScenarioPatchBody,
  ScenarioSchema,
  SettingsBody,
  SettingsSchema,
  WhatWorksBody,
  WhatWorksFileSchema,
  WhatWorksImportResultSchema,
  WhatWorksSchema,
} from '../../../shared/schemas/businesscase.ts';
import { IdParams } from '../../../shared/schemas/common.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import * as bc from './service.ts';

const tags = ['Businesscase'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

function requireAny(req: FastifyRequest, ...permissions: Permission[]) {
  const guard = requireUser(req);
  if (!permissions.some((p) => guard.actor.permissions.has(p))) throw problems.forbidden();
  return guard;
}
const VIEWERS: Permission[] = ['aggregates:read', 'businesscase:manage'];
const READERS: Permission[] = ['aggregates:read', 'businesscase:manage', 'interventions:manage'];

/** The business case: price list, assumptions, scenarios, interventions and outcomes, the view, "wat werkt". */
export async function businessCaseRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const deps: bc.BusinessCaseDeps = { today: () => todayInNetherlands() };

  // --- The view --------------------------------------------------------------------------------------------

  app.get(
    '/businesscase',
    {
      schema: {
        tags,
        summary: 'The business case per intervention type for a period: costs, likely avoided costs, ratio',
        description:
          'Avoided costs are a range: quantity × the price indexed to the last year of the period × the probability ' +
          "range of the worker's confidence, widened by the uncertainty of the price's source. Every assumption is " +
          'in the answer; with scenarioId, the assumptions of that scenario copy are used. Without persons:read, ' +
          'figures on fewer than 5 households (risks: outcomes) are null with suppressed: true, and so is a figure ' +
          'from which such a figure could be worked out; the CSV and PDF print <5.',
        querystring: BusinessCaseQuery,
        response: { 200: BusinessCaseViewSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...VIEWERS);
      return bc.viewBusinessCase(db, ctx, req.query);
    },
  );

  app.get(
    '/businesscase.csv',
    {
      schema: {
        tags,
        summary: 'The business case as CSV, with every assumption below the figures',
        querystring: BusinessCaseQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireAny(req, ...VIEWERS);
      const csv = await bc.exportBusinessCaseCsv(db, ctx, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="businesscase-${req.query.from}-${req.query.to}.csv"`,
        )
        .send(csv);
    },
  );

  app.get(
    '/businesscase.pdf',
    {
      schema: {
        tags,
        summary: 'The business case as accessible tagged PDF (nl or en)',
        querystring: BusinessCaseQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireAny(req, ...VIEWERS);
      const pdf = await bc.exportBusinessCasePdf(db, ctx, req.query);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="businesscase-${req.query.from}-${req.query.to}.pdf"`,
        )
        .send(pdf);
    },
  );

  // --- Price list ------------------------------------------------------------------------------------------

  app.get(
    '/prijslijsten',
    {
      schema: {
        tags,
        summary: 'The versions of the societal price list, newest first',
        response: { 200: z.array(PriceListSummarySchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...READERS);
      return bc.listPriceLists(db, ctx);
    },
  );

  app.post(
    '/prijslijsten',
    {
      schema: {
        tags,
        summary: 'Save a new version of the price list (versions never change afterwards)',
        description: 'An item without source is refused with code bron_ontbreekt for that item.',
        body: PriceListBody,
        response: { 201: PriceListVersionSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return reply.code(201).send(await bc.createPriceList(db, ctx, req.body));
    },
  );

  app.post(
    '/prijslijsten/import',
    {
      schema: {
        tags,
        summary: 'Import a new version of the price list from CSV',
        description:
          'Header: code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid. All lines or none, or with ' +
          'keepValidLines the valid lines; every problem is named by line and column.',
        body: PriceListImportBody,
        response: { 201: PriceListImportResultSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return reply.code(201).send(await bc.importPriceList(db, ctx, req.body));
    },
  );

  app.get(
    '/prijslijsten/:id',
    {
      schema: {
        tags,
        summary: 'One version of the price list with its items',
        params: IdParams,
        response: { 200: PriceListVersionSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...READERS);
      return bc.getPriceList(db, ctx, req.params.id);
    },
  );

  // --- Assumptions and scenarios ---------------------------------------------------------------------------

  app.get(
    '/businesscase/aannames',
    {
      schema: {
        tags,
        summary: 'The assumptions of the municipality: hourly rate, probability ranges, price uncertainty',
        response: { 200: SettingsSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...READERS);
      return bc.getSettings(db, ctx);
    },
  );

  app.put(
    '/businesscase/aannames',
    {
      schema: {
        tags,
        summary: 'Change the assumptions of the municipality',
        body: SettingsBody,
        response: { 200: SettingsSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return bc.updateSettings(db, ctx, req.body);
    },
  );

  app.get(
    '/businesscase-scenarios',
    {
      schema: {
        tags,
        summary: 'The scenario copies of the assumptions',
        response: { 200: z.array(ScenarioSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...VIEWERS);
      return bc.listScenarios(db, ctx);
    },
  );

  app.post(
    '/businesscase-scenarios',
    {
      schema: {
        tags,
        summary:
          'Copy the assumptions in force into a scenario, to change them without touching the real ones',
        body: ScenarioBody,
        response: { 201: ScenarioSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return reply.code(201).send(await bc.createScenario(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/businesscase-scenarios/:id',
    {
      schema: {
        tags,
        summary: 'One scenario',
        params: IdParams,
        response: { 200: ScenarioSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...VIEWERS);
      return bc.getScenario(db, ctx, req.params.id);
    },
  );

  app.put(
    '/businesscase-scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Change the name or any assumption of a scenario',
        params: IdParams,
        body: ScenarioPatchBody,
        response: { 200: ScenarioSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return bc.updateScenario(db, ctx, req.params.id, req.body);
    },
  );

  // --- Interventions and outcomes --------------------------------------------------------------------------

  app.get(
    '/interventies',
    {
      schema: {
        tags,
        summary: 'Interventions with their outcomes, newest first (optionally of one household)',
        querystring: InterventionListQuery,
        response: { 200: z.array(InterventionSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'interventions:manage');
      return bc.listInterventions(db, ctx, req.query);
    },
  );

  app.post(
    '/interventies',
    {
      schema: {
        tags,
        summary: 'Record an intervention with its costs (money and professional hours)',
        body: InterventionBody,
        response: { 201: InterventionSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'interventions:manage');
      return reply.code(201).send(await bc.recordIntervention(db, ctx, deps, req.body));
    },
  );

  app.post(
    '/interventies/:id/uitkomsten',
    {
      schema: {
        tags,
        summary: "Record a risk the intervention likely avoided, with the worker's judgement and confidence",
        params: IdParams,
        body: OutcomeBody,
        response: { 201: InterventionSchema, ...itemErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'interventions:manage');
      return reply.code(201).send(await bc.recordOutcome(db, ctx, deps, req.params.id, req.body));
    },
  );

  // --- "Wat werkt" -----------------------------------------------------------------------------------------

  app.get(
    '/wat-werkt',
    {
      schema: {
        tags,
        summary: 'The "wat werkt" catalogue with local results of the last twelve months',
        response: { 200: z.array(WhatWorksSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...READERS);
      return bc.listWhatWorks(db, ctx, deps);
    },
  );

  app.post(
    '/wat-werkt',
    {
      schema: {
        tags,
        summary: 'Add an approach to the catalogue',
        body: WhatWorksBody,
        response: { 201: WhatWorksSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return reply.code(201).send(await bc.createWhatWorks(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/wat-werkt/export',
    {
      schema: {
        tags,
        summary: 'The export file of the own catalogue entries, for another municipality to import',
        description:
          'Results on fewer than 5 households are left out (results: null), whoever exports the file.',
        response: { 200: WhatWorksFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireAny(req, ...VIEWERS);
      const file = await bc.exportWhatWorks(db, ctx, deps);
      return reply.header('content-disposition', 'attachment; filename="wat-werkt.json"').send(file);
    },
  );

  app.post(
    '/wat-werkt/import',
    {
      schema: {
        tags,
        summary: "Import another municipality's catalogue file; entries already imported are skipped",
        body: WhatWorksFileSchema,
        response: { 200: WhatWorksImportResultSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'businesscase:manage');
      return bc.importWhatWorks(db, ctx, req.body);
    },
  );
}
