// The debt-help trajectory (Wgs, NVVK phases, DDAS schuldhulpverlening v1.0): request and response schemas shared
// by the server (validation, OpenAPI) and the web. Field names of phase records follow DDAS SHV, so a form, the
// API and the export say the same thing.
import { z } from 'zod';
import {
  DEBT_STATUSES,
  SHV_BEGELEIDINGSSOORTEN,
  SHV_BESCHIKKINGSSOORTEN,
  SHV_CLOCK_STATES,
  SHV_CLOCKS,
  SHV_OPLOSSINGSSOORTEN,
  SHV_PERIOD_KINDS,
  SHV_PHASES,
  SHV_SCHULDENSOORTEN,
  SHV_THREAT_KINDS,
  SHV_UITSTROOMREDENEN,
} from '../ddas-shv.ts';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const OptionalDate = IsoDate.nullable().optional();
const Note = z.string().trim().max(2000);
const Version = z
  .number()
  .int()
  .min(1)
  .describe(
    'The version of the trajectory as last read; a stale version answers 409 (someone else changed it)',
  );
/** Amounts in euro cents; never negative. Up to a billion euros. */
const Cents = z
  .number()
  .int('An amount is a whole number of cents.')
  .min(0, 'An amount cannot be negative.')
  .max(100_000_000_000);

const UserRef = z.object({ id: z.uuid(), name: z.string() });

// --- Clocks ----------------------------------------------------------------------------------------------

export const ClockSchema = z
  .object({
    clock: z.enum(SHV_CLOCKS),
    periodId: z.uuid().nullable(),
    startedOn: z.string(),
    due: z.string(),
    metOn: z.string().nullable(),
    state: z.enum(SHV_CLOCK_STATES),
  })
  .meta({ id: 'SchuldhulpKlok' });
export type ClockDto = z.infer<typeof ClockSchema>;

// --- Debts -----------------------------------------------------------------------------------------------

export const DebtSchema = z
  .object({
    id: z.uuid(),
    creditorName: z.string(),
    creditorKvk: z.string().nullable(),
    creditorPostcode: z.string().nullable(),
    creditorIsPrivate: z.boolean(),
    schuldsoort: z.enum(SHV_SCHULDENSOORTEN),
    isBusiness: z.boolean(),
    originalCents: z.number().int(),
    currentCents: z.number().int(),
    status: z.enum(DEBT_STATUSES),
    establishedOn: z.string(),
    reference: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Schuld' });
export type DebtDto = z.infer<typeof DebtSchema>;

const Total = z.object({
  count: z.number().int(),
  originalCents: z.number().int(),
  currentCents: z.number().int(),
});
export const DebtTotalsSchema = z
  .object({
    perSoort: z.object({ Zorg: Total, Publiek: Total, Nuts: Total, Overig: Total }),
    total: Total,
  })
  .meta({ id: 'SchuldTotalen' });
export type DebtTotals = z.infer<typeof DebtTotalsSchema>;

const KvK = z.string().regex(/^[0-9]{8}$/, 'A KvK number has 8 digits.');
const Postcode = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'A postcode is 4 digits and 2 letters.'));

export const DebtBody = z.strictObject({
  creditorName: z.string().trim().min(1).max(200),
  creditorKvk: KvK.nullable().optional(),
  creditorPostcode: Postcode.nullable().optional(),
  creditorIsPrivate: z.boolean().default(false).describe('A private person: the name is never exported'),
  schuldsoort: z.enum(SHV_SCHULDENSOORTEN),
  isBusiness: z.boolean().default(false),
  originalCents: Cents.describe('The amount when the debt was established, in cents'),
  currentCents: Cents.optional().describe('Default: the original amount'),
  status: z.enum(DEBT_STATUSES).default('in_inventarisatie'),
  establishedOn: IsoDate.optional().describe('DDAS peildatum; default today'),
  reference: z.string().trim().max(100).nullable().optional(),
});
export type DebtBody = z.infer<typeof DebtBody>;

export const DebtPatchBody = z.strictObject({
  version: z.number().int().min(1).describe('The version of the debt as last read'),
  creditorName: z.string().trim().min(1).max(200).optional(),
  schuldsoort: z.enum(SHV_SCHULDENSOORTEN).optional(),
  currentCents: Cents.optional(),
  status: z.enum(DEBT_STATUSES).optional(),
  reference: z.string().trim().max(100).nullable().optional(),
});
export type DebtPatchBody = z.infer<typeof DebtPatchBody>;

export const DebtImportBody = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(500_000)
    .describe(
      'The debt list as CSV text (; or , separated) with a header: schuldeiser, soort, oorspronkelijk_bedrag and ' +
        'optionally huidig_bedrag, status, peildatum, kvk, postcode, prive, zakelijk, kenmerk',
    ),
});

export const ImportProblemSchema = z.object({
  row: z.number().int().describe('Line number in the file (the header is line 1)'),
  column: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
});
export const DebtImportResultSchema = z
  .object({
    imported: z.number().int(),
    rejected: z.array(ImportProblemSchema),
    totals: DebtTotalsSchema,
  })
  .meta({ id: 'SchuldenImport' });

// --- Periods (crisis interventions, moratoria, voorlopige voorzieningen, begeleiding) ---------------------

export const PeriodSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(SHV_PERIOD_KINDS),
    startOn: z.string(),
    endOn: z.string().nullable(),
    requestedOn: z.string().nullable(),
    approvedOn: z.string().nullable(),
    begeleidingssoort: z.enum(SHV_BEGELEIDINGSSOORTEN).nullable(),
  })
  .meta({ id: 'SchuldhulpPeriode' });

const PeriodDates = {
  version: Version,
  startdatum: IsoDate,
  einddatum: OptionalDate,
};
export const PeriodBody = z.discriminatedUnion('soort', [
  z.strictObject({ soort: z.literal('crisisinterventie'), ...PeriodDates }),
  z.strictObject({
    soort: z.literal('moratorium'),
    ...PeriodDates,
    datumAanvraag: OptionalDate.describe('The request to the court (Fw art. 287b)'),
    datumGoedkeuring: OptionalDate,
  }),
  z.strictObject({ soort: z.literal('voorlopige_voorziening'), ...PeriodDates }),
  z.strictObject({
    soort: z.literal('begeleiding'),
    ...PeriodDates,
    begeleidingssoort: z.enum(SHV_BEGELEIDINGSSOORTEN),
  }),
]);
export type PeriodBody = z.infer<typeof PeriodBody>;

export const PeriodPatchBody = z.strictObject({
  version: Version,
  einddatum: IsoDate.nullable().describe('The end of the period; null while it runs'),
  datumGoedkeuring: OptionalDate,
});
export type PeriodPatchBody = z.infer<typeof PeriodPatchBody>;

// --- Phases ----------------------------------------------------------------------------------------------

const StartEnd = { version: Version, startdatum: IsoDate, einddatum: OptionalDate };
export const PhaseBody = z.discriminatedUnion('fase', [
  z.strictObject({
    fase: z.literal('aanmelding'),
    version: Version,
    crisisinterventie: z.boolean().describe('DDAS aanmelding.crisisinterventie'),
    einddatum: OptionalDate,
  }),
  z.strictObject({ fase: z.literal('informatieEnAdvies'), ...StartEnd }),
  z.strictObject({
    fase: z.literal('intake'),
    ...StartEnd,
    startdatum: IsoDate.describe('The first conversation (stops the Wgs clock)'),
  }),
  z.strictObject({
    fase: z.literal('beschikking'),
    version: Version,
    datum: IsoDate,
    soort: z.enum(SHV_BESCHIKKINGSSOORTEN),
  }),
  z.strictObject({ fase: z.literal('planVanAanpak'), version: Version, datumAfronding: IsoDate }),
  z.strictObject({ fase: z.literal('stabilisatie'), ...StartEnd }),
  z.strictObject({
    fase: z.literal('oplossing'),
    ...StartEnd,
    soort: z.enum(SHV_OPLOSSINGSSOORTEN),
    vtlbCents: Cents.nullable().optional().describe('Vrij te laten bedrag per month, in cents'),
  }),
  z.strictObject({
    fase: z.literal('schuldregeling'),
    version: Version,
    datum: IsoDate.describe('Submitted on'),
    toegekend: OptionalDate,
    afgewezen: OptionalDate,
    ingetrokken: OptionalDate,
    dwangakkoord: z.boolean().default(false).describe('A dwangakkoord (Fw art. 287a) was requested'),
    datumVerzoekDwangakkoord: OptionalDate,
  }),
  z.strictObject({ fase: z.literal('nazorg'), ...StartEnd }),
  z.strictObject({
    fase: z.literal('uitstroom'),
    version: Version,
    datum: IsoDate,
    reden: z.enum(SHV_UITSTROOMREDENEN).describe('DDAS EnumUitstroomreden; required'),
    omschrijving: Note.nullable().optional(),
    datumBeeindigingsbeschikking: OptionalDate,
  }),
]);
export type PhaseBody = z.infer<typeof PhaseBody>;

// --- The trajectory --------------------------------------------------------------------------------------

export const NewTrajectoryBody = z.strictObject({
  householdCaseId: z.uuid().describe('The open household case (household_cases) the trajectory belongs to'),
  requestedOn: IsoDate.optional().describe('The help request (aanmelding); default today'),
  threatening: z
    .boolean()
    .describe('Threatening situation: the first conversation within 3 working days instead of 4 weeks'),
  threatKind: z.enum(SHV_THREAT_KINDS).nullable().optional(),
  crisisinterventie: z.boolean().default(false),
  clientPersonIds: z
    .array(z.uuid())
    .min(1)
    .max(2)
    .optional()
    .describe('One or two residents of the household (DDAS client); default the head and the partner'),
  counsellorId: z.uuid().nullable().optional().describe('The schuldhulpverlener; default the caller'),
  note: Note.nullable().optional(),
});
export type NewTrajectoryBody = z.infer<typeof NewTrajectoryBody>;

export const AssignCounsellorBody = z.strictObject({
  version: Version,
  counsellorId: z.uuid(),
});

export const TrajectoryListQuery = z.strictObject({
  fase: z.enum(SHV_PHASES).optional(),
  klok: z.enum(['overdue', 'due_soon']).optional().describe('Only trajectories with a clock in this state'),
  mine: z.enum(['true', 'false']).optional().describe('Only the caller’s own caseload'),
  householdCaseId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TrajectoryListQuery = z.infer<typeof TrajectoryListQuery>;

export const ClientSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  geboortedatum: z.string(),
  bsn: z.string().nullable().describe('Only for roles that may see a BSN'),
});

export const TrajectorySummarySchema = z
  .object({
    id: z.uuid(),
    householdCaseId: z.uuid(),
    householdId: z.uuid().nullable(),
    clients: z.array(z.object({ personId: z.uuid(), name: z.string() })),
    phase: z.enum(SHV_PHASES),
    requestedOn: z.string(),
    isThreatening: z.boolean(),
    crisis: z.boolean(),
    counsellor: UserRef.nullable(),
    /** The most urgent open clock. */
    nextClock: ClockSchema.nullable(),
    clocksMetLate: z
      .array(z.enum(SHV_CLOCKS))
      .describe('Clocks that were met after their due day (shown as a violation afterwards)'),
    debtCurrentCents: z.number().int(),
    uitstroomOn: z.string().nullable(),
  })
  .meta({ id: 'SchuldhulptrajectSamenvatting' });

export const TrajectorySchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    householdCaseId: z.uuid(),
    householdId: z.uuid().nullable(),
    meldingId: z.uuid().nullable(),
    phase: z.enum(SHV_PHASES),
    counsellor: UserRef.nullable(),
    clients: z.array(ClientSchema),
    aanmelding: z.object({
      startdatum: z.string(),
      einddatum: z.string().nullable(),
      crisisinterventie: z.boolean(),
      isThreatening: z.boolean(),
      threatKind: z.enum(SHV_THREAT_KINDS).nullable(),
    }),
    informatieEnAdvies: z.object({ startdatum: z.string().nullable(), einddatum: z.string().nullable() }),
    intake: z.object({
      startdatum: z.string().nullable(),
      einddatum: z.string().nullable(),
      beschikkingsdatum: z.string().nullable(),
      beschikkingssoort: z.enum(SHV_BESCHIKKINGSSOORTEN).nullable(),
    }),
    planVanAanpak: z.object({ datumAfronding: z.string().nullable() }),
    stabilisatie: z.object({ startdatum: z.string().nullable(), einddatum: z.string().nullable() }),
    oplossing: z.object({
      soort: z.enum(SHV_OPLOSSINGSSOORTEN).nullable(),
      startdatum: z.string().nullable(),
      einddatum: z.string().nullable(),
      vtlbCents: z.number().int().nullable(),
    }),
    schuldregeling: z.object({
      datum: z.string().nullable(),
      toegekend: z.string().nullable(),
      afgewezen: z.string().nullable(),
      ingetrokken: z.string().nullable(),
      dwangakkoord: z.boolean(),
      datumVerzoekDwangakkoord: z.string().nullable(),
    }),
    nazorg: z.object({ startdatum: z.string().nullable(), einddatum: z.string().nullable() }),
    uitstroom: z.object({
      datum: z.string().nullable(),
      reden: z.enum(SHV_UITSTROOMREDENEN).nullable(),
      omschrijving: z.string().nullable(),
      datumBeeindigingsbeschikking: z.string().nullable(),
    }),
    periods: z.array(PeriodSchema),
    clocks: z.array(ClockSchema),
    debts: z.array(DebtSchema),
    debtTotals: DebtTotalsSchema,
    note: z.string().nullable(),
  })
  .meta({ id: 'Schuldhulptraject' });
export type TrajectoryDto = z.infer<typeof TrajectorySchema>;

export const ReminderSchema = z
  .object({
    id: z.uuid(),
    trajectoryId: z.uuid(),
    clock: z.enum(SHV_CLOCKS),
    kind: z.enum(['due_soon', 'overdue']),
    dueOn: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'SchuldhulpHerinnering' });

export const DebtHelpSettingsSchema = z
  .object({
    decisionWeeks: z
      .number()
      .int()
      .min(1)
      .max(26)
      .describe('Term of the decision after the first conversation'),
    dueSoonWorkingDays: z.number().int().min(0).max(30),
  })
  .meta({ id: 'SchuldhulpInstellingen' });
export const DebtHelpSettingsBody = DebtHelpSettingsSchema.strict();
