// Drizzle table definitions mirroring migrations/*.sql. The SQL files are the source of truth for the
// database; these definitions only give the query builder its types.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
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
  monthlyIncomeCents: integer('monthly_income_cents').notNull().default(0),
  incomeSource: text('income_source').notNull().default('geen'),
});
