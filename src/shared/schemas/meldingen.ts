import { z } from 'zod';
import { DDAS_SIGNAALPARTNERS, DDAS_SIGNAALSTATUSSEN } from '../ddas.ts';
import { LEGAL_HOLD_REASONS } from './retention.ts';
import { ExplanationItemSchema } from './rules.ts';
import { SignalFieldsSchema, SignalInputSchema } from './signals.ts';

export const IntakeBatchBody = z
  .strictObject({
    gemeentecode: z
      .string()
      .regex(/^\d{4}$/)
      .optional()
      .describe(
        'CBS gemeentecode the signals are meant for; must be the municipality of the partner agreement',
      ),
    signalen: z
      .array(z.unknown())
      .min(1)
      .max(1000)
      .describe('Signals (SignalInput); each is validated on its own'),
  })
  .meta({ id: 'IntakeBatch' });

export const FieldErrorSchema = z.object({ field: z.string(), code: z.string(), message: z.string() });

export const IntakeResultSchema = z.object({
  index: z.number().int(),
  outcome: z.enum(['accepted', 'duplicate', 'rejected']),
  id: z.uuid().optional(),
  version: z.number().int().optional(),
  duplicateOf: z.uuid().optional(),
  errors: z.array(FieldErrorSchema).optional(),
});

export const IntakeResponseSchema = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    results: z.array(IntakeResultSchema),
  })
  .meta({ id: 'IntakeResponse' });

export const ManualSignalBody = z
  .strictObject({
    partnerId: z.uuid().optional().describe('The partner this signal came from (by phone, letter)'),
    signal: SignalInputSchema,
  })
  .meta({ id: 'ManualSignal' });

export const ReferralBody = z
  .strictObject({
    referralSourceId: z.uuid(),
    referrerName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('Name and organisation of the person who refers'),
    reason: z.string().trim().min(1).max(2000),
    person: SignalFieldsSchema.pick({
      bsn: true,
      voornamen: true,
      voorletters: true,
      voorvoegsel: true,
      achternaam: true,
      geboortedatum: true,
      straat: true,
      huisnummer: true,
      huisletter: true,
      toevoeging: true,
      postcode: true,
      woonplaats: true,
      telefoon: true,
      email: true,
    }),
    amountCents: z.number().int().min(0).max(100_000_000).optional(),
    warmHandover: z.boolean().default(false),
  })
  .meta({ id: 'Referral' });

const MatchStatus = z.enum([
  'pending',
  'matched',
  'moved_out',
  'deceased',
  'not_found',
  'ambiguous',
  'business',
]);

export const SignalViewSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(['api', 'bestand', 'handmatig', 'verwijzing']),
    partnerId: z.uuid().nullable(),
    partnerName: z.string().nullable(),
    partnerType: z.enum(DDAS_SIGNAALPARTNERS).nullable(),
    externalId: z.string().nullable(),
    version: z.number().int(),
    naam: z.string(),
    geboortedatum: z.string().nullable(),
    adres: z.string().nullable(),
    amountCents: z.number().int(),
    signalDate: z.string(),
    arrearsSince: z.string().nullable(),
    isCrisis: z.boolean(),
    flags: z.array(z.enum(['endOfSupply', 'evictionAnnounced', 'insuranceTermination', 'warmHandover'])),
    remark: z.string().nullable(),
    matchStatus: MatchStatus,
    matchScore: z.number().nullable(),
    matchReasons: z.array(z.string()),
    personId: z.uuid().nullable(),
    householdId: z.uuid().nullable(),
    ddasStatus: z.enum(DDAS_SIGNAALSTATUSSEN),
    statusReason: z.string().nullable(),
    relatedSignalId: z.uuid().nullable(),
    meldingId: z.uuid().nullable(),
  })
  .meta({ id: 'Signal' });

export const MeldingSummarySchema = z
  .object({
    id: z.uuid(),
    periodStart: z.string(),
    status: z.enum(['open', 'in_behandeling', 'afgesloten']),
    queueId: z.uuid().nullable(),
    queueName: z.string().nullable(),
    priority: z.number().int(),
    deadline: z.string().nullable(),
    contactStrategy: z.string().nullable(),
    isCrisis: z.boolean(),
    enkelvoudig: z.boolean(),
    meervoudig: z.boolean(),
    opeenvolgend: z.boolean(),
    knownToShv: z.boolean(),
    partnerTypes: z.array(z.string()),
    totalAmountCents: z.number().int(),
    signalCount: z.number().int(),
    wijkId: z.uuid().nullable(),
    youngestAdultAge: z.number().int().nullable(),
    hasMinorChildren: z.boolean(),
  })
  .meta({ id: 'MeldingSummary' });

export const MeldingDetailSchema = MeldingSummarySchema.extend({
  householdId: z.uuid().nullable(),
  ruleSetId: z.uuid().nullable(),
  ruleVersion: z.number().int().nullable(),
  ruleExplanation: z.array(ExplanationItemSchema),
  signals: z.array(SignalViewSchema),
  legalHold: z
    .object({ reason: z.enum(LEGAL_HOLD_REASONS), setAt: z.string() })
    .nullable()
    .describe('The legal hold (bewaarplicht) that keeps the melding from deletion, if one is set'),
}).meta({ id: 'MeldingDetail' });

const csv = <T extends string>(inner: z.ZodEnum<Record<T, T>>) =>
  z
    .string()
    .max(2000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(inner));

export const MeldingListQuery = z.strictObject({
  status: z.enum(['open', 'in_behandeling', 'afgesloten']).optional(),
  queueId: z.uuid().optional(),
  wijkId: z.uuid().optional(),
  partnerType: csv(z.enum(DDAS_SIGNAALPARTNERS)).optional().describe('Comma-separated DDAS partner types'),
  minAmountCents: z.coerce.number().int().min(0).optional(),
  maxAmountCents: z.coerce.number().int().min(0).optional(),
  minAge: z.coerce.number().int().min(0).max(130).optional(),
  maxAge: z.coerce.number().int().min(0).max(130).optional(),
  flags: csv(z.enum(['crisis', 'meervoudig', 'opeenvolgend', 'enkelvoudig', 'knownToShv', 'minorChildren']))
    .optional()
    .describe('Comma-separated; all must hold'),
  sort: z.enum(['priority', 'deadline', 'amount']).default('priority'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ManualMatchBody = z
  .strictObject({ personId: z.uuid().nullable().describe('The BRP person; null to mark as no resident') })
  .meta({ id: 'ManualMatch' });

export const MatchCandidateViewSchema = z.object({
  personId: z.uuid(),
  score: z.number(),
  reasons: z.array(z.string()),
  naam: z.string(),
  geboortedatum: z.string(),
  adres: z.string(),
  brpStatus: z.enum(['ingeschreven', 'verhuisd', 'overleden']),
});

export const MatchingQueueItemSchema = z
  .object({ signal: SignalViewSchema, candidates: z.array(MatchCandidateViewSchema) })
  .meta({ id: 'MatchingQueueItem' });

export const MatchingQueueQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
