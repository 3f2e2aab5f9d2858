// SQL of the household plan. Every function takes the municipality id and filters on it: a row of another
// municipality is never found. Dates come back as text (YYYY-MM-DD) and timestamps as Date; the cursor columns are
// text with microseconds so keyset pages never skip or repeat a row.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { executeNamed } from '../../db/named.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return rows<T>(await tx.execute(query));
}

async function one<T>(tx: Orm, query: SQL): Promise<T | undefined> {
  return (await all<T>(tx, query))[0];
}

/** The reason our rows in known_residents carry, so closing a plan removes only what the plan put there. */
export const KNOWN_RESIDENT_REASON = 'Huishoudplan (regie)';

// --- Cases -------------------------------------------------------------------------------------------------

export type CaseRow = {
  id: string;
  municipality_id: string;
  household_id: string | null;
  regisseur_id: string | null;
  regisseur_name: string | null;
  status: 'open' | 'gesloten';
  opened_at: Date;
  opened_from_melding_id: string | null;
  version: number;
  label: string;
  plan_language: string;
  closed_at: Date | null;
};

const CASE_SELECT = sql`
  SELECT c.id, c.municipality_id, c.household_id, c.regisseur_id, u.display_name AS regisseur_name, c.status,
         c.opened_at, c.opened_from_melding_id, c.version, c.label, c.plan_language, c.closed_at
    FROM household_cases c LEFT JOIN users u ON u.id = c.regisseur_id`;

export async function findCase(tx: Orm, municipalityId: string, id: string, opts: { lock?: boolean } = {}) {
  return one<CaseRow>(
    tx,
    sql`${CASE_SELECT} WHERE c.municipality_id = ${municipalityId}::uuid AND c.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF c` : sql``}`,
  );
}

export async function openCaseOfHousehold(tx: Orm, municipalityId: string, householdId: string) {
  return one<{ id: string }>(
    tx,
    sql`SELECT id FROM household_cases WHERE municipality_id = ${municipalityId}::uuid
          AND household_id = ${householdId}::uuid AND status = 'open'`,
  );
}

/** Inserts the case; undefined when a concurrent request opened one for the same BRP household first. */
export async function insertCase(
  tx: Orm,
  v: {
    municipalityId: string;
    householdId: string | null;
    regisseurId: string;
    label: string;
    planLanguage: string;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_cases (municipality_id, household_id, regisseur_id, label, plan_language, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.householdId}::uuid, ${v.regisseurId}::uuid, ${v.label},
                ${v.planLanguage}, ${v.createdBy}::uuid)
        ON CONFLICT DO NOTHING RETURNING id`,
  );
}

/** Changes the regisseur only when the version is still the one the caller read; false when it was not. */
export async function setRegisseur(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  regisseurId: string,
): Promise<boolean> {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE household_cases SET regisseur_id = ${regisseurId}::uuid, version = version + 1,
               last_activity_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
         RETURNING id`,
  );
  return r.length === 1;
}

export async function closeCase(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  reason: string,
): Promise<boolean> {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE household_cases SET status = 'gesloten', closed_at = now(), closed_reason = ${reason},
               version = version + 1, last_activity_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
           AND status = 'open'
         RETURNING id`,
  );
  return r.length === 1;
}

export async function setLabel(tx: Orm, municipalityId: string, id: string, label: string) {
  await tx.execute(
    sql`UPDATE household_cases SET label = ${label}
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export async function touchCase(tx: Orm, municipalityId: string, id: string) {
  await tx.execute(
    sql`UPDATE household_cases SET last_activity_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export type CaseloadRow = {
  id: string;
  label: string;
  status: 'open' | 'gesloten';
  regisseur_id: string | null;
  regisseur_name: string | null;
  opened_at: Date;
  last_activity_at: Date;
  cursor_at: string;
  members: number;
  active_goals: number;
  reached_goals: number;
  open_actions: number;
  overdue_actions: number;
  next_due: string | null;
  head_voornamen: string | null;
  head_voorvoegsel: string | null;
  head_geslachtsnaam: string | null;
};

/** One page of the caseload, most recently active first, with the counts a regisseur plans the day by. */
export async function listCaseload(
  tx: Orm,
  f: {
    municipalityId: string;
    status: 'open' | 'gesloten';
    regisseur: { kind: 'user'; id: string } | { kind: 'none' } | { kind: 'all' };
    today: string;
    after?: { at: string; id: string };
    limit: number;
  },
) {
  const who =
    f.regisseur.kind === 'user'
      ? sql`AND c.regisseur_id = ${f.regisseur.id}::uuid`
      : f.regisseur.kind === 'none'
        ? sql`AND c.regisseur_id IS NULL`
        : sql``;
  const after = f.after
    ? sql`AND (c.last_activity_at, c.id) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)`
    : sql``;
  return all<CaseloadRow>(
    tx,
    sql`SELECT c.id, c.label, c.status, c.regisseur_id, u.display_name AS regisseur_name, c.opened_at,
               c.last_activity_at,
               to_char(c.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
               (SELECT count(*)::int FROM household_members m WHERE m.household_case_id = c.id) AS members,
               g.active_goals, g.reached_goals, a.open_actions, a.overdue_actions, a.next_due,
               h.voornamen AS head_voornamen, h.voorvoegsel AS head_voorvoegsel,
               h.geslachtsnaam AS head_geslachtsnaam
          FROM household_cases c
          LEFT JOIN users u ON u.id = c.regisseur_id
          LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE hg.status = 'actief')::int AS active_goals,
                   count(*) FILTER (WHERE hg.status = 'bereikt')::int AS reached_goals
              FROM household_goals hg WHERE hg.household_case_id = c.id) g ON true
          LEFT JOIN LATERAL (
            SELECT count(*)::int AS open_actions,
                   count(*) FILTER (WHERE ha.due_date < ${f.today}::date)::int AS overdue_actions,
                   min(ha.due_date)::text AS next_due
              FROM household_actions ha WHERE ha.household_case_id = c.id AND ha.status = 'open') a ON true
          LEFT JOIN LATERAL (
            SELECT p.voornamen, p.voorvoegsel, p.geslachtsnaam FROM persons p
             WHERE c.label = '' AND p.household_id = c.household_id
             ORDER BY (p.household_role = 'hoofd') DESC, p.geboortedatum LIMIT 1) h ON true
         WHERE c.municipality_id = ${f.municipalityId}::uuid AND c.status = ${f.status} ${who} ${after}
         ORDER BY c.last_activity_at DESC, c.id DESC
         LIMIT ${f.limit}`,
  );
}

/** Regisseurs of the municipality: who a household can be handed over to. */
export async function listRegisseurs(tx: Orm, municipalityId: string) {
  return all<{ id: string; name: string }>(
    tx,
    sql`SELECT u.id, u.display_name AS name FROM users u
          JOIN memberships ms ON ms.user_id = u.id
         WHERE ms.municipality_id = ${municipalityId}::uuid AND ms.role = 'regisseur' AND u.is_active
         ORDER BY u.display_name, u.id`,
  );
}

export async function isRegisseur(tx: Orm, municipalityId: string, userId: string): Promise<boolean> {
  const r = await one<{ ok: boolean }>(
    tx,
    sql`SELECT true AS ok FROM memberships ms JOIN users u ON u.id = ms.user_id
         WHERE ms.municipality_id = ${municipalityId}::uuid AND ms.user_id = ${userId}::uuid
           AND ms.role = 'regisseur' AND u.is_active`,
  );
  return r !== undefined;
}

/** A user of this municipality (any role); a login for a network member. */
export async function findMemberUser(tx: Orm, municipalityId: string, userId: string) {
  return one<{ id: string; name: string }>(
    tx,
    sql`SELECT DISTINCT u.id, u.display_name AS name FROM users u
          JOIN memberships ms ON ms.user_id = u.id
         WHERE ms.municipality_id = ${municipalityId}::uuid AND u.id = ${userId}::uuid AND u.is_active`,
  );
}

// --- BRP ---------------------------------------------------------------------------------------------------

export type BrpMemberRow = {
  id: string;
  household_id: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partner_voorvoegsel: string | null;
  partner_geslachtsnaam: string | null;
  naamgebruik: 'E' | 'P' | 'V' | 'N';
  geboortedatum: string;
  household_role: 'hoofd' | 'partner' | 'kind' | 'overig';
};

const BRP_SELECT = sql`
  SELECT p.id, p.household_id, p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.partner_voorvoegsel,
         p.partner_geslachtsnaam, p.naamgebruik, p.geboortedatum::text AS geboortedatum, p.household_role
    FROM persons p`;

/** The registered members of a BRP household of this municipality (empty when it is not one). */
export async function brpHousehold(tx: Orm, municipalityId: string, householdId: string) {
  return all<BrpMemberRow>(
    tx,
    sql`${BRP_SELECT} WHERE p.municipality_id = ${municipalityId}::uuid AND p.household_id = ${householdId}::uuid
          AND p.brp_status = 'ingeschreven'
        ORDER BY (p.household_role = 'hoofd') DESC, (p.household_role = 'partner') DESC, p.geboortedatum, p.id`,
  );
}

export async function brpPerson(tx: Orm, municipalityId: string, personId: string) {
  return one<BrpMemberRow>(
    tx,
    sql`${BRP_SELECT} WHERE p.municipality_id = ${municipalityId}::uuid AND p.id = ${personId}::uuid`,
  );
}

export async function householdExists(tx: Orm, municipalityId: string, householdId: string) {
  const r = await one<{ ok: boolean }>(
    tx,
    sql`SELECT true AS ok FROM households WHERE municipality_id = ${municipalityId}::uuid
          AND id = ${householdId}::uuid`,
  );
  return r !== undefined;
}

// --- Members -----------------------------------------------------------------------------------------------

export type MemberRow = {
  id: string;
  person_id: string | null;
  bsn: string | null;
  source: 'brp' | 'ingevoerd';
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string | null;
  role: 'hoofd' | 'partner' | 'kind' | 'overig';
  phone: string | null;
  email: string | null;
};

export const membersSql = (municipalityId: string, caseId: string) =>
  sql`SELECT m.id, m.person_id, p.bsn, m.source, m.voornamen, m.voorvoegsel, m.geslachtsnaam,
               m.geboortedatum::text AS geboortedatum, m.role, m.phone, m.email
          FROM household_members m LEFT JOIN persons p ON p.id = m.person_id
         WHERE m.municipality_id = ${municipalityId}::uuid AND m.household_case_id = ${caseId}::uuid
         ORDER BY (m.role = 'hoofd') DESC, (m.role = 'partner') DESC, m.geboortedatum NULLS LAST, m.created_at, m.id`;

export async function membersOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<MemberRow>(tx, membersSql(municipalityId, caseId));
}

export type NewMember = {
  personId: string | null;
  source: 'brp' | 'ingevoerd';
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string | null;
  role: string;
  phone: string | null;
  email: string | null;
};

/** Inserts members; a BRP person already in the case is skipped (ON CONFLICT), the rest are returned. */
export async function insertMembers(
  tx: Orm,
  municipalityId: string,
  caseId: string,
  members: NewMember[],
  createdBy: string | null,
) {
  if (members.length === 0) return [];
  const col = <K extends keyof NewMember>(k: K) => members.map((m) => m[k]);
  return all<{ id: string; person_id: string | null }>(
    tx,
    sql`INSERT INTO household_members (municipality_id, household_case_id, person_id, source, voornamen, voorvoegsel,
                                       geslachtsnaam, geboortedatum, role, phone, email, created_by)
        SELECT ${municipalityId}::uuid, ${caseId}::uuid, x.person_id, x.source, x.voornamen, x.voorvoegsel,
               x.geslachtsnaam, x.geboortedatum, x.role, x.phone, x.email, ${createdBy}::uuid
          FROM unnest(${sql.param(col('personId'))}::uuid[], ${sql.param(col('source'))}::text[],
                      ${sql.param(col('voornamen'))}::text[], ${sql.param(col('voorvoegsel'))}::text[],
                      ${sql.param(col('geslachtsnaam'))}::text[], ${sql.param(col('geboortedatum'))}::date[],
                      ${sql.param(col('role'))}::text[], ${sql.param(col('phone'))}::text[],
                      ${sql.param(col('email'))}::text[])
               AS x(person_id, source, voornamen, voorvoegsel, geslachtsnaam, geboortedatum, role, phone, email)
        ON CONFLICT DO NOTHING
        RETURNING id, person_id`,
  );
}

export async function countMembers(tx: Orm, municipalityId: string, caseId: string) {
  const r = await one<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM household_members
         WHERE municipality_id = ${municipalityId}::uuid AND household_case_id = ${caseId}::uuid`,
  );
  return r?.n ?? 0;
}

/**
 * Keeps known_residents in step with the open plan: every BRP member of an open case is known, with the case's
 * regisseur, so a new vroegsignaal about them is flagged "Inwoner al bekend bij schuldhulpverlening" and routed to
 * that regisseur. Rows with another reason (another capability put them there) only get the regisseur.
 */
export async function syncKnownResidents(tx: Orm, municipalityId: string, caseId: string) {
  await tx.execute(
    sql`INSERT INTO known_residents (municipality_id, person_id, regisseur_user_id, reason, since)
        SELECT m.municipality_id, m.person_id, c.regisseur_id, ${KNOWN_RESIDENT_REASON}, CURRENT_DATE
          FROM household_members m JOIN household_cases c ON c.id = m.household_case_id
         WHERE c.municipality_id = ${municipalityId}::uuid AND c.id = ${caseId}::uuid AND c.status = 'open'
           AND m.person_id IS NOT NULL
        ON CONFLICT (municipality_id, person_id) DO UPDATE SET regisseur_user_id = EXCLUDED.regisseur_user_id`,
  );
}

/** After a plan closes: its members are no longer known through it (unless another open plan holds them). */
export async function releaseKnownResidents(tx: Orm, municipalityId: string, caseId: string) {
  await tx.execute(
    sql`DELETE FROM known_residents k
         WHERE k.municipality_id = ${municipalityId}::uuid AND k.reason = ${KNOWN_RESIDENT_REASON}
           AND k.person_id IN (SELECT m.person_id FROM household_members m
                                WHERE m.household_case_id = ${caseId}::uuid AND m.person_id IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM household_members o JOIN household_cases oc ON oc.id = o.household_case_id
                            WHERE o.person_id = k.person_id AND oc.status = 'open' AND oc.id <> ${caseId}::uuid)`,
  );
}

// --- Regisseur hand-overs ----------------------------------------------------------------------------------

export async function insertHandover(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    fromUserId: string | null;
    toUserId: string;
    reason: string;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_regisseur_handovers (municipality_id, household_case_id, from_user_id, to_user_id,
                                                   reason, handed_over_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.fromUserId}::uuid, ${v.toUserId}::uuid,
                ${v.reason}, ${v.by}::uuid)
        RETURNING id`,
  );
}

export const handoversSql = (municipalityId: string, caseId: string) =>
  sql`SELECT h.id, h.from_user_id, f.display_name AS from_name, h.to_user_id, t.display_name AS to_name,
               h.reason, h.handed_over_by AS by_id, b.display_name AS by_name, h.handed_over_at
          FROM household_regisseur_handovers h
          LEFT JOIN users f ON f.id = h.from_user_id
          LEFT JOIN users t ON t.id = h.to_user_id
          LEFT JOIN users b ON b.id = h.handed_over_by
         WHERE h.municipality_id = ${municipalityId}::uuid AND h.household_case_id = ${caseId}::uuid
         ORDER BY h.handed_over_at, h.id`;

export async function handoversOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<{
    id: string;
    from_user_id: string | null;
    from_name: string | null;
    to_user_id: string;
    to_name: string | null;
    reason: string;
    by_id: string | null;
    by_name: string | null;
    handed_over_at: Date;
  }>(tx, handoversSql(municipalityId, caseId));
}

// --- Network and consent -----------------------------------------------------------------------------------

export type NetworkRow = {
  id: string;
  kind: 'informeel' | 'formeel';
  relation: string;
  name: string;
  organisation: string | null;
  phone: string | null;
  email: string | null;
  user_id: string | null;
  user_name: string | null;
  ended_on: string | null;
};

export const networkSql = (municipalityId: string, caseId: string) =>
  sql`SELECT n.id, n.kind, n.relation, n.name, n.organisation, n.phone, n.email, n.user_id,
               u.display_name AS user_name, n.ended_on::text AS ended_on
          FROM household_network_members n LEFT JOIN users u ON u.id = n.user_id
         WHERE n.municipality_id = ${municipalityId}::uuid AND n.household_case_id = ${caseId}::uuid
         ORDER BY n.ended_on NULLS FIRST, n.kind DESC, n.name, n.id`;

export async function networkOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<NetworkRow>(tx, networkSql(municipalityId, caseId));
}

export async function insertNetworkMember(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    kind: string;
    relation: string;
    name: string;
    organisation: string | null;
    phone: string | null;
    email: string | null;
    userId: string | null;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_network_members (municipality_id, household_case_id, kind, relation, name,
                                               organisation, phone, email, user_id, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.kind}, ${v.relation}, ${v.name},
                ${v.organisation}, ${v.phone}, ${v.email}, ${v.userId}::uuid, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export async function findNetworkMember(tx: Orm, municipalityId: string, id: string) {
  return one<NetworkRow & { household_case_id: string }>(
    tx,
    sql`SELECT n.id, n.household_case_id, n.kind, n.relation, n.name, n.organisation, n.phone, n.email, n.user_id,
               NULL::text AS user_name, n.ended_on::text AS ended_on
          FROM household_network_members n
         WHERE n.municipality_id = ${municipalityId}::uuid AND n.id = ${id}::uuid`,
  );
}

export async function endNetworkMember(tx: Orm, municipalityId: string, id: string, endedOn: string) {
  await tx.execute(
    sql`UPDATE household_network_members SET ended_on = ${endedOn}::date
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export type ConsentRow = {
  id: string;
  household_case_id: string;
  network_member_id: string;
  categories: string[];
  purpose: string;
  given_on: string;
  given_by_member_id: string;
  given_by_name: string;
  recorded_by: string | null;
  recorded_by_name: string | null;
  withdrawn_on: string | null;
  withdrawn_by_member_id: string | null;
  withdrawn_by_name: string | null;
  withdrawal_recorded_by: string | null;
  withdrawal_recorded_by_name: string | null;
};

const CONSENT_SELECT = sql`
  SELECT k.id, k.household_case_id, k.network_member_id, k.categories, k.purpose, k.given_on::text AS given_on,
         k.given_by_member_id,
         concat_ws(' ', g.voornamen, g.voorvoegsel, g.geslachtsnaam) AS given_by_name,
         k.recorded_by, r.display_name AS recorded_by_name, k.withdrawn_on::text AS withdrawn_on,
         k.withdrawn_by_member_id,
         CASE WHEN w.id IS NULL THEN NULL ELSE concat_ws(' ', w.voornamen, w.voorvoegsel, w.geslachtsnaam) END
           AS withdrawn_by_name,
         k.withdrawal_recorded_by, wr.display_name AS withdrawal_recorded_by_name
    FROM household_consents k
    JOIN household_members g ON g.id = k.given_by_member_id
    LEFT JOIN household_members w ON w.id = k.withdrawn_by_member_id
    LEFT JOIN users r ON r.id = k.recorded_by
    LEFT JOIN users wr ON wr.id = k.withdrawal_recorded_by`;

export const consentsSql = (municipalityId: string, caseId: string) =>
  sql`${CONSENT_SELECT}
         WHERE k.municipality_id = ${municipalityId}::uuid AND k.household_case_id = ${caseId}::uuid
         ORDER BY k.given_on DESC, k.recorded_at DESC, k.id`;

export async function consentsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<ConsentRow>(tx, consentsSql(municipalityId, caseId));
}

export async function findConsent(tx: Orm, municipalityId: string, id: string) {
  return one<ConsentRow>(
    tx,
    sql`${CONSENT_SELECT} WHERE k.municipality_id = ${municipalityId}::uuid AND k.id = ${id}::uuid
        FOR UPDATE OF k`,
  );
}

export async function insertConsent(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    networkMemberId: string;
    categories: string[];
    purpose: string;
    givenOn: string;
    givenByMemberId: string;
    recordedBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_consents (municipality_id, household_case_id, network_member_id, categories, purpose,
                                        given_on, given_by_member_id, recorded_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.networkMemberId}::uuid,
                ${sql.param(v.categories)}::text[], ${v.purpose}, ${v.givenOn}::date, ${v.givenByMemberId}::uuid,
                ${v.recordedBy}::uuid)
        RETURNING id`,
  );
}

export async function withdrawConsent(
  tx: Orm,
  municipalityId: string,
  id: string,
  v: { on: string; byMemberId: string; recordedBy: string },
) {
  await tx.execute(
    sql`UPDATE household_consents SET withdrawn_on = ${v.on}::date, withdrawn_by_member_id = ${v.byMemberId}::uuid,
               withdrawal_recorded_by = ${v.recordedBy}::uuid, withdrawal_recorded_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

/**
 * The caller's place in the network of a case: their (not ended) network memberships and the categories of the
 * consents that are in force today. Read on every request, so a withdrawal takes effect on the next one.
 */
export async function networkAccess(
  tx: Orm,
  municipalityId: string,
  caseId: string,
  userId: string,
  today: string,
) {
  return all<{ network_member_id: string; categories: string[] | null; consent_id: string | null }>(
    tx,
    sql`SELECT n.id AS network_member_id, k.categories, k.id AS consent_id
          FROM household_network_members n
          LEFT JOIN household_consents k ON k.network_member_id = n.id AND k.withdrawn_on IS NULL
                                        AND k.given_on <= ${today}::date
         WHERE n.municipality_id = ${municipalityId}::uuid AND n.household_case_id = ${caseId}::uuid
           AND n.user_id = ${userId}::uuid AND (n.ended_on IS NULL OR n.ended_on > ${today}::date)`,
  );
}

/** Households where the user is a network member with consent in force: their own list. */
export async function listNetworkCases(tx: Orm, municipalityId: string, userId: string, today: string) {
  return all<CaseloadRow>(
    tx,
    sql`SELECT DISTINCT ON (c.last_activity_at, c.id) c.id, c.label, c.status, c.regisseur_id,
               u.display_name AS regisseur_name, c.opened_at, c.last_activity_at,
               to_char(c.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
               0 AS members, 0 AS active_goals, 0 AS reached_goals, 0 AS open_actions, 0 AS overdue_actions,
               NULL::text AS next_due, NULL::text AS head_voornamen, NULL::text AS head_voorvoegsel,
               NULL::text AS head_geslachtsnaam
          FROM household_network_members n
          JOIN household_cases c ON c.id = n.household_case_id AND c.status = 'open'
          JOIN household_consents k ON k.network_member_id = n.id AND k.withdrawn_on IS NULL
                                   AND k.given_on <= ${today}::date
          LEFT JOIN users u ON u.id = c.regisseur_id
         WHERE n.municipality_id = ${municipalityId}::uuid AND n.user_id = ${userId}::uuid
           AND (n.ended_on IS NULL OR n.ended_on > ${today}::date)
         ORDER BY c.last_activity_at DESC, c.id DESC
         LIMIT 200`,
  );
}

// --- ZRM and bridge ----------------------------------------------------------------------------------------

export async function insertZrm(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    memberId: string | null;
    assessedOn: string;
    scores: Record<string, number>;
    note: string | null;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_zrm_assessments (municipality_id, household_case_id, member_id, assessed_on, scores,
                                               note, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.memberId}::uuid, ${v.assessedOn}::date,
                ${JSON.stringify(v.scores)}::jsonb, ${v.note}, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export type AssessmentRow = {
  id: string;
  assessed_on: string;
  member_id?: string | null;
  values: Record<string, number>;
  note: string | null;
  by_id: string | null;
  by_name: string | null;
};

export const zrmSql = (municipalityId: string, caseId: string) =>
  sql`SELECT z.id, z.assessed_on::text AS assessed_on, z.member_id, z.scores AS values, z.note,
               z.created_by AS by_id, u.display_name AS by_name
          FROM household_zrm_assessments z LEFT JOIN users u ON u.id = z.created_by
         WHERE z.municipality_id = ${municipalityId}::uuid AND z.household_case_id = ${caseId}::uuid
         ORDER BY z.assessed_on, z.created_at, z.id`;

export async function zrmOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<AssessmentRow>(tx, zrmSql(municipalityId, caseId));
}

export async function insertBridge(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    assessedOn: string;
    levels: Record<string, number>;
    note: string | null;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_bridge_assessments (municipality_id, household_case_id, assessed_on, levels, note,
                                                  created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.assessedOn}::date,
                ${JSON.stringify(v.levels)}::jsonb, ${v.note}, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export const bridgeSql = (municipalityId: string, caseId: string) =>
  sql`SELECT b.id, b.assessed_on::text AS assessed_on, b.levels AS values, b.note,
               b.created_by AS by_id, u.display_name AS by_name
          FROM household_bridge_assessments b LEFT JOIN users u ON u.id = b.created_by
         WHERE b.municipality_id = ${municipalityId}::uuid AND b.household_case_id = ${caseId}::uuid
         ORDER BY b.assessed_on, b.created_at, b.id`;

export async function bridgeOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<AssessmentRow>(tx, bridgeSql(municipalityId, caseId));
}

// --- Goals, actions, progress ------------------------------------------------------------------------------

export type GoalRow = {
  id: string;
  household_case_id: string;
  title: string;
  description: string | null;
  zrm_domain: string | null;
  pillar: string | null;
  chosen_by_member_id: string;
  chosen_by_name: string;
  target_date: string;
  status: 'actief' | 'bereikt' | 'gestopt';
  reached_on: string | null;
  recognition: string | null;
  version: number;
};

const GOAL_SELECT = sql`
  SELECT g.id, g.household_case_id, g.title, g.description, g.zrm_domain, g.pillar, g.chosen_by_member_id,
         concat_ws(' ', m.voornamen, m.voorvoegsel, m.geslachtsnaam) AS chosen_by_name,
         g.target_date::text AS target_date, g.status, g.reached_on::text AS reached_on, g.recognition, g.version
    FROM household_goals g JOIN household_members m ON m.id = g.chosen_by_member_id`;

export const goalsSql = (municipalityId: string, caseId: string) =>
  sql`${GOAL_SELECT} WHERE g.municipality_id = ${municipalityId}::uuid AND g.household_case_id = ${caseId}::uuid
        ORDER BY (g.status = 'actief') DESC, g.target_date, g.created_at, g.id`;

export async function goalsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<GoalRow>(tx, goalsSql(municipalityId, caseId));
}

export async function findGoal(tx: Orm, municipalityId: string, id: string) {
  return one<GoalRow>(
    tx,
    sql`${GOAL_SELECT} WHERE g.municipality_id = ${municipalityId}::uuid AND g.id = ${id}::uuid`,
  );
}

export async function insertGoal(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    title: string;
    description: string | null;
    zrmDomain: string | null;
    pillar: string | null;
    chosenByMemberId: string;
    targetDate: string;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_goals (municipality_id, household_case_id, title, description, zrm_domain, pillar,
                                     chosen_by_member_id, target_date, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.title}, ${v.description}, ${v.zrmDomain},
                ${v.pillar}, ${v.chosenByMemberId}::uuid, ${v.targetDate}::date, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

/** Writes the goal when its version is still the one the caller read; false when someone changed it meanwhile. */
export async function updateGoal(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  v: {
    status: string;
    title: string;
    targetDate: string;
    reachedOn: string | null;
    recognition: string | null;
  },
): Promise<boolean> {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE household_goals SET status = ${v.status}, title = ${v.title}, target_date = ${v.targetDate}::date,
               reached_on = ${v.reachedOn}::date, recognition = ${v.recognition}, version = version + 1
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
         RETURNING id`,
  );
  return r.length === 1;
}

export type ActionRow = {
  id: string;
  goal_id: string;
  household_case_id: string;
  description: string;
  owner_kind: 'bewoner' | 'netwerk' | 'regisseur';
  owner_member_id: string | null;
  owner_network_member_id: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  due_date: string;
  status: 'open' | 'gedaan' | 'vervallen';
  done_on: string | null;
};

const ACTION_SELECT = sql`
  SELECT a.id, a.goal_id, a.household_case_id, a.description, a.owner_kind, a.owner_member_id,
         a.owner_network_member_id, a.owner_user_id,
         CASE a.owner_kind
           WHEN 'bewoner' THEN concat_ws(' ', m.voornamen, m.voorvoegsel, m.geslachtsnaam)
           WHEN 'netwerk' THEN n.name
           ELSE u.display_name END AS owner_name,
         a.due_date::text AS due_date, a.status, a.done_on::text AS done_on
    FROM household_actions a
    LEFT JOIN household_members m ON m.id = a.owner_member_id
    LEFT JOIN household_network_members n ON n.id = a.owner_network_member_id
    LEFT JOIN users u ON u.id = a.owner_user_id`;

export const actionsSql = (municipalityId: string, caseId: string) =>
  sql`${ACTION_SELECT} WHERE a.municipality_id = ${municipalityId}::uuid AND a.household_case_id = ${caseId}::uuid
        ORDER BY a.due_date, a.created_at, a.id`;

export async function actionsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<ActionRow>(tx, actionsSql(municipalityId, caseId));
}

export async function findAction(tx: Orm, municipalityId: string, id: string) {
  return one<ActionRow>(
    tx,
    sql`${ACTION_SELECT} WHERE a.municipality_id = ${municipalityId}::uuid AND a.id = ${id}::uuid`,
  );
}

export async function insertAction(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    goalId: string;
    description: string;
    ownerKind: string;
    ownerMemberId: string | null;
    ownerNetworkMemberId: string | null;
    ownerUserId: string | null;
    dueDate: string;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_actions (municipality_id, household_case_id, goal_id, description, owner_kind,
                                       owner_member_id, owner_network_member_id, owner_user_id, due_date, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.goalId}::uuid, ${v.description}, ${v.ownerKind},
                ${v.ownerMemberId}::uuid, ${v.ownerNetworkMemberId}::uuid, ${v.ownerUserId}::uuid,
                ${v.dueDate}::date, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export async function setActionStatus(
  tx: Orm,
  municipalityId: string,
  id: string,
  status: string,
  doneOn: string | null,
) {
  await tx.execute(
    sql`UPDATE household_actions SET status = ${status}, done_on = ${doneOn}::date
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export type GoalEventRow = {
  id: string;
  goal_id: string;
  kind: 'voortgang' | 'mijlpaal' | 'bereikt';
  note: string;
  occurred_on: string;
  by_id: string | null;
  by_name: string | null;
};

export const goalEventsSql = (municipalityId: string, caseId: string) =>
  sql`SELECT e.id, e.goal_id, e.kind, e.note, e.occurred_on::text AS occurred_on, e.created_by AS by_id,
               u.display_name AS by_name
          FROM household_goal_events e LEFT JOIN users u ON u.id = e.created_by
         WHERE e.municipality_id = ${municipalityId}::uuid AND e.household_case_id = ${caseId}::uuid
         ORDER BY e.occurred_on, e.created_at, e.id`;

export async function goalEventsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<GoalEventRow>(tx, goalEventsSql(municipalityId, caseId));
}

export async function insertGoalEvent(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    goalId: string;
    kind: string;
    note: string;
    occurredOn: string;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_goal_events (municipality_id, household_case_id, goal_id, kind, note, occurred_on,
                                           created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.goalId}::uuid, ${v.kind}, ${v.note},
                ${v.occurredOn}::date, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

// --- Referrals ---------------------------------------------------------------------------------------------

export type ReferralRow = {
  id: string;
  household_case_id: string;
  goal_id: string | null;
  kind: 'intern' | 'extern';
  target: string;
  organisation: string | null;
  reason: string;
  status: 'verzonden' | 'geaccepteerd' | 'afgewezen' | 'afgerond';
  reply: string | null;
  replied_on: string | null;
  remind_on: string | null;
  consent_given_on: string;
  consent_member_id: string;
  consent_member_name: string;
  consent_shared: string;
  version: number;
  created_at: Date;
  by_id: string | null;
  by_name: string | null;
};

const REFERRAL_SELECT = sql`
  SELECT r.id, r.household_case_id, r.goal_id, r.kind, r.target, r.organisation, r.reason, r.status, r.reply,
         r.replied_on::text AS replied_on, r.remind_on::text AS remind_on,
         r.consent_given_on::text AS consent_given_on, r.consent_member_id,
         concat_ws(' ', m.voornamen, m.voorvoegsel, m.geslachtsnaam) AS consent_member_name, r.consent_shared,
         r.version, r.created_at, r.created_by AS by_id, u.display_name AS by_name
    FROM household_referrals r
    JOIN household_members m ON m.id = r.consent_member_id
    LEFT JOIN users u ON u.id = r.created_by`;

export const referralsSql = (municipalityId: string, caseId: string) =>
  sql`${REFERRAL_SELECT}
         WHERE r.municipality_id = ${municipalityId}::uuid AND r.household_case_id = ${caseId}::uuid
         ORDER BY r.created_at DESC, r.id`;

export async function referralsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<ReferralRow>(tx, referralsSql(municipalityId, caseId));
}

export async function findReferral(tx: Orm, municipalityId: string, id: string) {
  return one<ReferralRow>(
    tx,
    sql`${REFERRAL_SELECT} WHERE r.municipality_id = ${municipalityId}::uuid AND r.id = ${id}::uuid`,
  );
}

export async function insertReferral(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    goalId: string | null;
    kind: string;
    target: string;
    organisation: string | null;
    reason: string;
    remindOn: string | null;
    consentGivenOn: string;
    consentMemberId: string;
    consentShared: string;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_referrals (municipality_id, household_case_id, goal_id, kind, target, organisation,
                                         reason, remind_on, consent_given_on, consent_member_id, consent_shared,
                                         created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.goalId}::uuid, ${v.kind}, ${v.target},
                ${v.organisation}, ${v.reason}, ${v.remindOn}::date, ${v.consentGivenOn}::date,
                ${v.consentMemberId}::uuid, ${v.consentShared}, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export async function updateReferral(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  v: { status: string; reply: string | null; repliedOn: string | null; remindOn: string | null },
): Promise<boolean> {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE household_referrals SET status = ${v.status}, reply = ${v.reply}, replied_on = ${v.repliedOn}::date,
               remind_on = ${v.remindOn}::date, version = version + 1, updated_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
         RETURNING id`,
  );
  return r.length === 1;
}

// --- Timeline ----------------------------------------------------------------------------------------------

export type TimelineInsert = {
  municipalityId: string;
  caseId: string;
  category: string;
  kind: string;
  actorUserId: string | null;
  subjectId?: string | null;
  text?: string;
  details?: Record<string, unknown>;
};

/**
 * Appends one event to a household's timeline. Other modules on the same household record (schuldhulp) call this
 * with category 'schuldhulp' in their own transaction.
 */
export async function insertTimelineEvent(tx: Orm, e: TimelineInsert) {
  await tx.execute(
    sql`INSERT INTO household_timeline (municipality_id, household_case_id, category, kind, actor_user_id,
                                        subject_id, text, details)
        VALUES (${e.municipalityId}::uuid, ${e.caseId}::uuid, ${e.category}, ${e.kind}, ${e.actorUserId}::uuid,
                ${e.subjectId ?? null}::uuid, ${e.text ?? ''}, ${JSON.stringify(e.details ?? {})}::jsonb)`,
  );
}

export type TimelineRow = {
  id: string;
  occurred_at: Date;
  cursor_at: string;
  category: string;
  kind: string;
  text: string;
  actor_user_id: string | null;
  actor_name: string | null;
  subject_id: string | null;
};

/**
 * The timeline, newest first: the plan's own events and the warm handovers of meldingen (migration 0005) that
 * brought the household here, optionally only some categories.
 */
export function timelineSql(f: {
  municipalityId: string;
  caseId: string;
  categories: readonly string[] | null;
  after?: { at: string; id: string };
  limit: number;
}) {
  const cats = f.categories ? sql`AND e.category = ANY(${sql.param([...f.categories])}::text[])` : sql``;
  const after = f.after
    ? sql`AND (e.occurred_at, e.id) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)`
    : sql``;
  return sql`SELECT e.id, e.occurred_at,
               to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
               e.category, e.kind, e.text, e.actor_user_id, u.display_name AS actor_name, e.subject_id
          FROM (
            SELECT t.id, t.occurred_at, t.category, t.kind, t.text, t.actor_user_id, t.subject_id
              FROM household_timeline t
             WHERE t.municipality_id = ${f.municipalityId}::uuid AND t.household_case_id = ${f.caseId}::uuid
            UNION ALL
            SELECT h.id, h.created_at, 'melding', 'melding_' || h.kind, coalesce(h.organisation, ''), h.created_by,
                   h.melding_id
              FROM melding_handovers h
             WHERE h.municipality_id = ${f.municipalityId}::uuid AND h.household_case_id = ${f.caseId}::uuid
          ) e
          LEFT JOIN users u ON u.id = e.actor_user_id
         WHERE true ${cats} ${after}
         ORDER BY e.occurred_at DESC, e.id DESC
         LIMIT ${f.limit}`;
}

export async function timelineOf(tx: Orm, f: Parameters<typeof timelineSql>[0]) {
  return all<TimelineRow>(tx, timelineSql(f));
}

// --- The whole household in one round trip -----------------------------------------------------------------

export type ViewBundle = {
  members: MemberRow[] | null;
  handovers: Awaited<ReturnType<typeof handoversOf>> | null;
  network: NetworkRow[] | null;
  consents: ConsentRow[];
  zrm: AssessmentRow[] | null;
  bridge: AssessmentRow[] | null;
  goals: GoalRow[] | null;
  actions: ActionRow[] | null;
  events: GoalEventRow[] | null;
  referrals: ReferralRow[] | null;
  timeline: TimelineRow[] | null;
};

const agg = (q: SQL) => sql`(SELECT coalesce(json_agg(t), '[]'::json) FROM (${q}) t)`;
const none = sql`NULL::json`;

/**
 * Every part of the household view the caller may see, as JSON arrays from one query: opening a household is one
 * round trip instead of a dozen (the rows keep the order of each part's ORDER BY). Parts left out come back null.
 */
export async function viewBundle(
  tx: Orm,
  municipalityId: string,
  caseId: string,
  p: {
    members: boolean;
    handovers: boolean;
    network: boolean;
    zrm: boolean;
    goals: boolean;
    referrals: boolean;
    timeline: { categories: readonly string[] | null; limit: number } | null;
  },
): Promise<ViewBundle> {
  const m = municipalityId;
  // The largest statement of the module and the one every opening of a household runs: prepared once per connection.
  const [row] = rows<ViewBundle>(
    await executeNamed(
      tx,
      sql`SELECT ${p.members ? agg(membersSql(m, caseId)) : none} AS members,
               ${p.handovers ? agg(handoversSql(m, caseId)) : none} AS handovers,
               ${p.network ? agg(networkSql(m, caseId)) : none} AS network,
               ${agg(consentsSql(m, caseId))} AS consents,
               ${p.zrm ? agg(zrmSql(m, caseId)) : none} AS zrm,
               ${p.zrm ? agg(bridgeSql(m, caseId)) : none} AS bridge,
               ${p.goals ? agg(goalsSql(m, caseId)) : none} AS goals,
               ${p.goals ? agg(actionsSql(m, caseId)) : none} AS actions,
               ${p.goals ? agg(goalEventsSql(m, caseId)) : none} AS events,
               ${p.referrals ? agg(referralsSql(m, caseId)) : none} AS referrals,
               ${p.timeline ? agg(timelineSql({ municipalityId: m, caseId, ...p.timeline })) : none} AS timeline`,
    ),
  );
  if (!row) throw new Error('view bundle returned nothing');
  return row;
}
