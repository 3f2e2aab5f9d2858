// Drizzle table definitions mirroring migrations/*.sql. The SQL files are the source of truth for the
// database; these definitions only give the query builder its types.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const regions = pgTable('regions', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const municipalities = pgTable('municipalities', {
  id: uuid('id').primaryKey().defaultRandom(),
  regionId: uuid('region_id').notNull(),
  cbsCode: text('cbs_code').notNull(),
  name: text('name').notNull(),
  inhabitants: integer('inhabitants').notNull().default(0),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  regionId: uuid('region_id').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  totpSecretEnc: text('totp_secret_enc'),
  totpEnabledAt: ts('totp_enabled_at'),
  oidcSubject: text('oidc_subject'),
  preferredLanguage: text('preferred_language').notNull().default('nl'),
  isActive: boolean('is_active').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id').notNull(),
    municipalityId: uuid('municipality_id').notNull(),
    role: text('role').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.municipalityId, t.role] })],
);

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const wijken = pgTable('wijken', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  teamId: uuid('team_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  activeMunicipalityId: uuid('active_municipality_id'),
  csrfToken: text('csrf_token').notNull(),
  mfaState: text('mfa_state').$type<'not_required' | 'enrol' | 'verify' | 'verified'>().notNull(),
  authMethod: text('auth_method').$type<'password' | 'oidc'>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});

export const oidcLoginStates = pgTable('oidc_login_states', {
  state: text('state').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const machineClients = pgTable('machine_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  clientId: text('client_id').notNull(),
  secretHash: text('secret_hash').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<'signaalpartner' | 'cbs'>().notNull(),
  municipalityId: uuid('municipality_id').notNull(),
  scopes: text('scopes').array().notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const machineTokens = pgTable('machine_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  machineClientId: uuid('machine_client_id').notNull(),
  municipalityId: uuid('municipality_id').notNull(),
  scopes: text('scopes').array().notNull(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  occurredAt: ts('occurred_at').notNull().default(sql`clock_timestamp()`),
  actorType: text('actor_type').$type<'user' | 'machine' | 'system'>().notNull(),
  actorId: text('actor_id'),
  municipalityId: uuid('municipality_id'),
  action: text('action').notNull(),
  subjectType: text('subject_type'),
  subjectIds: text('subject_ids').array().notNull().default([]),
  purpose: text('purpose').notNull(),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
});

export const addresses = pgTable('addresses', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  straat: text('straat').notNull(),
  huisnummer: integer('huisnummer').notNull(),
  huisletter: text('huisletter'),
  toevoeging: text('toevoeging'),
  postcode: text('postcode').notNull(),
  woonplaats: text('woonplaats').notNull(),
  wijkId: uuid('wijk_id'),
});

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  addressId: uuid('address_id').notNull(),
});

export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  bsn: text('bsn').notNull(),
  voornamen: text('voornamen').notNull(),
  voorvoegsel: text('voorvoegsel'),
  geslachtsnaam: text('geslachtsnaam').notNull(),
  partnerVoorvoegsel: text('partner_voorvoegsel'),
  partnerGeslachtsnaam: text('partner_geslachtsnaam'),
  naamgebruik: text('naamgebruik').$type<'E' | 'P' | 'V' | 'N'>().notNull().default('E'),
  geslacht: text('geslacht').$type<'M' | 'V' | 'O'>().notNull(),
  geboortedatum: date('geboortedatum', { mode: 'string' }).notNull(),
  householdId: uuid('household_id').notNull(),
  addressId: uuid('address_id').notNull(),
  householdRole: text('household_role').$type<'hoofd' | 'partner' | 'kind' | 'overig'>().notNull(),
  brpStatus: text('brp_status')
    .$type<'ingeschreven' | 'verhuisd' | 'overleden'>()
    .notNull()
    .default('ingeschreven'),
  monthlyIncomeCents: integer('monthly_income_cents').notNull().default(0),
  incomeSource: text('income_source').notNull().default('geen'),
});

// --- Vroegsignalering intake (migration 0003) ---

export const signalPartners = pgTable('signal_partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  name: text('name').notNull(),
  partnerType: text('partner_type').notNull(),
  contactName: text('contact_name').notNull().default(''),
  contactEmail: text('contact_email').notNull().default(''),
  deliveryChannel: text('delivery_channel').$type<'api' | 'bestand' | 'beide'>().notNull().default('api'),
  machineClientId: uuid('machine_client_id'),
  columnMapping: jsonb('column_mapping').$type<Record<string, unknown> | null>(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const referralSources = pgTable('referral_sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<'intern' | 'extern'>().notNull(),
  isActive: boolean('is_active').notNull().default(true),
});

export const signalImports = pgTable('signal_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  partnerId: uuid('partner_id').notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  fileSize: bigint('file_size', { mode: 'number' }).notNull(),
  fileFormat: text('file_format').$type<'csv' | 'xlsx'>().notNull(),
  columnMapping: jsonb('column_mapping').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<'queued' | 'running' | 'completed' | 'failed'>().notNull().default('queued'),
  totalRows: integer('total_rows'),
  processedRows: integer('processed_rows').notNull().default(0),
  acceptedRows: integer('accepted_rows').notNull().default(0),
  quarantinedRows: integer('quarantined_rows').notNull().default(0),
  duplicateRows: integer('duplicate_rows').notNull().default(0),
  error: text('error'),
  uploadedByType: text('uploaded_by_type').$type<'user' | 'machine'>().notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  startedAt: ts('started_at'),
  finishedAt: ts('finished_at'),
});

export const signals = pgTable('signals', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  partnerId: uuid('partner_id'),
  source: text('source').$type<'api' | 'bestand' | 'handmatig' | 'verwijzing'>().notNull(),
  importId: uuid('import_id'),
  importRow: integer('import_row'),
  externalId: text('external_id'),
  version: integer('version').notNull().default(1),
  previousVersionId: uuid('previous_version_id'),
  contentHash: text('content_hash').notNull(),
  referralSourceId: uuid('referral_source_id'),
  referrerName: text('referrer_name'),
  createdByType: text('created_by_type').$type<'user' | 'machine' | 'system'>().notNull(),
  createdBy: text('created_by').notNull(),
  bsn: text('bsn'),
  voornamen: text('voornamen'),
  voorletters: text('voorletters'),
  voorvoegsel: text('voorvoegsel'),
  achternaam: text('achternaam').notNull(),
  geboortedatum: date('geboortedatum', { mode: 'string' }),
  straat: text('straat'),
  huisnummer: integer('huisnummer'),
  huisletter: text('huisletter'),
  toevoeging: text('toevoeging'),
  postcode: text('postcode'),
  woonplaats: text('woonplaats'),
  telefoon: text('telefoon'),
  email: text('email'),
  isBusiness: boolean('is_business').notNull().default(false),
  customerNumber: text('customer_number'),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  arrearsSince: date('arrears_since', { mode: 'string' }),
  signalDate: date('signal_date', { mode: 'string' }).notNull(),
  monthsInArrears: integer('months_in_arrears'),
  daysInArrears: integer('days_in_arrears'),
  endOfSupply: boolean('end_of_supply').notNull().default(false),
  endOfSupplyDate: date('end_of_supply_date', { mode: 'string' }),
  evictionAnnounced: boolean('eviction_announced').notNull().default(false),
  evictionDate: date('eviction_date', { mode: 'string' }),
  insuranceTermination: boolean('insurance_termination').notNull().default(false),
  warmHandover: boolean('warm_handover').notNull().default(false),
  remark: text('remark'),
  isCrisis: boolean('is_crisis').generatedAlwaysAs(
    sql`end_of_supply OR eviction_announced OR insurance_termination`,
  ),
  matchStatus: text('match_status')
    .$type<'pending' | 'matched' | 'moved_out' | 'deceased' | 'not_found' | 'ambiguous' | 'business'>()
    .notNull()
    .default('pending'),
  matchScore: real('match_score'),
  matchReasons: jsonb('match_reasons').$type<unknown[]>().notNull().default([]),
  matchCandidates: jsonb('match_candidates').$type<unknown[]>().notNull().default([]),
  personId: uuid('person_id'),
  householdId: uuid('household_id'),
  matchedBy: text('matched_by'),
  matchedAt: ts('matched_at'),
  ddasStatus: text('ddas_status').notNull().default('Nog niet opgepakt'),
  statusReason: text('status_reason'),
  relatedSignalId: uuid('related_signal_id'),
  meldingId: uuid('melding_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const signalImportRows = pgTable(
  'signal_import_rows',
  {
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    outcome: text('outcome')
      .$type<'accepted' | 'quarantined' | 'duplicate' | 'resubmitted' | 'discarded'>()
      .notNull(),
    signalId: uuid('signal_id'),
    duplicateOf: uuid('duplicate_of'),
    raw: jsonb('raw').$type<Record<string, string | null>>().notNull().default({}),
    errors: jsonb('errors')
      .$type<{ column: string; code: string; params?: Record<string, unknown> }[]>()
      .notNull()
      .default([]),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

export const signalFingerprints = pgTable('signal_fingerprints', {
  municipalityId: uuid('municipality_id').notNull(),
  addressFingerprint: text('address_fingerprint').notNull(),
  signalDate: date('signal_date', { mode: 'string' }).notNull(),
  partnerType: text('partner_type').notNull(),
});

export const meldingen = pgTable('meldingen', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  householdId: uuid('household_id'),
  addressId: uuid('address_id'),
  addressFingerprint: text('address_fingerprint').notNull(),
  periodStart: date('period_start', { mode: 'string' }).notNull(),
  periodEnd: date('period_end', { mode: 'string' }),
  status: text('status').$type<'open' | 'in_behandeling' | 'afgesloten'>().notNull().default('open'),
  isCrisis: boolean('is_crisis').notNull().default(false),
  enkelvoudig: boolean('enkelvoudig').notNull().default(false),
  meervoudig: boolean('meervoudig').notNull().default(false),
  opeenvolgend: boolean('opeenvolgend').notNull().default(false),
  knownToShv: boolean('known_to_shv').notNull().default(false),
  queueId: uuid('queue_id'),
  priority: integer('priority').notNull().default(3),
  contactStrategy: text('contact_strategy'),
  deadline: date('deadline', { mode: 'string' }),
  ruleSetId: uuid('rule_set_id'),
  ruleExplanation: jsonb('rule_explanation').$type<unknown[]>().notNull().default([]),
  wijkId: uuid('wijk_id'),
  teamId: uuid('team_id'),
  totalAmountCents: bigint('total_amount_cents', { mode: 'number' }).notNull().default(0),
  signalCount: integer('signal_count').notNull().default(0),
  partnerTypes: text('partner_types').array().notNull().default([]),
  youngestAdultAge: integer('youngest_adult_age'),
  oldestAdultAge: integer('oldest_adult_age'),
  hasMinorChildren: boolean('has_minor_children').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  assignedTo: uuid('assigned_to'),
  assignedAt: ts('assigned_at'),
  takenUpOn: date('taken_up_on', { mode: 'string' }),
  closedAt: ts('closed_at'),
  closedBy: uuid('closed_by'),
  eindresultaat: text('eindresultaat'),
  closingNote: text('closing_note'),
  // Retention (migration 0012): while a legal hold is set, nothing of the melding is deleted.
  legalHoldReason: text('legal_hold_reason'),
  legalHoldSetAt: ts('legal_hold_set_at'),
});

export const contactAttempts = pgTable('contact_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  meldingId: uuid('melding_id').notNull(),
  soort: text('soort').notNull(),
  datum: date('datum', { mode: 'string' }).notNull(),
  dagdeel: text('dagdeel'),
  bereikt: boolean('bereikt').notNull().default(false),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const workQueues = pgTable('work_queues', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<'regulier' | 'crisis' | 'matching'>().notNull().default('regulier'),
  teamId: uuid('team_id'),
  targetWorkingDays: integer('target_working_days').notNull().default(10),
});

export const ruleSets = pgTable('rule_sets', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  version: integer('version').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  isActive: boolean('is_active').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const wijkPostcodeRanges = pgTable('wijk_postcode_ranges', {
  id: uuid('id').primaryKey().defaultRandom(),
  wijkId: uuid('wijk_id').notNull(),
  municipalityId: uuid('municipality_id').notNull(),
  postcodeFrom: text('postcode_from').notNull(),
  postcodeTo: text('postcode_to').notNull(),
});

export const knownResidents = pgTable(
  'known_residents',
  {
    municipalityId: uuid('municipality_id').notNull(),
    personId: uuid('person_id').notNull(),
    regisseurUserId: uuid('regisseur_user_id'),
    reason: text('reason').notNull(),
    since: date('since', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.personId] })],
);

// --- Vroegsignalering follow-up workflow (migration 0005) ---

export const followupSettings = pgTable('followup_settings', {
  municipalityId: uuid('municipality_id').primaryKey(),
  firstContactDays: integer('first_contact_days').notNull().default(14),
  firstContactUnit: text('first_contact_unit').$type<'kalenderdagen' | 'werkdagen'>().notNull(),
  firstAnalysisDays: integer('first_analysis_days').notNull().default(28),
  firstAnalysisUnit: text('first_analysis_unit').$type<'kalenderdagen' | 'werkdagen'>().notNull(),
  crisisWorkingDays: integer('crisis_working_days').notNull().default(3),
  dueSoonWorkingDays: integer('due_soon_working_days').notNull().default(3),
  bevrijdingsdag: text('bevrijdingsdag').$type<'lustrum' | 'always' | 'never'>().notNull(),
  extraClosingDays: date('extra_closing_days', { mode: 'string' }).array().notNull().default([]),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const plannedActions = pgTable('planned_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  meldingId: uuid('melding_id').notNull(),
  kind: text('kind').notNull(),
  plannedFor: date('planned_for', { mode: 'string' }).notNull(),
  dagdeel: text('dagdeel'),
  assignedTo: uuid('assigned_to'),
  note: text('note'),
  status: text('status').$type<'gepland' | 'gedaan' | 'vervallen'>().notNull().default('gepland'),
  doneAt: ts('done_at'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const quickFixChecks = pgTable('quick_fix_checks', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  meldingId: uuid('melding_id').notNull(),
  acceptedOn: date('accepted_on', { mode: 'string' }).notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  status: text('status')
    .$type<'gepland' | 'te_bevestigen' | 'opgelost' | 'niet_opgelost'>()
    .notNull()
    .default('gepland'),
  assignedTo: uuid('assigned_to'),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: ts('confirmed_at'),
  note: text('note'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const householdCases = pgTable('household_cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  householdId: uuid('household_id'),
  regisseurId: uuid('regisseur_id'),
  status: text('status').$type<'open' | 'gesloten'>().notNull().default('open'),
  openedAt: ts('opened_at').notNull().defaultNow(),
  openedFromMeldingId: uuid('opened_from_melding_id'),
});

export const debtHelpRequests = pgTable('debt_help_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  householdCaseId: uuid('household_case_id').notNull(),
  meldingId: uuid('melding_id'),
  requestedOn: date('requested_on', { mode: 'string' }).notNull(),
  isThreatening: boolean('is_threatening').notNull().default(false),
  firstConversationDue: date('first_conversation_due', { mode: 'string' }).notNull(),
  firstConversationOn: date('first_conversation_on', { mode: 'string' }),
  status: text('status')
    .$type<'aangevraagd' | 'in_behandeling' | 'afgerond' | 'ingetrokken'>()
    .notNull()
    .default('aangevraagd'),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const meldingHandovers = pgTable('melding_handovers', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityId: uuid('municipality_id').notNull(),
  meldingId: uuid('melding_id').notNull(),
  kind: text('kind').$type<'schuldhulp' | 'regisseur' | 'extern'>().notNull(),
  householdCaseId: uuid('household_case_id'),
  debtHelpRequestId: uuid('debt_help_request_id'),
  organisation: text('organisation'),
  consentGivenOn: date('consent_given_on', { mode: 'string' }),
  consentNote: text('consent_note'),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
