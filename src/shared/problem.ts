import { z } from 'zod';

/** RFC 9457 problem details, with the field-level `invalidParams` of the NL API Design Rules. */
export const InvalidParamSchema = z.object({
  name: z.string().describe('Dotted path of the field, prefixed by where it was: body.email, query.limit'),
  code: z.string(),
  reason: z.string(),
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    invalidParams: z.array(InvalidParamSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;
export type InvalidParam = z.infer<typeof InvalidParamSchema>;
