import { z } from 'zod';

// Feedback to signalling partners (terugmeldingen). The convenant lets a partner learn per signal only whether
// the municipality took it up and whether the resident accepted help: never a reason, never case details.

export const TerugmeldingSchema = z
  .object({
    signalId: z.uuid().describe('Our id of the signal, as answered when it was delivered'),
    externalId: z.string().nullable().describe("The partner's own id of the signal"),
    version: z.number().int().describe('Version of the signal (a changed resend is the next version)'),
    signalDate: z.string().describe('Date of the signal (YYYY-MM-DD)'),
    takenUp: z
      .boolean()
      .nullable()
      .describe('true: taken up; false: not taken up (no reason is given); null: not decided yet'),
    helpAccepted: z
      .boolean()
      .nullable()
      .describe('true: the resident accepted help; false: did not; null: not known (yet) or not to be told'),
    changedAt: z.string().describe('When this feedback last changed (ISO 8601); the list is ordered by it'),
  })
  .meta({ id: 'Terugmelding' });
export type Terugmelding = z.infer<typeof TerugmeldingSchema>;

export const TerugmeldingenQuery = z.strictObject({
  changedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only feedback that changed after this moment (ISO 8601 with offset); ignored with a cursor'),
  cursor: z.string().max(200).optional().describe('Opaque cursor from nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const TerugmeldingenPage = z.object({
  items: z.array(TerugmeldingSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe('Cursor of the next page; when null, keep the last changedAt and ask again later'),
});

/** The staff view of one partner's feedback, and its CSV download, share this query (no cursor in the CSV). */
export const PartnerTerugmeldingenQuery = TerugmeldingenQuery;

export const TERUGMELDING_CSV_COLUMNS = [
  'signalId',
  'externalId',
  'version',
  'signalDate',
  'takenUp',
  'helpAccepted',
  'changedAt',
] as const;
