// Budgetmaatjes: volunteer organisations, volunteers, residents' requests, matching with reasons, matches with
// meetings and escalation. Shared by the server (validation, OpenAPI) and the web UI.
import { z } from 'zod';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) => z.string().trim().max(max).optional();

// --- Code lists ------------------------------------------------------------------------------------------

/** The kinds of help a budgetmaatje gives. */
export const HELP_KINDS = [
  'administratie',
  'budgetteren',
  'formulieren',
  'post_ordenen',
  'schulden_overzicht',
  'begeleiding_instanties',
  'digitale_vaardigheden',
  'taal',
] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export const TRAINING_STATUSES = ['niet_gestart', 'bezig', 'afgerond'] as const;
export const VOLUNTEER_STATUSES = ['actief', 'pauze', 'gestopt'] as const;

export const WEEKDAYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export const DAYPARTS = ['ochtend', 'middag', 'avond'] as const;
/** Availability slots: a weekday and a part of the day, e.g. `di-avond`. */
export const AVAILABILITY_SLOTS = WEEKDAYS.flatMap((d) => DAYPARTS.map((p) => `${d}-${p}` as const));
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number];
const Slot = z.enum(AVAILABILITY_SLOTS as unknown as [AvailabilitySlot, ...AvailabilitySlot[]]);

/** ISO 639-1 language codes. */
const Language = z
  .string()
  .regex(/^[a-z]{2}$/, 'Use a two-letter language code (ISO 639-1), e.g. nl, ar, tr.');
/** A background tag, e.g. `turks`, `syrisch`; free, lower case, so a municipality can use its own list. */
const Background = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z -]{1,39}$/, 'Use a short word in lower case, e.g. turks or syrisch.');

export const END_SIDES = ['bewoner', 'vrijwilliger', 'organisatie'] as const;
export type EndSide = (typeof END_SIDES)[number];

/** Why a volunteer ranks where they rank: each reason is a code with the value that matched. */
export const MATCH_REASON_CODES = [
  'hulpsoort',
  'taal',
  'achtergrond',
  'migratie_ervaring',
  'wijk',
  'beschikbaarheid',
  'ruimte',
  'training_afgerond',
] as const;
export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number];

// --- Organisations ---------------------------------------------------------------------------------------

export const OrganisationBody = z.strictObject({
  name: Text(200).min(2),
  contactEmail: z.email().optional(),
  phone: Optional(40),
  coordinatorIds: z
    .array(z.uuid())
    .max(50)
    .default([])
    .describe('Users with the role coordinator_vrijwilligers'),
});
export type OrganisationBody = z.infer<typeof OrganisationBody>;

export const OrganisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contactEmail: z.string().nullable(),
  phone: z.string().nullable(),
  coordinators: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  volunteers: z.number().int(),
  activeMatches: z.number().int(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/** A login of the municipality that a coordinator may link: a volunteer's own account, or a coordinator's. */
export const VolunteerAccountSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    role: z.enum(['vrijwilliger', 'coordinator_vrijwilligers']),
    volunteerId: z.uuid().nullable().describe('The volunteer this login is linked to already, if any'),
  })
  .meta({ id: 'VolunteerAccount' });
export type VolunteerAccount = z.infer<typeof VolunteerAccountSchema>;

// --- Volunteers ------------------------------------------------------------------------------------------

const VolunteerFields = {
  organisationId: z.uuid(),
  userId: z.uuid().nullable().optional().describe("The volunteer's own login (role vrijwilliger), if any"),
  displayName: Text(200),
  email: z.email().optional(),
  phone: Optional(40),
  intakeOn: IsoDate.optional(),
  trainingStatus: z.enum(TRAINING_STATUSES).optional().describe('Default niet_gestart'),
  vogIssuedOn: IsoDate.optional(),
  vogExpiresOn: IsoDate.optional().describe(
    'Expiry of the VOG; a volunteer whose VOG expired cannot be matched',
  ),
  availability: z.array(Slot).max(21).optional(),
  languages: z.array(Language).max(10).optional(),
  backgrounds: z.array(Background).max(10).optional(),
  migrationExperience: z.boolean().optional(),
  wijkId: z.uuid().nullable().optional(),
  helpKinds: z.array(z.enum(HELP_KINDS)).min(1).max(HELP_KINDS.length),
  maxMatches: z.number().int().min(1).max(10).optional().describe('Default 1'),
  status: z.enum(VOLUNTEER_STATUSES).optional().describe('Default actief'),
  note: Optional(2000),
};

export const VolunteerBody = z.strictObject(VolunteerFields);
export type VolunteerBody = z.infer<typeof VolunteerBody>;

export const VolunteerPatchBody = z.strictObject({
  ...VolunteerFields,
  organisationId: VolunteerFields.organisationId.optional(),
  displayName: VolunteerFields.displayName.optional(),
  helpKinds: VolunteerFields.helpKinds.optional(),
  version: z.number().int().min(1).describe('The version you read; a stale version answers 409'),
});
export type VolunteerPatchBody = z.infer<typeof VolunteerPatchBody>;

export const VolunteerSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  userId: z.uuid().nullable(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  intakeOn: z.string().nullable(),
  trainingStatus: z.enum(TRAINING_STATUSES),
  vogIssuedOn: z.string().nullable(),
  vogExpiresOn: z.string().nullable(),
  vogValid: z.boolean(),
  availability: z.array(z.string()),
  languages: z.array(z.string()),
  backgrounds: z.array(z.string()),
  migrationExperience: z.boolean(),
  wijkId: z.uuid().nullable(),
  wijkName: z.string().nullable(),
  helpKinds: z.array(z.enum(HELP_KINDS)),
  maxMatches: z.number().int(),
  activeMatches: z.number().int(),
  status: z.enum(VOLUNTEER_STATUSES),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Volunteer = z.infer<typeof VolunteerSchema>;

export const VolunteerListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// --- Requests --------------------------------------------------------------------------------------------

export const VolunteerRequestBody = z.strictObject({
  householdCaseId: z.uuid().optional().describe('The household plan this request belongs to, if any'),
  organisationId: z.uuid().optional(),
  residentName: Text(100).describe('How the volunteer may address the resident (as the resident agreed)'),
  residentContact: Optional(200).describe(
    'How the volunteer may reach the resident (as the resident agreed)',
  ),
  sharedSummary: Text(2000).describe('What the resident agreed to share with a volunteer; nothing more'),
  consentGivenOn: IsoDate.describe('The day the resident agreed to share this with a volunteer'),
  helpKinds: z.array(z.enum(HELP_KINDS)).min(1).max(HELP_KINDS.length),
  languages: z.array(Language).max(5).default([]).describe('Languages the resident would like to speak'),
  background: Background.optional().describe(
    'Only when the resident asks for someone of the same background',
  ),
  wantsMigrationExperience: z.boolean().default(false),
  wijkId: z.uuid().optional(),
  availability: z.array(Slot).max(21).default([]),
});
export type VolunteerRequestBody = z.infer<typeof VolunteerRequestBody>;

export const VolunteerRequestSchema = z.object({
  id: z.uuid(),
  householdCaseId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  residentName: z.string(),
  residentContact: z.string().nullable(),
  sharedSummary: z.string(),
  consentGivenOn: z.string(),
  helpKinds: z.array(z.enum(HELP_KINDS)),
  languages: z.array(z.string()),
  background: z.string().nullable(),
  wantsMigrationExperience: z.boolean(),
  wijkId: z.uuid().nullable(),
  wijkName: z.string().nullable(),
  availability: z.array(z.string()),
  status: z.enum(['open', 'gekoppeld', 'gesloten']),
  createdAt: z.iso.datetime(),
  activeMatch: z.object({ id: z.uuid(), volunteerId: z.uuid(), volunteerName: z.string() }).nullable(),
});
export type VolunteerRequest = z.infer<typeof VolunteerRequestSchema>;

export const VolunteerRequestListQuery = z.strictObject({
  status: z.enum(['open', 'gekoppeld', 'gesloten']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// --- Matching --------------------------------------------------------------------------------------------

export const MatchReasonSchema = z.object({
  code: z.enum(MATCH_REASON_CODES),
  values: z.array(z.string()),
  points: z.number(),
});
export type MatchReason = z.infer<typeof MatchReasonSchema>;

export const CandidateSchema = z.object({
  volunteerId: z.uuid(),
  displayName: z.string(),
  organisationName: z.string(),
  wijkName: z.string().nullable(),
  languages: z.array(z.string()),
  helpKinds: z.array(z.enum(HELP_KINDS)),
  trainingStatus: z.enum(TRAINING_STATUSES),
  vogExpiresOn: z.string().nullable(),
  activeMatches: z.number().int(),
  maxMatches: z.number().int(),
  score: z.number(),
  reasons: z.array(MatchReasonSchema),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const CandidatesSchema = z.object({
  requestId: z.uuid(),
  candidates: z.array(CandidateSchema),
  /** Active volunteers left out because their VOG expired or is missing (to renew). */
  withoutValidVog: z.number().int(),
});

export const MatchBody = z.strictObject({
  volunteerId: z.uuid(),
  note: Optional(1000),
});

export const MatchEndBody = z.strictObject({
  side: z.enum(END_SIDES).describe('Who ended the match: the resident, the volunteer, or the organisation'),
  reason: Text(1000),
  endedOn: IsoDate.optional(),
});

export const MeetingBody = z.strictObject({
  metOn: IsoDate,
  minutes: z.number().int().min(1).max(1440),
  note: Text(2000),
  goalId: z.uuid().optional().describe('A goal of the household plan this meeting made progress on'),
});

export const EscalationBody = z.strictObject({
  reason: Text(2000),
});

export const MeetingSchema = z.object({
  id: z.uuid(),
  metOn: z.string(),
  minutes: z.number().int(),
  note: z.string(),
  goalId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});

export const EscalationSchema = z.object({
  id: z.uuid(),
  matchId: z.uuid(),
  householdCaseId: z.uuid().nullable(),
  reason: z.string(),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
  volunteerName: z.string(),
  handledAt: z.iso.datetime().nullable(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

/** A match as the coordinator and professionals see it. */
export const MatchSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  residentName: z.string(),
  householdCaseId: z.uuid().nullable(),
  status: z.enum(['actief', 'beeindigd']),
  reasons: z.array(MatchReasonSchema),
  matchedAt: z.iso.datetime(),
  endedOn: z.string().nullable(),
  endedSide: z.enum(END_SIDES).nullable(),
  endReason: z.string().nullable(),
  meetings: z.number().int(),
});
export type Match = z.infer<typeof MatchSchema>;

export const MatchListQuery = z.strictObject({
  status: z.enum(['actief', 'beeindigd']).optional(),
  volunteerId: z.uuid().optional(),
});

/**
 * A match as the volunteer sees it: only what the resident consented to share. Never a BSN, never an address
 * unless the resident gave it as the way to reach them; the goals only when the resident shared the plan.
 */
export const VolunteerMatchViewSchema = z.object({
  id: z.uuid(),
  status: z.enum(['actief', 'beeindigd']),
  matchedAt: z.iso.datetime(),
  residentName: z.string(),
  residentContact: z.string().nullable(),
  sharedSummary: z.string(),
  helpKinds: z.array(z.enum(HELP_KINDS)),
  languages: z.array(z.string()),
  regisseurName: z.string().nullable(),
  /** null: the resident did not share the plan with the volunteer. */
  goals: z
    .array(z.object({ id: z.uuid(), title: z.string(), status: z.string(), targetDate: z.string() }))
    .nullable(),
  meetings: z.array(MeetingSchema),
  escalations: z.array(EscalationSchema.omit({ volunteerName: true })),
});
export type VolunteerMatchView = z.infer<typeof VolunteerMatchViewSchema>;

/** One line of a volunteer's own list of matches. */
export const MyMatchSchema = z.object({
  id: z.uuid(),
  residentName: z.string(),
  status: z.enum(['actief', 'beeindigd']),
  matchedAt: z.iso.datetime(),
  meetings: z.number().int(),
});

export const EscalationListQuery = z.strictObject({
  open: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('Only escalations not yet handled (default)'),
});
