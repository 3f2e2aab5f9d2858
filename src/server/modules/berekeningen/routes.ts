import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { REGEL_INPUTS, REGEL_RESULTS, REGELS, type Regel } from '../../../shared/schemas/berekeningen.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import type { RegelInput } from './rules/index.ts';
import { calculateRule } from './service.ts';

const tags = ['Berekeningen'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

const SUMMARIES: Record<Regel, string> = {
  'beslagvrije-voet': 'Compute the beslagvrije voet (Rv art. 475ab-475i) with its explanation',
  bijstandsnorm: 'Compute the bijstandsnorm (Participatiewet art. 20-22a) with its explanation',
  zorgtoeslag: 'Compute the zorgtoeslag per month and year with its explanation',
  huurtoeslag: 'Compute the huurtoeslag (2025 or 2026 system) with its explanation',
  'kindgebonden-budget': 'Compute the kindgebonden budget per month and year with its explanation',
};

/** POST /berekeningen/<regel>: one route per rule, so each has its own input and result schema in OpenAPI. */
export async function berekeningenRoutes(base: FastifyInstance, _deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
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
        return calculateRule(ctx, regel, req.body as RegelInput<typeof regel>);
      },
    );
  }
}
