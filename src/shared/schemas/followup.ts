// Follow-up of meldingen: work lists, assignment, contact attempts (DDAS), planned actions, deadlines, closing
// with a DDAS end result, quick-fix checks and warm handovers. Shared by the server (validation, OpenAPI) and web.
import { z } from 'zod';
import { DDAS_CONTACTSOORTEN, DDAS_EINDRESULTATEN, DDAS_SIGNAALSTATUSSEN } from '../ddas.ts';
import { MeldingSummarySchema, SignalViewSchema } from './meldingen.ts';
import { ExplanationItemSchema } from './rules.ts';

export const DDAS_DAGDELEN = ['Ochtend', 'Middag', 'Avond'] as const;
export type Dagdeel = (typeof DDAS_DAGDELEN)[number];

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Note = z.string().trim().max(2000);
const Version = z
  .number()
  .int()
  .min(1)
  .describe('The version of the melding as last read; a stale version answers 409 (someone else changed it)');

// --- Deadlines -------------------------------------------------------------------------------------------

export const DEADLINE_STATES = ['met', 'overdue', 'due_soon', 'on_track'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export const DeadlineSchema = z.object({
  due: z.string().describe('YYYY-MM-DD'),
  metOn: z.string().nullable(),
  state: z.enum(DEADLINE_STATES),
});

export const MeldingDeadlinesSchema = z
  .object({
    firstContact: DeadlineSchema,
    firstAnalysis: DeadlineSchema,
    /** The most urgent of the open deadlines: what a screen shows as the melding's signal. */
    state: z.enum(DEADLINE_STATES),
  })
  .meta({ id: 'MeldingDeadlines' });

const DayUnit = z.enum(['kalenderdagen', 'werkdagen']);

export const FollowupSettingsSchema = z
  .object({
    firstContactDays: z.number().int().min(1).max(365),
    firstContactUnit: DayUnit,
    firstAnalysisDays: z.number().int().min(1).max(365),
    firstAnalysisUnit: DayUnit,
    crisisWorkingDays: z.number().int().min(1).max(30),
    dueSoonWorkingDays: z.number().int().min(0).max(30),
    bevrijdingsdag: z
      .enum(['lustrum', 'always', 'never'])
      .describe('5 May is a day off only in lustrum years (Rijksoverheid), every year, or never'),
    extraClosingDays: z.array(IsoDate).max(100).describe('The municipality’s own closing days'),
  })
  .meta({ id: 'FollowupSettings' });
export type FollowupSettings = z.infer<typeof FollowupSettingsSchema>;

export const FollowupSettingsBody = z
  .strictObject({
    firstContactDays: z.number().int().min(1).max(365),
    firstContactUnit: DayUnit,
    firstAnalysisDays: z.number().int().min(1).max(365),
    firstAnalysisUnit: DayUnit,
    crisisWorkingDays: z.number().int().min(1).max(30),
    dueSoonWorkingDays: z.number().int().min(0).max(30),
    bevrijdingsdag: z.enum(['lustrum', 'always', 'never']),
    extraClosingDays: z.array(IsoDate).max(100),
  })
  .partial()
  .meta({ id: 'FollowupSettingsPatch' });

export const WorkCalendarSchema = z.object({
  year: z.number().int(),
  closedDays: z.array(z.string()).describe('Public holidays and closing days that are not working days'),
});

// --- Work lists (werkbakjes) -----------------------------------------------------------------------------

export const UserRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const WorkItemSchema = MeldingSummarySchema.extend({
  version: z.number().int(),
  assignedTo: UserRefSchema.nullable(),
  assignedAt: z.string().nullable(),
  takenUpOn: z.string().nullable(),
  eindresultaat: z.enum(DDAS_EINDRESULTATEN).nullable(),
  createdAt: z.string(),
  deadlines: MeldingDeadlinesSchema,
}).meta({ id: 'WorkItem' });

const csv = <T extends string>(inner: z.ZodEnum<Record<T, T>>) =>
  z
    .string()
    .max(2000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(inner));

export const WorkListQuery = z.strictObject({
  status: z
    .enum(['actief', 'open', 'in_behandeling', 'afgesloten'])
    .default('actief')
    .describe('actief: not closed (open and in behandeling)'),
  queueId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  wijkId: z.uuid().optional(),
  assigned: z
    .enum(['me', 'none', 'anyone'])
    .optional()
    .describe('me: assigned to the caller; none: nobody yet; anyone: assigned to somebody'),
  assigneeId: z.uuid().optional().describe('Assigned to this colleague'),
  deadline: z
    .enum(['overdue', 'due_soon'])
    .optional()
    .describe('overdue: a deadline has passed; due_soon: overdue or due within the due-soon working days'),
  flags: csv(z.enum(['crisis', 'meervoudig', 'opeenvolgend', 'knownToShv', 'minorChildren']))
    .optional()
    .describe('Comma-separated; all must hold'),
  sort: z.enum(['priority', 'deadline', 'amount']).default('priority'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const QueueCountSchema = z.object({
  queueId: z.uuid().nullable(),
  name: z.string().nullable(),
  kind: z.string().nullable(),
  teamId: z.uuid().nullable(),
  open: z.number().int(),
  inBehandeling: z.number().int(),
  unassigned: z.number().int(),
  mine: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
});

export const QueueOverviewSchema = z
  .object({
    queues: z.array(QueueCountSchema),
    totals: QueueCountSchema.omit({ queueId: true, name: true, kind: true, teamId: true }),
  })
  .meta({ id: 'QueueOverview' });

export const MyWorkSchema = z
  .object({
    assigned: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    actionsToday: z.number().int(),
    quickFixToConfirm: z.number().int(),
    next: z.array(WorkItemSchema).describe('The most urgent meldingen assigned to the caller'),
  })
  .meta({ id: 'MyWork' });

// --- Assignment ------------------------------------------------------------------------------------------

export const AssignBody = z
  .strictObject({
    version: Version,
    assigneeId: z
      .uuid()
      .nullable()
      .describe('A colleague who handles meldingen; null to put it back in the queue'),
    note: Note.optional().describe('For a handover: what the colleague needs to know'),
  })
  .meta({ id: 'Assign' });

export const BulkAssignBody = z
  .strictObject({
    items: z
      .array(z.strictObject({ id: z.uuid(), version: Version }))
      .min(1)
      .max(200),
    assigneeId: z.uuid().nullable(),
  })
  .meta({ id: 'BulkAssign' });

export const BulkAssignResultSchema = z.object({
  assigned: z.number().int(),
  items: z.array(z.object({ id: z.uuid(), version: z.number().int() })),
});

// --- Contact attempts and planned actions ---------------------------------------------------------------

export const ContactAttemptBody = z
  .strictObject({
    version: Version,
    soort: z.enum(DDAS_CONTACTSOORTEN).describe('DDAS EnumContactsoort'),
    datum: IsoDate,
    dagdeel: z.enum(DDAS_DAGDELEN).nullable().optional().describe('DDAS EnumDagdeel'),
    bereikt: z.boolean(),
    note: Note.optional(),
  })
  .meta({ id: 'ContactAttemptCreate' });

export const ContactAttemptSchema = z
  .object({
    id: z.uuid(),
    meldingId: z.uuid(),
    soort: z.enum(DDAS_CONTACTSOORTEN),
    datum: z.string(),
    dagdeel: z.enum(DDAS_DAGDELEN).nullable(),
    bereikt: z.boolean(),
    note: z.string().nullable(),
    createdBy: UserRefSchema.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ContactAttempt' });

export const PLANNED_ACTION_KINDS = [
  'terugbellen',
  'huisbezoek',
  'afspraak',
  'quick_fix_controle',
  'gemeente_informeren',
  'overig',
] as const;
export type PlannedActionKind = (typeof PLANNED_ACTION_KINDS)[number];

export const PlannedActionBody = z
  .strictObject({
    kind: z.enum(['terugbellen', 'huisbezoek', 'afspraak', 'overig']),
    plannedFor: IsoDate,
    dagdeel: z.enum(DDAS_DAGDELEN).nullable().optional(),
    assigneeId: z.uuid().optional().describe('Default: the caller'),
    note: Note.optional(),
  })
  .meta({ id: 'PlannedActionCreate' });

export const PlannedActionPatchBody = z
  .strictObject({
    status: z.enum(['gepland', 'gedaan', 'vervallen']).optional(),
    plannedFor: IsoDate.optional(),
    dagdeel: z.enum(DDAS_DAGDELEN).nullable().optional(),
    assigneeId: z.uuid().optional(),
    note: Note.optional(),
  })
  .meta({ id: 'PlannedActionPatch' });

export const PlannedActionSchema = z
  .object({
    id: z.uuid(),
    meldingId: z.uuid(),
    kind: z.enum(PLANNED_ACTION_KINDS),
    plannedFor: z.string(),
    dagdeel: z.enum(DDAS_DAGDELEN).nullable(),
    assignedTo: UserRefSchema.nullable(),
    note: z.string().nullable(),
    status: z.enum(['gepland', 'gedaan', 'vervallen']),
  })
  .meta({ id: 'PlannedAction' });

export const AgendaQuery = z.strictObject({
  from: IsoDate.optional().describe('Default today'),
  to: IsoDate.optional().describe('Default 14 days after from'),
  assigneeId: z.uuid().optional().describe('Default: the caller'),
});

export const AgendaItemSchema = PlannedActionSchema.extend({
  meldingStatus: z.enum(['open', 'in_behandeling', 'afgesloten']),
  isCrisis: z.boolean(),
  overdue: z.boolean().describe('Planned before today and not done'),
}).meta({ id: 'AgendaItem' });

export const RouteQuery = z.strictObject({
  datum: IsoDate.optional().describe('Default today'),
  assigneeId: z.uuid().optional().describe('Default: the caller'),
});

export const RouteStopSchema = z.object({
  actionId: z.uuid(),
  meldingId: z.uuid(),
  dagdeel: z.enum(DDAS_DAGDELEN).nullable(),
  naam: z.string(),
  adres: z.string(),
  postcode: z.string(),
  woonplaats: z.string(),
  isCrisis: z.boolean(),
  partnerTypes: z.array(z.string()),
  note: z.string().nullable(),
});

export const RouteListSchema = z
  .object({ datum: z.string(), assignee: UserRefSchema, stops: z.array(RouteStopSchema) })
  .meta({ id: 'HomeVisitRoute' });

// --- Closing ---------------------------------------------------------------------------------------------

export const QUICK_FIX = '(Budget)advies en/of quick fix' as const;

export const CloseBody = z
  .strictObject({
    version: Version,
    eindresultaat: z.enum(DDAS_EINDRESULTATEN).describe('DDAS EnumEindresultaat, verbatim'),
    note: Note.optional(),
    quickFixAcceptedOn: IsoDate.optional().describe(
      `For "${QUICK_FIX}": the day the resident accepted help; the 30-day check is counted from it`,
    ),
  })
  .meta({ id: 'CloseMelding' });

export const QuickFixCheckSchema = z
  .object({
    id: z.uuid(),
    meldingId: z.uuid(),
    acceptedOn: z.string(),
    dueOn: z.string(),
    status: z.enum(['gepland', 'te_bevestigen', 'opgelost', 'niet_opgelost']),
    assignedTo: UserRefSchema.nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'QuickFixCheck' });

export const QuickFixConfirmBody = z
  .strictObject({ solved: z.boolean().describe('Are the arrears solved?'), note: Note.optional() })
  .meta({ id: 'QuickFixConfirm' });

// --- Warm handover ---------------------------------------------------------------------------------------

export const HandoverBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('schuldhulp'),
      version: Version,
      threatening: z
        .boolean()
        .describe('Threatening situation (eviction, cut-off): first conversation within 3 working days'),
      requestedOn: IsoDate.optional().describe('Default today'),
      note: Note.optional(),
      close: z
        .boolean()
        .default(true)
        .describe('Close the melding with Vervolghulp en/of verwijzing financieel'),
    }),
    z.strictObject({
      kind: z.literal('regisseur'),
      version: Version,
      regisseurId: z
        .uuid()
        .optional()
        .describe('Needed when the household has no open case (with a regisseur) yet'),
      note: Note.optional(),
      close: z.boolean().default(true),
    }),
    z.strictObject({
      kind: z.literal('extern'),
      version: Version,
      organisation: z.string().trim().min(1).max(200),
      consentGivenOn: IsoDate.describe('The day the resident agreed to the referral'),
      consentNote: Note.optional(),
      financial: z.boolean().default(false).describe('Is the further help about money?'),
      note: Note.optional(),
      close: z.boolean().default(true),
    }),
  ])
  .meta({ id: 'Handover' });

export const HouseholdCaseSchema = z
  .object({
    id: z.uuid(),
    householdId: z.uuid().nullable(),
    regisseur: UserRefSchema.nullable(),
    status: z.enum(['open', 'gesloten']),
    openedAt: z.string(),
    openedFromMeldingId: z.uuid().nullable(),
  })
  .meta({ id: 'HouseholdCase' });

export const DebtHelpRequestSchema = z
  .object({
    id: z.uuid(),
    householdCaseId: z.uuid(),
    meldingId: z.uuid().nullable(),
    requestedOn: z.string(),
    isThreatening: z.boolean(),
    firstConversationDue: z.string(),
    firstConversationOn: z.string().nullable(),
    status: z.enum(['aangevraagd', 'in_behandeling', 'afgerond', 'ingetrokken']),
    overdue: z.boolean(),
  })
  .meta({ id: 'DebtHelpRequest' });

export const HandoverSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['schuldhulp', 'regisseur', 'extern']),
    householdCaseId: z.uuid().nullable(),
    debtHelpRequestId: z.uuid().nullable(),
    organisation: z.string().nullable(),
    consentGivenOn: z.string().nullable(),
    note: z.string().nullable(),
    createdBy: UserRefSchema.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'MeldingHandover' });

export const HandoverResultSchema = z.object({
  handover: HandoverSchema,
  householdCase: HouseholdCaseSchema.nullable(),
  householdCaseCreated: z.boolean(),
  debtHelpRequest: DebtHelpRequestSchema.nullable(),
  version: z.number().int(),
  status: z.enum(['open', 'in_behandeling', 'afgesloten']),
});

// --- Moves -----------------------------------------------------------------------------------------------

export const MoveCheckResultSchema = z
  .object({
    movedOut: z.boolean(),
    closed: z.boolean(),
    version: z.number().int(),
    informNewMunicipality: z
      .boolean()
      .describe('A task to inform the new municipality was added to the agenda of the worker'),
  })
  .meta({ id: 'MoveCheckResult' });

// --- The melding view ------------------------------------------------------------------------------------

export const NEXT_STEPS = [
  'claim',
  'first_contact',
  'try_again',
  'plan_home_visit',
  'analyse',
  'close',
  'confirm_quick_fix',
  'inform_new_municipality',
  'none',
] as const;

export const HouseholdMemberSchema = z.object({
  personId: z.string(),
  naam: z.string(),
  geboortedatum: z.string(),
  age: z.number().int().nullable(),
  isAdult: z.boolean(),
  brpStatus: z.enum(['ingeschreven', 'verhuisd', 'overleden']),
  inSignal: z.boolean().describe('A signal of this melding is about this person'),
});

export const EarlierMeldingSchema = z.object({
  id: z.uuid(),
  periodStart: z.string(),
  status: z.enum(['open', 'in_behandeling', 'afgesloten']),
  eindresultaat: z.enum(DDAS_EINDRESULTATEN).nullable(),
  closedAt: z.string().nullable(),
  contactAttempts: z.number().int(),
  lastContact: z.string().nullable(),
  reached: z.boolean(),
});

export const MeldingViewSchema = WorkItemSchema.extend({
  closedAt: z.string().nullable(),
  closedBy: UserRefSchema.nullable(),
  closingNote: z.string().nullable(),
  firstContactOn: z.string().nullable(),
  firstReachedOn: z.string().nullable(),
  householdId: z.uuid().nullable(),
  adres: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  ruleExplanation: z.array(ExplanationItemSchema),
  signals: z.array(SignalViewSchema),
  household: z.array(HouseholdMemberSchema),
  earlierMeldingen: z.array(EarlierMeldingSchema),
  contactAttempts: z.array(ContactAttemptSchema),
  plannedActions: z.array(PlannedActionSchema),
  handovers: z.array(HandoverSchema),
  householdCase: HouseholdCaseSchema.nullable(),
  debtHelpRequests: z.array(DebtHelpRequestSchema),
  quickFixCheck: QuickFixCheckSchema.nullable(),
  signalStatuses: z.array(z.enum(DDAS_SIGNAALSTATUSSEN)),
  nextStep: z.object({ code: z.enum(NEXT_STEPS), due: z.string().nullable() }),
  movedOut: z.boolean().describe('The BRP shows the household moved out of the municipality'),
}).meta({ id: 'MeldingView' });

export const ColleagueSchema = z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.string()) });
