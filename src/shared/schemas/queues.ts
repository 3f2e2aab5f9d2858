import { z } from 'zod';

// --- Work queues (werkbakjes) ----------------------------------------------------------------------------

export const WORK_QUEUE_KINDS = ['regulier', 'crisis', 'matching'] as const;
export type WorkQueueKind = (typeof WORK_QUEUE_KINDS)[number];

const Name = z.string().trim().min(1).max(200);
const TargetWorkingDays = z
  .number()
  .int()
  .min(1)
  .max(365)
  .describe('Working days within which a melding in this queue should be picked up');

export const WorkQueueSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(WORK_QUEUE_KINDS),
    teamId: z.uuid().nullable(),
    targetWorkingDays: z.number().int(),
  })
  .meta({ id: 'WorkQueue' });
export type WorkQueue = z.infer<typeof WorkQueueSchema>;

export const WorkQueueCreateBody = z.strictObject({
  name: Name,
  kind: z.enum(WORK_QUEUE_KINDS).optional().describe('Default regulier'),
  teamId: z.uuid().nullable().optional().describe('A team of the active municipality'),
  targetWorkingDays: TargetWorkingDays.optional().describe('Default 10'),
});
export type WorkQueueCreate = z.infer<typeof WorkQueueCreateBody>;

export const WorkQueuePatchBody = z.strictObject({
  name: Name.optional(),
  kind: z.enum(WORK_QUEUE_KINDS).optional(),
  teamId: z.uuid().nullable().optional().describe('null removes the team'),
  targetWorkingDays: TargetWorkingDays.optional(),
});
export type WorkQueuePatch = z.infer<typeof WorkQueuePatchBody>;

// --- Wijk postcode ranges ----------------------------------------------------------------------------------

/** A PC4 (`1234`) or PC6 (`1234AB`) postcode, upper case without spaces. */
export const POSTCODE_RANGE_PATTERN = /^[1-9][0-9]{3}([A-Z]{2})?$/;
export const MAX_POSTCODE_RANGES_PER_WIJK = 2000;

/** Upper case without spaces: `1234 ab` becomes `1234AB`. */
export function normalisePostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

const RangeEnd = z
  .string()
  .max(20)
  .transform(normalisePostcode)
  .pipe(z.string().regex(POSTCODE_RANGE_PATTERN, 'A PC4 (1234) or PC6 (1234AB) postcode'));

export const PostcodeRangeSchema = z
  .object({ from: z.string(), to: z.string() })
  .meta({ id: 'PostcodeRange', description: 'Inclusive; both ends PC4 or both PC6' });
export type PostcodeRange = z.infer<typeof PostcodeRangeSchema>;

export const WijkPostcodeRangesSchema = z
  .object({ wijkId: z.uuid(), ranges: z.array(PostcodeRangeSchema) })
  .meta({ id: 'WijkPostcodeRanges' });
export type WijkPostcodeRanges = z.infer<typeof WijkPostcodeRangesSchema>;

export const WijkPostcodeRangesBody = z.strictObject({
  ranges: z
    .array(z.strictObject({ from: RangeEnd, to: RangeEnd }))
    .max(MAX_POSTCODE_RANGES_PER_WIJK)
    .describe(
      'The complete new list of the wijk; replaces the current one. PC6 ranges take precedence over PC4 ' +
        'ranges, so a PC6 range may lie inside a PC4 range of another wijk; ranges of the same length may ' +
        'not overlap.',
    ),
});
export type WijkPostcodeRangesInput = z.infer<typeof WijkPostcodeRangesBody>;
