import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common.ts';
import { HouseholdSchema, PersonSchema, PersonSearchBody } from '../../../shared/schemas/persons.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { getHousehold, getPerson, searchPersons } from './service.ts';

const tags = ['BRP (personen en huishoudens)'];

export async function personRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/personen/zoeken',
    {
      schema: {
        tags,
        summary: 'Find residents by BSN or address (in the body: a BSN never goes in a URL)',
        body: PersonSearchBody,
        response: { 200: z.object({ items: z.array(PersonSchema) }) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'persons:read');
      return { items: await searchPersons(database.orm, ctx, req.body) };
    },
  );

  app.get(
    '/personen/:id',
    { schema: { tags, summary: 'One resident', params: IdParams, response: { 200: PersonSchema } } },
    async (req) => {
      const { ctx } = requireUser(req, 'persons:read');
      return getPerson(database.orm, ctx, req.params.id);
    },
  );

  app.get(
    '/huishoudens/:id',
    {
      schema: {
        tags,
        summary: 'A household with its members and address',
        params: IdParams,
        response: { 200: HouseholdSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'persons:read');
      return getHousehold(database.orm, ctx, req.params.id);
    },
  );
}
