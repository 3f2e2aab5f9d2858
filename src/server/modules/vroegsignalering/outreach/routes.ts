import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../../shared/problem.ts';
import { IdParams, page } from '../../../../shared/schemas/common.ts';
import {
  ContactCardBody,
  ContactCardSchema,
  LetterBatchSchema,
  LetterBody,
  MessageBody,
  MessageListQuery,
  OutreachMessageSchema,
  OutreachPreviewBody,
  OutreachPreviewSchema,
  OutreachSettingsBody,
  OutreachSettingsSchema,
  OutreachTemplateCreateBody,
  OutreachTemplateSchema,
  OutreachTemplateUpdateBody,
  QueueLettersBody,
} from '../../../../shared/schemas/outreach.ts';
import { requireUser } from '../../../http/guard.ts';
import { problems } from '../../../http/problem.ts';
import type { Deps } from '../../../http/types.ts';
import * as outreach from './service.ts';

const tags = ['Vroegsignalering: brieven en berichten'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

export async function outreachRoutes(base: FastifyInstance, { config, database, jobs }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;

  /** Templates are read by those who write to residents and by those who edit them. */
  const templateReader = (req: Parameters<typeof requireUser>[0]) => {
    const { ctx } = requireUser(req);
    const p = ctx.actor.permissions;
    if (!p.has('outreach:manage') && !p.has('outreach_templates:manage')) throw problems.forbidden();
    return ctx;
  };

  // --- Templates and settings ----------------------------------------------------------------------------------

  app.get(
    '/berichtsjablonen',
    {
      schema: {
        tags,
        summary: 'Letter, card, e-mail and text-message templates of the active municipality',
        response: { 200: z.object({ items: z.array(OutreachTemplateSchema) }), ...errors },
      },
    },
    async (req) => ({ items: await outreach.listTemplates(db, templateReader(req)) }),
  );

  app.post(
    '/berichtsjablonen',
    {
      schema: {
        tags,
        summary: 'Create a template (refused with the place of every error when the template is broken)',
        body: OutreachTemplateCreateBody,
        response: { 201: OutreachTemplateSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'outreach_templates:manage');
      return reply.code(201).send(await outreach.createTemplate(db, ctx, req.body));
    },
  );

  app.get(
    '/berichtsjablonen/:id',
    {
      schema: {
        tags,
        summary: 'One template',
        params: IdParams,
        response: { 200: OutreachTemplateSchema, ...itemErrors },
      },
    },
    async (req) => outreach.getTemplate(db, templateReader(req), req.params.id),
  );

  app.put(
    '/berichtsjablonen/:id',
    {
      schema: {
        tags,
        summary: 'Change a template (optimistic: send the version you edited)',
        params: IdParams,
        body: OutreachTemplateUpdateBody,
        response: { 200: OutreachTemplateSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach_templates:manage');
      return outreach.updateTemplate(db, ctx, req.params.id, req.body);
    },
  );

  app.delete(
    '/berichtsjablonen/:id',
    {
      schema: {
        tags,
        summary: 'Delete a template',
        params: IdParams,
        response: { 204: z.null(), ...itemErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'outreach_templates:manage');
      await outreach.deleteTemplate(db, ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/berichtsjablonen/voorbeeld',
    {
      schema: {
        tags,
        summary:
          'Live preview of a template with a fictitious resident: the text, or every error with its place',
        body: OutreachPreviewBody,
        response: { 200: OutreachPreviewSchema, ...errors },
      },
    },
    async (req) => outreach.previewTemplate(db, templateReader(req), req.body),
  );

  app.post(
    '/berichtsjablonen/voorbeeld-pdf',
    {
      schema: {
        tags,
        summary: 'Preview of a letter or card template as the real tagged PDF, with a fictitious resident',
        body: OutreachPreviewBody,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const pdf = await outreach.previewTemplatePdf(db, templateReader(req), req.body);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="voorbeeld.pdf"')
        .send(pdf);
    },
  );

  app.get(
    '/berichtinstellingen',
    {
      schema: {
        tags,
        summary: 'Sender, return address, appointment link and whether letters name partner types',
        response: { 200: OutreachSettingsSchema, ...errors },
      },
    },
    async (req) => outreach.getOutreachSettings(db, templateReader(req)),
  );

  app.put(
    '/berichtinstellingen',
    {
      schema: {
        tags,
        summary: 'Change the outreach settings',
        body: OutreachSettingsBody,
        response: { 200: OutreachSettingsSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach_templates:manage');
      return outreach.saveOutreachSettings(db, ctx, req.body);
    },
  );

  app.get(
    '/mijn-contactkaart',
    {
      schema: {
        tags,
        summary: 'My direct phone number and photo as residents see them in letters',
        response: { 200: ContactCardSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.getContactCard(db, ctx);
    },
  );

  app.put(
    '/mijn-contactkaart',
    {
      bodyLimit: 1_048_576,
      schema: {
        tags,
        summary: 'Set my direct phone number and photo',
        body: ContactCardBody,
        response: { 200: ContactCardSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.saveContactCard(db, ctx, req.body);
    },
  );

  // --- Letters ------------------------------------------------------------------------------------------------

  app.post(
    '/meldingen/:id/brieven',
    {
      schema: {
        tags,
        summary: 'Print a letter or card for one melding; registered as a contact attempt Brief/Kaartje',
        params: IdParams,
        body: LetterBody,
        response: { 200: LetterBatchSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.printLetterForMelding(db, ctx, req.params.id, req.body);
    },
  );

  app.post(
    '/werkbakjes/:id/brieven',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Print the letters of a werkbakje as one PDF sorted for posting; each is a contact attempt',
        description:
          'Idempotent per batchKey: a retried request returns the same batch and registers nothing again.',
        params: IdParams,
        body: QueueLettersBody,
        response: { 200: LetterBatchSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.printLettersForQueue(db, ctx, req.params.id, req.body);
    },
  );

  app.get(
    '/briefbatches/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The PDF of a print run (tagged, accessible), exactly as printed',
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      const { pdf, channel } = await outreach.getBatchPdf(db, ctx, req.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${channel === 'kaartje' ? 'kaartjes' : 'brieven'}.pdf"`,
        )
        .send(pdf);
    },
  );

  // --- E-mail, text messages and the message log --------------------------------------------------------------

  app.post(
    '/meldingen/:id/berichten',
    {
      schema: {
        tags,
        summary: 'Send an e-mail or text message; registered as a contact attempt when it is delivered',
        params: IdParams,
        body: MessageBody,
        response: { 200: OutreachMessageSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.sendMessage(database, config, jobs, ctx, req.params.id, req.body);
    },
  );

  app.get(
    '/berichten',
    {
      schema: {
        tags,
        summary: 'The message log: letters, cards, e-mails and text messages with their status, newest first',
        querystring: MessageListQuery,
        response: { 200: page(OutreachMessageSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.listMessages(db, ctx, req.query);
    },
  );

  app.post(
    '/berichten/:id/opnieuw',
    {
      schema: {
        tags,
        summary: 'Send a failed e-mail or text message again',
        params: IdParams,
        response: { 200: OutreachMessageSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'outreach:manage');
      return outreach.retryMessage(database, config, jobs, ctx, req.params.id);
    },
  );
}
