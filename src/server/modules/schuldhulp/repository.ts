// SQL of the debt-help trajectory. Every query is scoped to a municipality; dates come back as YYYY-MM-DD text and
// amounts in cents as numbers.
import { type SQL, sql } from 'drizzle-orm';
import type {
  DebtStatus,
  ShvBegeleidingssoort,
  ShvBeschikkingssoort,
  ShvOplossingssoort,
  ShvPeriodKind,
  ShvPhase,
  ShvSchuldensoort,
  ShvThreatKind,
  ShvUitstroomreden,
} from '../../../shared/ddas-shv.ts';
import type { NameParts } from '../../../shared/names.ts';
import type { Orm } from '../../db/client.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

// --- Settings ----------------------------------------------------------------------------------------------

export async function findSettings(tx: Orm, municipalityId: string) {
  return rows<{ decisionWeeks: number; dueSoonWorkingDays: number }>(
    await tx.execute(sql`
      SELECT decision_weeks AS "decisionWeeks", due_soon_working_days AS "dueSoonWorkingDays"
        FROM debt_help_settings WHERE municipality_id = ${municipalityId}::uuid`),
  )[0];
}

export async function upsertSettings(
  tx: Orm,
  municipalityId: string,
  s: { decisionWeeks: number; dueSoonWorkingDays: number },
  userId: string,
) {
  await tx.execute(sql`
    INSERT INTO debt_help_settings (municipality_id, decision_weeks, due_soon_working_days, updated_by)
    VALUES (${municipalityId}::uuid, ${s.decisionWeeks}, ${s.dueSoonWorkingDays}, ${userId}::uuid)
    ON CONFLICT (municipality_id) DO UPDATE SET decision_weeks = EXCLUDED.decision_weeks,
      due_soon_working_days = EXCLUDED.due_soon_working_days, updated_by = EXCLUDED.updated_by, updated_at = now()`);
}

// --- Household case, persons, users ------------------------------------------------------------------------

export async function findCase(tx: Orm, municipalityId: string, id: string) {
  return rows<{ id: string; householdId: string | null; status: 'open' | 'gesloten' }>(
    await tx.execute(sql`
      SELECT id::text, household_id::text AS "householdId", status FROM household_cases
       WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`),
  )[0];
}

export type PersonRow = NameParts & {
  id: string;
  bsn: string;
  geboortedatum: string;
  geslacht: 'M' | 'V' | 'O';
  householdId: string;
  householdRole: string;
};

const PERSON_COLUMNS = sql`p.id::text, p.bsn, p.voornamen, p.voorvoegsel, p.geslachtsnaam,
  p.partner_voorvoegsel AS "partnerVoorvoegsel", p.partner_geslachtsnaam AS "partnerGeslachtsnaam", p.naamgebruik,
  p.geboortedatum::text AS geboortedatum, p.geslacht, p.household_id::text AS "householdId",
  p.household_role AS "householdRole"`;

/** The adults of a household, head first: who a trajectory is for unless the caller names them. */
export async function adultsOfHousehold(tx: Orm, municipalityId: string, householdId: string) {
  return rows<PersonRow>(
    await tx.execute(sql`
      SELECT ${PERSON_COLUMNS} FROM persons p
       WHERE p.municipality_id = ${municipalityId}::uuid AND p.household_id = ${householdId}::uuid
         AND p.household_role IN ('hoofd', 'partner')
       ORDER BY CASE p.household_role WHEN 'hoofd' THEN 0 ELSE 1 END, p.geboortedatum, p.id`),
  );
}

export async function personsByIds(tx: Orm, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return rows<PersonRow>(
    await tx.execute(sql`
      SELECT ${PERSON_COLUMNS} FROM persons p
       WHERE p.municipality_id = ${municipalityId}::uuid AND p.id = ANY(${`{${ids.join(',')}}`}::uuid[])`),
  );
}

/** Active users of the municipality holding one of the roles. */
export async function usersWithRoles(tx: Orm, municipalityId: string, roles: string[]) {
  return rows<{ id: string; name: string }>(
    await tx.execute(sql`
      SELECT DISTINCT u.id::text, u.display_name AS name FROM users u
        JOIN memberships m ON m.user_id = u.id
       WHERE m.municipality_id = ${municipalityId}::uuid AND u.is_active
         AND m.role = ANY(${`{${roles.join(',')}}`}::text[])
       ORDER BY name, id`),
  );
}

export async function userNames(tx: Orm, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const found = rows<{ id: string; name: string }>(
    await tx.execute(sql`
      SELECT id::text, display_name AS name FROM users WHERE id = ANY(${`{${wanted.join(',')}}`}::uuid[])`),
  );
  return new Map(found.map((r) => [r.id, r.name]));
}

// --- Trajectories ------------------------------------------------------------------------------------------

export type TrajectoryRow = {
  id: string;
  municipalityId: string;
  version: number;
  householdCaseId: string;
  householdId: string | null;
  meldingId: string | null;
  counsellorId: string | null;
  requestedOn: string;
  isThreatening: boolean;
  threatKind: ShvThreatKind | null;
  crisis: boolean;
  firstConversationDue: string;
  firstConversationOn: string | null;
  status: 'aangevraagd' | 'in_behandeling' | 'afgerond' | 'ingetrokken';
  aanmeldingEnd: string | null;
  infoAdviesStart: string | null;
  infoAdviesEnd: string | null;
  intakeEnd: string | null;
  beschikkingOn: string | null;
  beschikkingssoort: ShvBeschikkingssoort | null;
  planVanAanpakOn: string | null;
  stabilisatieStart: string | null;
  stabilisatieEnd: string | null;
  oplossingSoort: ShvOplossingssoort | null;
  oplossingStart: string | null;
  oplossingEnd: string | null;
  vtlbCents: number | null;
  schuldregelingOn: string | null;
  schuldregelingToegekend: string | null;
  schuldregelingAfgewezen: string | null;
  schuldregelingIngetrokken: string | null;
  dwangakkoord: boolean;
  dwangakkoordVerzoekOn: string | null;
  nazorgStart: string | null;
  nazorgEnd: string | null;
  uitstroomOn: string | null;
  uitstroomReden: ShvUitstroomreden | null;
  uitstroomOmschrijving: string | null;
  beeindigingsbeschikkingOn: string | null;
  note: string | null;
};

/** The writable columns of a trajectory, by their names in TrajectoryRow. */
export const TRAJECTORY_COLUMNS = {
  counsellorId: 'counsellor_id',
  crisis: 'crisis',
  firstConversationOn: 'first_conversation_on',
  status: 'status',
  aanmeldingEnd: 'aanmelding_end',
  infoAdviesStart: 'info_advies_start',
  infoAdviesEnd: 'info_advies_end',
  intakeEnd: 'intake_end',
  beschikkingOn: 'beschikking_on',
  beschikkingssoort: 'beschikkingssoort',
  planVanAanpakOn: 'plan_van_aanpak_on',
  stabilisatieStart: 'stabilisatie_start',
  stabilisatieEnd: 'stabilisatie_end',
  oplossingSoort: 'oplossing_soort',
  oplossingStart: 'oplossing_start',
  oplossingEnd: 'oplossing_end',
  vtlbCents: 'vtlb_cents',
  schuldregelingOn: 'schuldregeling_on',
  schuldregelingToegekend: 'schuldregeling_toegekend',
  schuldregelingAfgewezen: 'schuldregeling_afgewezen',
  schuldregelingIngetrokken: 'schuldregeling_ingetrokken',
  dwangakkoord: 'dwangakkoord',
  dwangakkoordVerzoekOn: 'dwangakkoord_verzoek_on',
  nazorgStart: 'nazorg_start',
  nazorgEnd: 'nazorg_end',
  uitstroomOn: 'uitstroom_on',
  uitstroomReden: 'uitstroom_reden',
  uitstroomOmschrijving: 'uitstroom_omschrijving',
  beeindigingsbeschikkingOn: 'beeindigingsbeschikking_on',
} as const satisfies Partial<Record<keyof TrajectoryRow, string>>;
export type TrajectoryPatch = Partial<{
  [K in keyof typeof TRAJECTORY_COLUMNS]: TrajectoryRow[K];
}>;

const TRAJECTORY_SELECT = sql`
  r.id::text, r.municipality_id::text AS "municipalityId", r.version, r.household_case_id::text AS "householdCaseId",
  hc.household_id::text AS "householdId", r.melding_id::text AS "meldingId", r.counsellor_id::text AS "counsellorId",
  r.requested_on::text AS "requestedOn", r.is_threatening AS "isThreatening", r.threat_kind AS "threatKind", r.crisis,
  r.first_conversation_due::text AS "firstConversationDue", r.first_conversation_on::text AS "firstConversationOn",
  r.status, r.aanmelding_end::text AS "aanmeldingEnd", r.info_advies_start::text AS "infoAdviesStart",
  r.info_advies_end::text AS "infoAdviesEnd", r.intake_end::text AS "intakeEnd",
  r.beschikking_on::text AS "beschikkingOn", r.beschikkingssoort, r.plan_van_aanpak_on::text AS "planVanAanpakOn",
  r.stabilisatie_start::text AS "stabilisatieStart", r.stabilisatie_end::text AS "stabilisatieEnd",
  r.oplossing_soort AS "oplossingSoort", r.oplossing_start::text AS "oplossingStart",
  r.oplossing_end::text AS "oplossingEnd", r.vtlb_cents::float8 AS "vtlbCents",
  r.schuldregeling_on::text AS "schuldregelingOn", r.schuldregeling_toegekend::text AS "schuldregelingToegekend",
  r.schuldregeling_afgewezen::text AS "schuldregelingAfgewezen",
  r.schuldregeling_ingetrokken::text AS "schuldregelingIngetrokken", r.dwangakkoord,
  r.dwangakkoord_verzoek_on::text AS "dwangakkoordVerzoekOn", r.nazorg_start::text AS "nazorgStart",
  r.nazorg_end::text AS "nazorgEnd", r.uitstroom_on::text AS "uitstroomOn", r.uitstroom_reden AS "uitstroomReden",
  r.uitstroom_omschrijving AS "uitstroomOmschrijving",
  r.beeindigingsbeschikking_on::text AS "beeindigingsbeschikkingOn", r.note`;

export async function insertTrajectory(
  tx: Orm,
  v: {
    municipalityId: string;
    householdCaseId: string;
    requestedOn: string;
    isThreatening: boolean;
    threatKind: ShvThreatKind | null;
    crisis: boolean;
    firstConversationDue: string;
    counsellorId: string | null;
    note: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = rows<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO debt_help_requests (municipality_id, household_case_id, requested_on, is_threatening, threat_kind,
        crisis, first_conversation_due, counsellor_id, note, created_by)
      VALUES (${v.municipalityId}::uuid, ${v.householdCaseId}::uuid, ${v.requestedOn}::date, ${v.isThreatening},
        ${v.threatKind}, ${v.crisis}, ${v.firstConversationDue}::date, ${v.counsellorId}::uuid, ${v.note},
        ${v.createdBy}::uuid)
      RETURNING id::text`),
  );
  if (!row) throw new Error('trajectory insert returned nothing');
  return row.id;
}

export async function insertClients(
  tx: Orm,
  municipalityId: string,
  trajectoryId: string,
  personIds: string[],
) {
  for (const [i, personId] of personIds.entries()) {
    await tx.execute(sql`
      INSERT INTO debt_help_clients (debt_help_request_id, person_id, municipality_id, position)
      VALUES (${trajectoryId}::uuid, ${personId}::uuid, ${municipalityId}::uuid, ${i + 1})`);
  }
}

export async function findTrajectory(
  tx: Orm,
  municipalityId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TrajectoryRow | undefined> {
  return rows<TrajectoryRow>(
    await tx.execute(sql`
      SELECT ${TRAJECTORY_SELECT} FROM debt_help_requests r JOIN household_cases hc ON hc.id = r.household_case_id
       WHERE r.municipality_id = ${municipalityId}::uuid AND r.id = ${id}::uuid
       ${opts.forUpdate ? sql`FOR UPDATE OF r` : sql``}`),
  )[0];
}

/** Writes the patch when the version still matches; false when someone else changed the trajectory first. */
export async function updateTrajectory(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  patch: TrajectoryPatch,
): Promise<boolean> {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  for (const [key, value] of Object.entries(patch)) {
    const column = TRAJECTORY_COLUMNS[key as keyof typeof TRAJECTORY_COLUMNS];
    if (value === undefined) continue;
    sets.push(sql`${sql.raw(column)} = ${value}`);
  }
  const updated = rows<{ id: string }>(
    await tx.execute(sql`
      UPDATE debt_help_requests SET ${sql.join(sets, sql`, `)}
       WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
      RETURNING id::text`),
  );
  return updated.length === 1;
}

/**
 * The residents of a trajectory. A request from a warm handover (follow-up) names none yet: then the adults of the
 * household, as an aanmelding here would have named them.
 */
export async function clientsOf(tx: Orm, municipalityId: string, trajectoryId: string) {
  const linked = await linkedClients(tx, municipalityId, trajectoryId);
  if (linked.length > 0) return linked;
  const [t] = rows<{ householdId: string | null }>(
    await tx.execute(sql`
      SELECT hc.household_id::text AS "householdId" FROM debt_help_requests r
        JOIN household_cases hc ON hc.id = r.household_case_id
       WHERE r.municipality_id = ${municipalityId}::uuid AND r.id = ${trajectoryId}::uuid`),
  );
  return t?.householdId ? (await adultsOfHousehold(tx, municipalityId, t.householdId)).slice(0, 2) : [];
}

async function linkedClients(tx: Orm, municipalityId: string, trajectoryId: string) {
  return rows<PersonRow & { position: number }>(
    await tx.execute(sql`
      SELECT ${PERSON_COLUMNS}, c.position FROM debt_help_clients c JOIN persons p ON p.id = c.person_id
       WHERE c.municipality_id = ${municipalityId}::uuid AND c.debt_help_request_id = ${trajectoryId}::uuid
       ORDER BY c.position`),
  );
}

/** Periods still running end on the uitstroom day. */
export async function endOpenPeriods(tx: Orm, municipalityId: string, trajectoryId: string, on: string) {
  await tx.execute(sql`
    UPDATE debt_help_periods SET end_on = ${on}::date
     WHERE municipality_id = ${municipalityId}::uuid AND debt_help_request_id = ${trajectoryId}::uuid
       AND end_on IS NULL`);
}

/** An event on the household timeline (migration 0010), and the case's last activity. */
export async function insertTimelineEvent(
  tx: Orm,
  e: {
    municipalityId: string;
    householdCaseId: string;
    kind: string;
    actorUserId: string | null;
    subjectId: string;
    text: string;
    details: Record<string, unknown>;
  },
) {
  await tx.execute(sql`
    INSERT INTO household_timeline (municipality_id, household_case_id, category, kind, actor_user_id, subject_id,
      text, details)
    VALUES (${e.municipalityId}::uuid, ${e.householdCaseId}::uuid, 'schuldhulp', ${e.kind}, ${e.actorUserId}::uuid,
      ${e.subjectId}::uuid, ${e.text}, ${JSON.stringify(e.details)}::jsonb)`);
  await tx.execute(sql`
    UPDATE household_cases SET last_activity_at = now()
     WHERE municipality_id = ${e.municipalityId}::uuid AND id = ${e.householdCaseId}::uuid`);
}

// --- Periods -----------------------------------------------------------------------------------------------

export type PeriodRow = {
  id: string;
  trajectoryId: string;
  kind: ShvPeriodKind;
  startOn: string;
  endOn: string | null;
  requestedOn: string | null;
  approvedOn: string | null;
  begeleidingssoort: ShvBegeleidingssoort | null;
};

const PERIOD_SELECT = sql`id::text, debt_help_request_id::text AS "trajectoryId", kind, start_on::text AS "startOn",
  end_on::text AS "endOn", requested_on::text AS "requestedOn", approved_on::text AS "approvedOn", begeleidingssoort`;

export async function periodsOf(tx: Orm, municipalityId: string, trajectoryId: string) {
  return rows<PeriodRow>(
    await tx.execute(sql`
      SELECT ${PERIOD_SELECT} FROM debt_help_periods
       WHERE municipality_id = ${municipalityId}::uuid AND debt_help_request_id = ${trajectoryId}::uuid
       ORDER BY start_on, created_at, id`),
  );
}

export async function findPeriod(tx: Orm, municipalityId: string, id: string) {
  return rows<PeriodRow>(
    await tx.execute(sql`
      SELECT ${PERIOD_SELECT} FROM debt_help_periods
       WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`),
  )[0];
}

export async function insertPeriod(
  tx: Orm,
  v: Omit<PeriodRow, 'id'> & { municipalityId: string; createdBy: string | null },
): Promise<string> {
  const [row] = rows<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO debt_help_periods (municipality_id, debt_help_request_id, kind, start_on, end_on, requested_on,
        approved_on, begeleidingssoort, created_by)
      VALUES (${v.municipalityId}::uuid, ${v.trajectoryId}::uuid, ${v.kind}, ${v.startOn}::date, ${v.endOn}::date,
        ${v.requestedOn}::date, ${v.approvedOn}::date, ${v.begeleidingssoort}, ${v.createdBy}::uuid)
      RETURNING id::text`),
  );
  if (!row) throw new Error('period insert returned nothing');
  return row.id;
}

export async function updatePeriod(
  tx: Orm,
  municipalityId: string,
  id: string,
  v: { endOn: string | null; approvedOn?: string | null },
) {
  await tx.execute(sql`
    UPDATE debt_help_periods SET end_on = ${v.endOn}::date
      ${v.approvedOn !== undefined ? sql`, approved_on = ${v.approvedOn}::date` : sql``}
     WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`);
}

// --- Debts -------------------------------------------------------------------------------------------------

export type DebtRow = {
  id: string;
  trajectoryId: string;
  creditorName: string;
  creditorKvk: string | null;
  creditorPostcode: string | null;
  creditorIsPrivate: boolean;
  schuldsoort: ShvSchuldensoort;
  isBusiness: boolean;
  originalCents: number;
  currentCents: number;
  status: DebtStatus;
  establishedOn: string;
  reference: string | null;
  version: number;
};

const DEBT_SELECT = sql`id::text, debt_help_request_id::text AS "trajectoryId", creditor_name AS "creditorName",
  creditor_kvk AS "creditorKvk", creditor_postcode AS "creditorPostcode", creditor_is_private AS "creditorIsPrivate",
  schuldsoort, is_business AS "isBusiness", original_cents::float8 AS "originalCents",
  current_cents::float8 AS "currentCents", status, established_on::text AS "establishedOn", reference, version`;

export async function debtsOf(tx: Orm, municipalityId: string, trajectoryId: string) {
  return rows<DebtRow>(
    await tx.execute(sql`
      SELECT ${DEBT_SELECT} FROM debts
       WHERE municipality_id = ${municipalityId}::uuid AND debt_help_request_id = ${trajectoryId}::uuid
       ORDER BY created_at, id`),
  );
}

export async function findDebt(tx: Orm, municipalityId: string, id: string) {
  return rows<DebtRow>(
    await tx.execute(sql`
      SELECT ${DEBT_SELECT} FROM debts WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`),
  )[0];
}

export type NewDebt = Omit<DebtRow, 'id' | 'version'>;

/** Many debts in one statement (unnest), as a CSV import brings them. */
export async function insertDebts(
  tx: Orm,
  municipalityId: string,
  createdBy: string | null,
  debts: NewDebt[],
): Promise<string[]> {
  if (debts.length === 0) return [];
  const inserted = rows<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO debts (municipality_id, debt_help_request_id, creditor_name, creditor_kvk, creditor_postcode,
        creditor_is_private, schuldsoort, is_business, original_cents, current_cents, status, established_on,
        reference, created_by)
      SELECT ${municipalityId}::uuid, t.trajectory_id, t.creditor_name, t.creditor_kvk, t.creditor_postcode,
        t.creditor_is_private, t.schuldsoort, t.is_business, t.original_cents, t.current_cents, t.status,
        t.established_on, t.reference, ${createdBy}::uuid
        FROM jsonb_to_recordset(${JSON.stringify(
          debts.map((d, ord) => ({
            trajectory_id: d.trajectoryId,
            creditor_name: d.creditorName,
            creditor_kvk: d.creditorKvk,
            creditor_postcode: d.creditorPostcode,
            creditor_is_private: d.creditorIsPrivate,
            schuldsoort: d.schuldsoort,
            is_business: d.isBusiness,
            original_cents: d.originalCents,
            current_cents: d.currentCents,
            status: d.status,
            established_on: d.establishedOn,
            reference: d.reference,
            ord,
          })),
        )}::jsonb) AS t(trajectory_id uuid, creditor_name text, creditor_kvk text, creditor_postcode text,
          creditor_is_private boolean, schuldsoort text, is_business boolean, original_cents bigint,
          current_cents bigint, status text, established_on date, reference text, ord int)
       ORDER BY t.ord
      RETURNING id::text`),
  );
  return inserted.map((r) => r.id);
}

export async function updateDebt(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  v: {
    creditorName?: string;
    schuldsoort?: ShvSchuldensoort;
    currentCents?: number;
    status?: DebtStatus;
    reference?: string | null;
  },
): Promise<boolean> {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  if (v.creditorName !== undefined) sets.push(sql`creditor_name = ${v.creditorName}`);
  if (v.schuldsoort !== undefined) sets.push(sql`schuldsoort = ${v.schuldsoort}`);
  if (v.currentCents !== undefined) sets.push(sql`current_cents = ${v.currentCents}`);
  if (v.status !== undefined) sets.push(sql`status = ${v.status}`);
  if (v.reference !== undefined) sets.push(sql`reference = ${v.reference}`);
  return (
    rows(
      await tx.execute(sql`
        UPDATE debts SET ${sql.join(sets, sql`, `)}
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
        RETURNING id`),
    ).length === 1
  );
}

// --- Lists -------------------------------------------------------------------------------------------------

export type ListRow = TrajectoryRow & {
  clients: { personId: string; name: NameParts }[] | null;
  debtCurrentCents: number;
  periods: { id: string; kind: ShvPeriodKind; startOn: string; endOn: string | null }[] | null;
};

const LIST_EXTRAS = sql`
  (SELECT json_agg(json_build_object('personId', p.id, 'name', json_build_object('voornamen', p.voornamen,
      'voorvoegsel', p.voorvoegsel, 'geslachtsnaam', p.geslachtsnaam, 'partnerVoorvoegsel', p.partner_voorvoegsel,
      'partnerGeslachtsnaam', p.partner_geslachtsnaam, 'naamgebruik', p.naamgebruik)) ORDER BY c.position)
     FROM debt_help_clients c JOIN persons p ON p.id = c.person_id WHERE c.debt_help_request_id = r.id) AS clients,
  (SELECT coalesce(sum(d.current_cents), 0)::float8 FROM debts d WHERE d.debt_help_request_id = r.id)
    AS "debtCurrentCents",
  (SELECT json_agg(json_build_object('id', x.id, 'kind', x.kind, 'startOn', x.start_on, 'endOn', x.end_on)
      ORDER BY x.start_on)
     FROM debt_help_periods x WHERE x.debt_help_request_id = r.id AND x.kind IN ('crisisinterventie', 'moratorium'))
    AS periods`;

/** The current phase as SQL: the furthest phase that has started (policy.currentPhase). */
const PHASE_STEPS: [ShvPhase, SQL][] = [
  ['uitstroom', sql`r.uitstroom_on IS NOT NULL`],
  ['nazorg', sql`r.nazorg_start IS NOT NULL`],
  ['oplossing', sql`r.oplossing_start IS NOT NULL`],
  ['stabilisatie', sql`r.stabilisatie_start IS NOT NULL`],
  ['intake', sql`r.first_conversation_on IS NOT NULL`],
  ['informatie_en_advies', sql`r.info_advies_start IS NOT NULL`],
];
const PHASE_WHERE = Object.fromEntries(
  [...PHASE_STEPS, ['aanmelding', sql`true`] as [ShvPhase, SQL]].map(([phase, started], i, all) => {
    const later = all.slice(0, i).map(([, s]) => sql`NOT (${s})`);
    return [phase, sql`(${sql.join([started, ...later], sql` AND `)})`];
  }),
) as Record<ShvPhase, SQL>;

/** A page of trajectories, newest request first (keyset on requested_on, id). */
export async function listTrajectories(
  tx: Orm,
  municipalityId: string,
  f: {
    counsellorId?: string;
    householdCaseId?: string;
    open?: boolean;
    phase?: ShvPhase;
    after?: { requestedOn: string; id: string };
    limit: number;
  },
): Promise<ListRow[]> {
  const where: SQL[] = [sql`r.municipality_id = ${municipalityId}::uuid`];
  if (f.counsellorId) where.push(sql`r.counsellor_id = ${f.counsellorId}::uuid`);
  if (f.householdCaseId) where.push(sql`r.household_case_id = ${f.householdCaseId}::uuid`);
  if (f.open) where.push(sql`r.uitstroom_on IS NULL`);
  if (f.phase) where.push(PHASE_WHERE[f.phase]);
  if (f.after) where.push(sql`(r.requested_on, r.id) < (${f.after.requestedOn}::date, ${f.after.id}::uuid)`);
  return rows<ListRow>(
    await tx.execute(sql`
      SELECT ${TRAJECTORY_SELECT}, ${LIST_EXTRAS}
        FROM debt_help_requests r JOIN household_cases hc ON hc.id = r.household_case_id
       WHERE ${sql.join(where, sql` AND `)}
       ORDER BY r.requested_on DESC, r.id DESC
       LIMIT ${f.limit}`),
  );
}

/** Open trajectories of every municipality, for the reminder job (keyset on id). */
export async function openTrajectoriesChunk(tx: Orm, after: string | null, limit: number) {
  return rows<ListRow>(
    await tx.execute(sql`
      SELECT ${TRAJECTORY_SELECT}, ${LIST_EXTRAS}
        FROM debt_help_requests r JOIN household_cases hc ON hc.id = r.household_case_id
       WHERE r.uitstroom_on IS NULL AND r.status <> 'ingetrokken'
         ${after ? sql`AND r.id > ${after}::uuid` : sql``}
       ORDER BY r.id LIMIT ${limit}`),
  );
}

// --- Reminders ---------------------------------------------------------------------------------------------

export type NewReminder = {
  municipalityId: string;
  trajectoryId: string;
  clock: string;
  periodId: string | null;
  kind: 'due_soon' | 'overdue';
  dueOn: string;
  userId: string | null;
};

/** Idempotent: a reminder that exists for the same clock, period and kind is left alone. */
export async function insertReminders(tx: Orm, list: NewReminder[]): Promise<number> {
  if (list.length === 0) return 0;
  const inserted = rows(
    await tx.execute(sql`
      INSERT INTO debt_help_reminders (municipality_id, debt_help_request_id, clock, period_id, kind, due_on, user_id)
      SELECT t.municipality_id, t.trajectory_id, t.clock, t.period_id, t.kind, t.due_on, t.user_id
        FROM jsonb_to_recordset(${JSON.stringify(
          list.map((r) => ({
            municipality_id: r.municipalityId,
            trajectory_id: r.trajectoryId,
            clock: r.clock,
            period_id: r.periodId,
            kind: r.kind,
            due_on: r.dueOn,
            user_id: r.userId,
          })),
        )}::jsonb) AS t(municipality_id uuid, trajectory_id uuid, clock text, period_id uuid, kind text,
          due_on date, user_id uuid)
      ON CONFLICT DO NOTHING
      RETURNING id`),
  );
  return inserted.length;
}

/** Reminders of clocks that are no longer open (met, or the trajectory ended) are resolved. */
export async function resolveReminders(
  tx: Orm,
  trajectoryId: string,
  stillOpen: { clock: string; periodId: string | null }[],
) {
  const keep = stillOpen.map((c) => `${c.clock}:${c.periodId ?? ''}`);
  await tx.execute(sql`
    UPDATE debt_help_reminders SET resolved_at = now()
     WHERE debt_help_request_id = ${trajectoryId}::uuid AND resolved_at IS NULL
       AND NOT (clock || ':' || coalesce(period_id::text, '') = ANY(${`{${keep.map((k) => `"${k}"`).join(',')}}`}::text[]))`);
}

export async function openReminders(tx: Orm, municipalityId: string, userId: string | null, limit: number) {
  return rows<{
    id: string;
    trajectoryId: string;
    clock: string;
    kind: 'due_soon' | 'overdue';
    dueOn: string;
    createdAt: string;
  }>(
    await tx.execute(sql`
      SELECT id::text, debt_help_request_id::text AS "trajectoryId", clock, kind, due_on::text AS "dueOn",
             to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
        FROM debt_help_reminders
       WHERE municipality_id = ${municipalityId}::uuid AND resolved_at IS NULL
         ${userId ? sql`AND user_id = ${userId}::uuid` : sql``}
       ORDER BY due_on, kind DESC, id LIMIT ${limit}`),
  );
}
