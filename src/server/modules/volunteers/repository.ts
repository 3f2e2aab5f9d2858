// SQL of budgetmaatjes. Every function takes the municipality id and filters on it: a row of another
// municipality is never found. Dates come back as text (YYYY-MM-DD).
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { WEIGHTS } from './policy.ts';

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

async function one<T>(tx: Orm, query: SQL): Promise<T | undefined> {
  return (await all<T>(tx, query))[0];
}

const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

// --- Users, wijken, households -----------------------------------------------------------------------------

/** Users of this municipality holding one of the roles, by id. */
export async function usersWithRole(tx: Orm, municipalityId: string, ids: readonly string[], role: string) {
  if (ids.length === 0) return [];
  return all<{ id: string; display_name: string }>(
    tx,
    sql`SELECT DISTINCT u.id, u.display_name FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.municipality_id = ${municipalityId}::uuid AND m.role = ${role}
           AND u.id = ANY(${sql.param([...ids])}::uuid[])`,
  );
}

/** The logins of the municipality with a volunteer or coordinator role, with the volunteer each one is linked to. */
export async function listVolunteerAccounts(tx: Orm, municipalityId: string) {
  return all<{ id: string; display_name: string; role: string; volunteer_id: string | null }>(
    tx,
    sql`SELECT u.id, u.display_name, m.role, v.id AS volunteer_id
          FROM users u
          JOIN memberships m ON m.user_id = u.id AND m.municipality_id = ${municipalityId}::uuid
          LEFT JOIN volunteers v ON v.municipality_id = ${municipalityId}::uuid AND v.user_id = u.id
         WHERE m.role IN ('vrijwilliger', 'coordinator_vrijwilligers') AND u.is_active
         ORDER BY m.role, u.display_name, u.id`,
  );
}

export async function wijkExists(tx: Orm, municipalityId: string, id: string) {
  return (
    (await one(
      tx,
      sql`SELECT 1 FROM wijken WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
    )) !== undefined
  );
}

export type CaseRow = {
  id: string;
  status: string;
  regisseur_id: string | null;
  regisseur_name: string | null;
};

export async function findCase(tx: Orm, municipalityId: string, id: string) {
  return one<CaseRow>(
    tx,
    sql`SELECT c.id, c.status, c.regisseur_id, u.display_name AS regisseur_name
          FROM household_cases c LEFT JOIN users u ON u.id = c.regisseur_id
         WHERE c.municipality_id = ${municipalityId}::uuid AND c.id = ${id}::uuid`,
  );
}

// --- Organisations -----------------------------------------------------------------------------------------

export type OrganisationRow = {
  id: string;
  name: string;
  contact_email: string | null;
  phone: string | null;
  coordinators: { id: string; displayName: string }[] | null;
  volunteers: number;
  active_matches: number;
};

const ORGANISATION_SELECT = sql`
  SELECT o.id, o.name, o.contact_email, o.phone,
         (SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name) ORDER BY u.display_name)
            FROM volunteer_coordinators c JOIN users u ON u.id = c.user_id WHERE c.organisation_id = o.id)
           AS coordinators,
         (SELECT count(*)::int FROM volunteers v WHERE v.organisation_id = o.id AND v.status <> 'gestopt') AS volunteers,
         (SELECT count(*)::int FROM volunteer_matches m JOIN volunteers v ON v.id = m.volunteer_id
           WHERE v.organisation_id = o.id AND m.status = 'actief') AS active_matches
    FROM volunteer_organisations o`;

export async function listOrganisations(tx: Orm, municipalityId: string) {
  return all<OrganisationRow>(
    tx,
    sql`${ORGANISATION_SELECT} WHERE o.municipality_id = ${municipalityId}::uuid ORDER BY o.name, o.id`,
  );
}

export async function findOrganisation(tx: Orm, municipalityId: string, id: string) {
  return one<OrganisationRow>(
    tx,
    sql`${ORGANISATION_SELECT} WHERE o.municipality_id = ${municipalityId}::uuid AND o.id = ${id}::uuid`,
  );
}

export async function insertOrganisation(
  tx: Orm,
  v: { municipalityId: string; name: string; contactEmail: string | null; phone: string | null },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_organisations (municipality_id, name, contact_email, phone)
        VALUES (${v.municipalityId}::uuid, ${v.name}, ${v.contactEmail}, ${v.phone})
        ON CONFLICT (municipality_id, name) DO NOTHING RETURNING id`,
  );
}

export async function setCoordinators(
  tx: Orm,
  municipalityId: string,
  organisationId: string,
  userIds: string[],
) {
  await tx.execute(sql`DELETE FROM volunteer_coordinators WHERE organisation_id = ${organisationId}::uuid`);
  if (userIds.length === 0) return;
  await tx.execute(
    sql`INSERT INTO volunteer_coordinators (organisation_id, user_id, municipality_id)
        SELECT ${organisationId}::uuid, u, ${municipalityId}::uuid FROM unnest(${sql.param(userIds)}::uuid[]) u`,
  );
}

// --- Volunteers --------------------------------------------------------------------------------------------

export type VolunteerRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  user_id: string | null;
  display_name: string;
  email: string | null;
  phone: string | null;
  intake_on: string | null;
  training_status: 'niet_gestart' | 'bezig' | 'afgerond';
  vog_issued_on: string | null;
  vog_expires_on: string | null;
  availability: string[];
  languages: string[];
  backgrounds: string[];
  migration_experience: boolean;
  wijk_id: string | null;
  wijk_name: string | null;
  help_kinds: string[];
  max_matches: number;
  active_matches: number;
  status: 'actief' | 'pauze' | 'gestopt';
  note: string | null;
  version: number;
};

const VOLUNTEER_SELECT = sql`
  SELECT v.id, v.organisation_id, o.name AS organisation_name, v.user_id, v.display_name, v.email, v.phone,
         v.intake_on::text AS intake_on, v.training_status, v.vog_issued_on::text AS vog_issued_on,
         v.vog_expires_on::text AS vog_expires_on, v.availability, v.languages, v.backgrounds,
         v.migration_experience, v.wijk_id, w.name AS wijk_name, v.help_kinds, v.max_matches,
         (SELECT count(*)::int FROM volunteer_matches m WHERE m.volunteer_id = v.id AND m.status = 'actief')
           AS active_matches,
         v.status, v.note, v.version
    FROM volunteers v JOIN volunteer_organisations o ON o.id = v.organisation_id
    LEFT JOIN wijken w ON w.id = v.wijk_id`;

export async function listVolunteers(
  tx: Orm,
  f: {
    municipalityId: string;
    organisationId?: string;
    status?: string;
    after?: { name: string; id: string };
    limit: number;
  },
) {
  return all<VolunteerRow>(
    tx,
    sql`${VOLUNTEER_SELECT}
         WHERE v.municipality_id = ${f.municipalityId}::uuid
           ${f.organisationId ? sql`AND v.organisation_id = ${f.organisationId}::uuid` : sql``}
           ${f.status ? sql`AND v.status = ${f.status}` : sql``}
           ${f.after ? sql`AND (v.display_name, v.id) > (${f.after.name}, ${f.after.id}::uuid)` : sql``}
         ORDER BY v.display_name, v.id LIMIT ${f.limit}`,
  );
}

export async function findVolunteer(
  tx: Orm,
  municipalityId: string,
  id: string,
  opts: { lock?: boolean } = {},
) {
  return one<VolunteerRow>(
    tx,
    sql`${VOLUNTEER_SELECT} WHERE v.municipality_id = ${municipalityId}::uuid AND v.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF v` : sql``}`,
  );
}

export async function findVolunteerOfUser(tx: Orm, municipalityId: string, userId: string) {
  return one<VolunteerRow>(
    tx,
    sql`${VOLUNTEER_SELECT} WHERE v.municipality_id = ${municipalityId}::uuid AND v.user_id = ${userId}::uuid`,
  );
}

export type VolunteerValues = {
  organisationId: string;
  userId: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  intakeOn: string | null;
  trainingStatus: string;
  vogIssuedOn: string | null;
  vogExpiresOn: string | null;
  availability: string[];
  languages: string[];
  backgrounds: string[];
  migrationExperience: boolean;
  wijkId: string | null;
  helpKinds: string[];
  maxMatches: number;
  status: string;
  note: string | null;
};

export async function insertVolunteer(tx: Orm, municipalityId: string, v: VolunteerValues) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteers (municipality_id, organisation_id, user_id, display_name, email, phone, intake_on,
                                training_status, vog_issued_on, vog_expires_on, availability, languages,
                                backgrounds, migration_experience, wijk_id, help_kinds, max_matches, status, note)
        VALUES (${municipalityId}::uuid, ${v.organisationId}::uuid, ${v.userId}::uuid, ${v.displayName}, ${v.email},
                ${v.phone}, ${v.intakeOn}::date, ${v.trainingStatus}, ${v.vogIssuedOn}::date,
                ${v.vogExpiresOn}::date, ${textArray(v.availability)}, ${textArray(v.languages)},
                ${textArray(v.backgrounds)}, ${v.migrationExperience}, ${v.wijkId}::uuid, ${textArray(v.helpKinds)},
                ${v.maxMatches}, ${v.status}, ${v.note})
        ON CONFLICT DO NOTHING RETURNING id`,
  );
}

export async function updateVolunteer(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  v: VolunteerValues,
) {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE volunteers SET organisation_id = ${v.organisationId}::uuid, user_id = ${v.userId}::uuid,
               display_name = ${v.displayName}, email = ${v.email}, phone = ${v.phone}, intake_on = ${v.intakeOn}::date,
               training_status = ${v.trainingStatus}, vog_issued_on = ${v.vogIssuedOn}::date,
               vog_expires_on = ${v.vogExpiresOn}::date, availability = ${textArray(v.availability)},
               languages = ${textArray(v.languages)}, backgrounds = ${textArray(v.backgrounds)},
               migration_experience = ${v.migrationExperience}, wijk_id = ${v.wijkId}::uuid,
               help_kinds = ${textArray(v.helpKinds)}, max_matches = ${v.maxMatches}, status = ${v.status},
               note = ${v.note}, version = version + 1
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
         RETURNING id`,
  );
  return r.length === 1;
}

// --- Requests ----------------------------------------------------------------------------------------------

export type RequestRow = {
  id: string;
  household_case_id: string | null;
  organisation_id: string | null;
  resident_name: string;
  resident_contact: string | null;
  shared_summary: string;
  consent_given_on: string;
  help_kinds: string[];
  languages: string[];
  background: string | null;
  wants_migration_experience: boolean;
  wijk_id: string | null;
  wijk_name: string | null;
  availability: string[];
  status: 'open' | 'gekoppeld' | 'gesloten';
  created_at: Date;
  cursor_at: string;
  match_id: string | null;
  match_volunteer_id: string | null;
  match_volunteer_name: string | null;
};

const REQUEST_SELECT = sql`
  SELECT r.id, r.household_case_id, r.organisation_id, r.resident_name, r.resident_contact, r.shared_summary,
         r.consent_given_on::text AS consent_given_on, r.help_kinds, r.languages, r.background,
         r.wants_migration_experience, r.wijk_id, w.name AS wijk_name, r.availability, r.status, r.created_at,
         to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         m.id AS match_id, m.volunteer_id AS match_volunteer_id, v.display_name AS match_volunteer_name
    FROM volunteer_requests r
    LEFT JOIN wijken w ON w.id = r.wijk_id
    LEFT JOIN volunteer_matches m ON m.request_id = r.id AND m.status = 'actief'
    LEFT JOIN volunteers v ON v.id = m.volunteer_id`;

export async function listRequests(
  tx: Orm,
  f: { municipalityId: string; status?: string; after?: { at: string; id: string }; limit: number },
) {
  return all<RequestRow>(
    tx,
    sql`${REQUEST_SELECT}
         WHERE r.municipality_id = ${f.municipalityId}::uuid
           ${f.status ? sql`AND r.status = ${f.status}` : sql``}
           ${f.after ? sql`AND (r.created_at, r.id) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)` : sql``}
         ORDER BY r.created_at DESC, r.id DESC LIMIT ${f.limit}`,
  );
}

export async function findRequest(
  tx: Orm,
  municipalityId: string,
  id: string,
  opts: { lock?: boolean } = {},
) {
  return one<RequestRow>(
    tx,
    sql`${REQUEST_SELECT} WHERE r.municipality_id = ${municipalityId}::uuid AND r.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
}

export async function insertRequest(
  tx: Orm,
  v: {
    municipalityId: string;
    householdCaseId: string | null;
    organisationId: string | null;
    residentName: string;
    residentContact: string | null;
    sharedSummary: string;
    consentGivenOn: string;
    helpKinds: string[];
    languages: string[];
    background: string | null;
    wantsMigrationExperience: boolean;
    wijkId: string | null;
    availability: string[];
    requestedBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_requests (municipality_id, household_case_id, organisation_id, resident_name,
                                        resident_contact, shared_summary, consent_given_on, help_kinds, languages,
                                        background, wants_migration_experience, wijk_id, availability, requested_by)
        VALUES (${v.municipalityId}::uuid, ${v.householdCaseId}::uuid, ${v.organisationId}::uuid, ${v.residentName},
                ${v.residentContact}, ${v.sharedSummary}, ${v.consentGivenOn}::date, ${textArray(v.helpKinds)},
                ${textArray(v.languages)}, ${v.background}, ${v.wantsMigrationExperience}, ${v.wijkId}::uuid,
                ${textArray(v.availability)}, ${v.requestedBy}::uuid)
        RETURNING id`,
  );
}

export async function setRequestStatus(tx: Orm, municipalityId: string, id: string, status: string) {
  await tx.execute(
    sql`UPDATE volunteer_requests SET status = ${status}
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

// --- Matching ----------------------------------------------------------------------------------------------

export type CandidateRow = {
  id: string;
  display_name: string;
  organisation_name: string;
  wijk_id: string | null;
  wijk_name: string | null;
  languages: string[];
  backgrounds: string[];
  migration_experience: boolean;
  help_kinds: string[];
  availability: string[];
  training_status: 'niet_gestart' | 'bezig' | 'afgerond';
  vog_expires_on: string | null;
  max_matches: number;
  active_matches: number;
  score: number;
};

/**
 * The ranked volunteers for a request: active, a valid VOG on `today`, room for another match, giving at least
 * one kind of help asked for; scored with the weights of policy.ts, best first.
 */
export async function rankCandidates(
  tx: Orm,
  f: {
    municipalityId: string;
    organisationId: string | null;
    helpKinds: readonly string[];
    languages: readonly string[];
    background: string | null;
    wantsMigrationExperience: boolean;
    wijkId: string | null;
    availability: readonly string[];
    today: string;
    limit: number;
  },
) {
  const W = WEIGHTS;
  return all<CandidateRow>(
    tx,
    sql`SELECT v.id, v.display_name, o.name AS organisation_name, v.wijk_id, w.name AS wijk_name, v.languages,
               v.backgrounds, v.migration_experience, v.help_kinds, v.availability, v.training_status,
               v.vog_expires_on::text AS vog_expires_on, v.max_matches, am.n AS active_matches,
               (cardinality(ARRAY(SELECT unnest(v.help_kinds) INTERSECT SELECT unnest(${textArray(f.helpKinds)})))
                  * ${W.hulpsoort}::int
                + CASE WHEN v.languages && ${textArray(f.languages)} THEN ${W.taal}::int ELSE 0 END
                + CASE WHEN ${f.background}::text IS NOT NULL AND ${f.background}::text = ANY(v.backgrounds)
                       THEN ${W.achtergrond}::int ELSE 0 END
                + CASE WHEN ${f.wantsMigrationExperience}::boolean AND v.migration_experience
                       THEN ${W.migratie_ervaring}::int ELSE 0 END
                + CASE WHEN ${f.wijkId}::uuid IS NOT NULL AND v.wijk_id = ${f.wijkId}::uuid
                       THEN ${W.wijk}::int ELSE 0 END
                + LEAST(cardinality(ARRAY(SELECT unnest(v.availability)
                                          INTERSECT SELECT unnest(${textArray(f.availability)}))),
                        ${W.beschikbaarheidMax}::int) * ${W.beschikbaarheid}::int
                + CASE WHEN am.n = 0 THEN ${W.ruimte}::int ELSE 0 END
                + CASE WHEN v.training_status = 'afgerond' THEN ${W.training_afgerond}::int ELSE 0 END)::int AS score
          FROM volunteers v
          JOIN volunteer_organisations o ON o.id = v.organisation_id
          LEFT JOIN wijken w ON w.id = v.wijk_id
          CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM volunteer_matches m
                               WHERE m.volunteer_id = v.id AND m.status = 'actief') am
         WHERE v.municipality_id = ${f.municipalityId}::uuid AND v.status = 'actief'
           AND v.vog_expires_on >= ${f.today}::date
           AND v.help_kinds && ${textArray(f.helpKinds)}
           AND am.n < v.max_matches
           ${f.organisationId ? sql`AND v.organisation_id = ${f.organisationId}::uuid` : sql``}
         ORDER BY score DESC, v.display_name, v.id
         LIMIT ${f.limit}`,
  );
}

export async function countWithoutValidVog(tx: Orm, municipalityId: string, today: string) {
  const r = await one<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM volunteers
         WHERE municipality_id = ${municipalityId}::uuid AND status = 'actief'
           AND (vog_expires_on IS NULL OR vog_expires_on < ${today}::date)`,
  );
  return r?.n ?? 0;
}

// --- Matches -----------------------------------------------------------------------------------------------

export type MatchRow = {
  id: string;
  request_id: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_user_id: string | null;
  resident_name: string;
  household_case_id: string | null;
  network_member_id: string | null;
  status: 'actief' | 'beeindigd';
  reasons: unknown;
  matched_at: Date;
  ended_on: string | null;
  ended_side: 'bewoner' | 'vrijwilliger' | 'organisatie' | null;
  end_reason: string | null;
  meetings: number;
};

const MATCH_SELECT = sql`
  SELECT m.id, m.request_id, m.volunteer_id, v.display_name AS volunteer_name, v.user_id AS volunteer_user_id,
         r.resident_name, m.household_case_id, m.network_member_id, m.status, m.reasons, m.matched_at,
         m.ended_on::text AS ended_on, m.ended_side, m.end_reason,
         (SELECT count(*)::int FROM volunteer_meetings x WHERE x.match_id = m.id) AS meetings
    FROM volunteer_matches m
    JOIN volunteers v ON v.id = m.volunteer_id
    JOIN volunteer_requests r ON r.id = m.request_id`;

export async function listMatches(
  tx: Orm,
  f: { municipalityId: string; status?: string; volunteerId?: string; volunteerUserId?: string },
) {
  return all<MatchRow>(
    tx,
    sql`${MATCH_SELECT}
         WHERE m.municipality_id = ${f.municipalityId}::uuid
           ${f.status ? sql`AND m.status = ${f.status}` : sql``}
           ${f.volunteerId ? sql`AND m.volunteer_id = ${f.volunteerId}::uuid` : sql``}
           ${f.volunteerUserId ? sql`AND v.user_id = ${f.volunteerUserId}::uuid` : sql``}
         ORDER BY m.status, m.matched_at DESC, m.id
         LIMIT 500`,
  );
}

export async function findMatch(tx: Orm, municipalityId: string, id: string, opts: { lock?: boolean } = {}) {
  return one<MatchRow>(
    tx,
    sql`${MATCH_SELECT} WHERE m.municipality_id = ${municipalityId}::uuid AND m.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF m` : sql``}`,
  );
}

export async function insertMatch(
  tx: Orm,
  v: {
    municipalityId: string;
    requestId: string;
    volunteerId: string;
    householdCaseId: string | null;
    networkMemberId: string | null;
    reasons: unknown;
    matchedBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_matches (municipality_id, request_id, volunteer_id, household_case_id,
                                       network_member_id, reasons, matched_by)
        VALUES (${v.municipalityId}::uuid, ${v.requestId}::uuid, ${v.volunteerId}::uuid, ${v.householdCaseId}::uuid,
                ${v.networkMemberId}::uuid, ${JSON.stringify(v.reasons)}::jsonb, ${v.matchedBy}::uuid)
        ON CONFLICT DO NOTHING RETURNING id`,
  );
}

export async function endMatch(
  tx: Orm,
  municipalityId: string,
  id: string,
  v: { endedOn: string; side: string; reason: string; endedBy: string },
) {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE volunteer_matches SET status = 'beeindigd', ended_on = ${v.endedOn}::date, ended_side = ${v.side},
               end_reason = ${v.reason}, ended_by = ${v.endedBy}::uuid
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND status = 'actief'
         RETURNING id`,
  );
  return r.length === 1;
}

// --- Meetings and escalations ------------------------------------------------------------------------------

export type MeetingRow = {
  id: string;
  met_on: string;
  minutes: number;
  note: string;
  goal_id: string | null;
  created_at: Date;
};

export async function meetingsOf(tx: Orm, municipalityId: string, matchId: string) {
  return all<MeetingRow>(
    tx,
    sql`SELECT id, met_on::text AS met_on, minutes, note, goal_id, created_at FROM volunteer_meetings
         WHERE municipality_id = ${municipalityId}::uuid AND match_id = ${matchId}::uuid
         ORDER BY met_on DESC, created_at DESC, id`,
  );
}

export async function insertMeeting(
  tx: Orm,
  v: {
    municipalityId: string;
    matchId: string;
    metOn: string;
    minutes: number;
    note: string;
    goalId: string | null;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_meetings (municipality_id, match_id, met_on, minutes, note, goal_id, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.matchId}::uuid, ${v.metOn}::date, ${v.minutes}, ${v.note},
                ${v.goalId}::uuid, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export type EscalationRow = {
  id: string;
  match_id: string;
  household_case_id: string | null;
  reason: string;
  created_at: Date;
  created_by_name: string | null;
  volunteer_name: string;
  handled_at: Date | null;
};

const ESCALATION_SELECT = sql`
  SELECT e.id, e.match_id, e.household_case_id, e.reason, e.created_at, u.display_name AS created_by_name,
         v.display_name AS volunteer_name, e.handled_at
    FROM volunteer_escalations e
    JOIN volunteer_matches m ON m.id = e.match_id
    JOIN volunteers v ON v.id = m.volunteer_id
    LEFT JOIN users u ON u.id = e.created_by`;

export async function escalationsOfMatch(tx: Orm, municipalityId: string, matchId: string) {
  return all<EscalationRow>(
    tx,
    sql`${ESCALATION_SELECT} WHERE e.municipality_id = ${municipalityId}::uuid AND e.match_id = ${matchId}::uuid
         ORDER BY e.created_at DESC, e.id`,
  );
}

/** Escalations for one regisseur (their households), or for the organisation (no regisseur) when null. */
export async function listEscalations(
  tx: Orm,
  f: { municipalityId: string; regisseurId: string | null; open: boolean },
) {
  return all<EscalationRow>(
    tx,
    sql`${ESCALATION_SELECT}
         WHERE e.municipality_id = ${f.municipalityId}::uuid
           AND ${f.regisseurId ? sql`e.regisseur_id = ${f.regisseurId}::uuid` : sql`e.regisseur_id IS NULL`}
           ${f.open ? sql`AND e.handled_at IS NULL` : sql``}
         ORDER BY e.created_at DESC, e.id LIMIT 200`,
  );
}

export async function findEscalation(tx: Orm, municipalityId: string, id: string) {
  return one<EscalationRow & { regisseur_id: string | null }>(
    tx,
    sql`SELECT e.id, e.match_id, e.household_case_id, e.reason, e.created_at, NULL::text AS created_by_name,
               ''::text AS volunteer_name, e.handled_at, e.regisseur_id
          FROM volunteer_escalations e
         WHERE e.municipality_id = ${municipalityId}::uuid AND e.id = ${id}::uuid FOR UPDATE`,
  );
}

export async function insertEscalation(
  tx: Orm,
  v: {
    municipalityId: string;
    matchId: string;
    householdCaseId: string | null;
    regisseurId: string | null;
    reason: string;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_escalations (municipality_id, match_id, household_case_id, regisseur_id, reason,
                                           created_by)
        VALUES (${v.municipalityId}::uuid, ${v.matchId}::uuid, ${v.householdCaseId}::uuid, ${v.regisseurId}::uuid,
                ${v.reason}, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export async function markEscalationHandled(tx: Orm, municipalityId: string, id: string, by: string) {
  await tx.execute(
    sql`UPDATE volunteer_escalations SET handled_at = now(), handled_by = ${by}::uuid
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

// --- The household plan (shared tables of migration 0010) --------------------------------------------------

/** The budgetmaatje joins the household's network (with their login), so the plan's consent reaches them. */
export async function insertNetworkMember(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    name: string;
    organisation: string;
    userId: string | null;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_network_members (municipality_id, household_case_id, kind, relation, name,
                                               organisation, user_id, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, 'informeel', 'budgetmaatje', ${v.name},
                ${v.organisation}, ${v.userId}::uuid, ${v.by}::uuid)
        RETURNING id`,
  );
}

export async function endNetworkMember(tx: Orm, municipalityId: string, id: string, endedOn: string) {
  await tx.execute(
    sql`UPDATE household_network_members SET ended_on = ${endedOn}::date
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND ended_on IS NULL`,
  );
}

/** The consent categories in force today for one network member. */
export async function consentCategories(
  tx: Orm,
  municipalityId: string,
  networkMemberId: string,
  today: string,
) {
  const rows = await all<{ categories: string[] }>(
    tx,
    sql`SELECT k.categories FROM household_consents k
          JOIN household_network_members n ON n.id = k.network_member_id
         WHERE k.municipality_id = ${municipalityId}::uuid AND k.network_member_id = ${networkMemberId}::uuid
           AND k.withdrawn_on IS NULL AND k.given_on <= ${today}::date
           AND (n.ended_on IS NULL OR n.ended_on > ${today}::date)`,
  );
  return new Set(rows.flatMap((r) => r.categories));
}

export async function goalsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<{ id: string; title: string; status: string; target_date: string }>(
    tx,
    sql`SELECT id, title, status, target_date::text AS target_date FROM household_goals
         WHERE municipality_id = ${municipalityId}::uuid AND household_case_id = ${caseId}::uuid
         ORDER BY status, target_date, id`,
  );
}

export async function insertGoalProgress(
  tx: Orm,
  v: { municipalityId: string; caseId: string; goalId: string; note: string; occurredOn: string; by: string },
) {
  await tx.execute(
    sql`INSERT INTO household_goal_events (municipality_id, household_case_id, goal_id, kind, note, occurred_on,
                                           created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.goalId}::uuid, 'voortgang', ${v.note},
                ${v.occurredOn}::date, ${v.by}::uuid)`,
  );
}

/** Appends to the household's timeline (category netwerk or plan) and marks the case active. */
export async function insertTimelineEvent(
  tx: Orm,
  e: {
    municipalityId: string;
    caseId: string;
    category: 'netwerk' | 'plan';
    kind: string;
    actorUserId: string;
    subjectId: string | null;
    text: string;
  },
) {
  await tx.execute(
    sql`INSERT INTO household_timeline (municipality_id, household_case_id, category, kind, actor_user_id,
                                        subject_id, text)
        VALUES (${e.municipalityId}::uuid, ${e.caseId}::uuid, ${e.category}, ${e.kind}, ${e.actorUserId}::uuid,
                ${e.subjectId}::uuid, ${e.text})`,
  );
  await tx.execute(
    sql`UPDATE household_cases SET last_activity_at = now()
         WHERE municipality_id = ${e.municipalityId}::uuid AND id = ${e.caseId}::uuid`,
  );
}

/** The business case counts a budgetmaatje as an intervention of the household (no money, no paid hours). */
export async function insertIntervention(
  tx: Orm,
  v: { municipalityId: string; caseId: string | null; startedOn: string; matchId: string; by: string },
) {
  await tx.execute(
    sql`INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, source_kind,
                                   source_id, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, 'budgetmaatje', ${v.startedOn}::date, 'budgetmaatje',
                ${v.matchId}::uuid, ${v.by}::uuid)
        ON CONFLICT DO NOTHING`,
  );
}
