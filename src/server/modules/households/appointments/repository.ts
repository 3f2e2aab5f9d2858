// SQL of appointments, preparation calls and referral reminders. Every function takes the municipality id and
// filters on it (the job's sweep goes municipality by municipality): a row of another municipality is never found.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../../db/client.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return rows<T>(await tx.execute(query));
}

async function one<T>(tx: Orm, query: SQL): Promise<T | undefined> {
  return (await all<T>(tx, query))[0];
}

// --- Appointments ------------------------------------------------------------------------------------------

export type AppointmentRow = {
  id: string;
  household_case_id: string;
  starts_at: Date;
  ends_at: Date;
  mode: 'locatie' | 'telefoon' | 'video';
  location: string | null;
  purpose: 'eerste_gesprek' | 'vervolggesprek' | 'huisbezoek' | 'netwerkoverleg' | 'overig';
  note: string | null;
  professional_user_id: string | null;
  professional_name: string | null;
  status: 'gepland' | 'gehouden' | 'geannuleerd' | 'niet_verschenen';
  status_reason: string | null;
  version: number;
  created_at: Date;
  by_id: string | null;
  by_name: string | null;
  network: { id: string; name: string; organisation: string | null }[];
};

const APPOINTMENT_SELECT = sql`
  SELECT a.id, a.household_case_id, a.starts_at, a.ends_at, a.mode, a.location, a.purpose, a.note,
         a.professional_user_id, p.display_name AS professional_name, a.status, a.status_reason, a.version,
         a.created_at, a.created_by AS by_id, b.display_name AS by_name,
         coalesce((SELECT json_agg(json_build_object('id', n.id, 'name', n.name, 'organisation', n.organisation)
                                   ORDER BY n.name, n.id)
                     FROM household_appointment_network an
                     JOIN household_network_members n ON n.id = an.network_member_id
                    WHERE an.appointment_id = a.id), '[]'::json) AS network
    FROM household_appointments a
    LEFT JOIN users p ON p.id = a.professional_user_id
    LEFT JOIN users b ON b.id = a.created_by`;

/** The appointments of a household: the coming ones first (soonest first), then the past ones (latest first). */
export async function appointmentsOf(tx: Orm, municipalityId: string, caseId: string, now: Date) {
  return all<AppointmentRow>(
    tx,
    sql`${APPOINTMENT_SELECT}
         WHERE a.municipality_id = ${municipalityId}::uuid AND a.household_case_id = ${caseId}::uuid
         ORDER BY (a.status = 'gepland' AND a.ends_at >= ${now.toISOString()}::timestamptz) DESC,
                  CASE WHEN a.status = 'gepland' AND a.ends_at >= ${now.toISOString()}::timestamptz
                       THEN a.starts_at END ASC,
                  a.starts_at DESC, a.id`,
  );
}

export async function findAppointment(
  tx: Orm,
  municipalityId: string,
  id: string,
  opts: { lock?: boolean } = {},
) {
  return one<AppointmentRow>(
    tx,
    sql`${APPOINTMENT_SELECT} WHERE a.municipality_id = ${municipalityId}::uuid AND a.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF a` : sql``}`,
  );
}

export async function insertAppointment(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    startsAt: Date;
    endsAt: Date;
    mode: string;
    location: string | null;
    purpose: string;
    note: string | null;
    professionalUserId: string | null;
    status: string;
    networkMemberIds: readonly string[];
    createdBy: string;
  },
) {
  const row = await one<{ id: string }>(
    tx,
    sql`INSERT INTO household_appointments (municipality_id, household_case_id, starts_at, ends_at, mode, location,
                                            purpose, note, professional_user_id, status, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.startsAt.toISOString()}::timestamptz,
                ${v.endsAt.toISOString()}::timestamptz, ${v.mode}, ${v.location}, ${v.purpose}, ${v.note},
                ${v.professionalUserId}::uuid, ${v.status}, ${v.createdBy}::uuid)
        RETURNING id`,
  );
  if (row && v.networkMemberIds.length > 0) {
    await tx.execute(
      sql`INSERT INTO household_appointment_network (appointment_id, network_member_id, municipality_id)
          SELECT ${row.id}::uuid, x, ${v.municipalityId}::uuid
            FROM unnest(${sql.param([...new Set(v.networkMemberIds)])}::uuid[]) AS x`,
    );
  }
  return row;
}

/** Writes the appointment when its version is still the one the caller read; false when it was not. */
export async function updateAppointment(
  tx: Orm,
  municipalityId: string,
  id: string,
  version: number,
  v: {
    startsAt: Date;
    endsAt: Date;
    mode: string;
    location: string | null;
    note: string | null;
    status: string;
    statusReason: string | null;
  },
): Promise<boolean> {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE household_appointments
           SET starts_at = ${v.startsAt.toISOString()}::timestamptz, ends_at = ${v.endsAt.toISOString()}::timestamptz,
               mode = ${v.mode}, location = ${v.location}, note = ${v.note}, status = ${v.status},
               status_reason = ${v.statusReason}, version = version + 1, updated_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${version}
         RETURNING id`,
  );
  return r.length === 1;
}

/** A staff member of this municipality (any role except a network partner's): who an appointment is with. */
export async function findStaffUser(tx: Orm, municipalityId: string, userId: string) {
  return one<{ id: string; name: string }>(
    tx,
    sql`SELECT u.id, u.display_name AS name FROM users u
         WHERE u.id = ${userId}::uuid AND u.is_active
           AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.user_id = u.id
                          AND ms.municipality_id = ${municipalityId}::uuid
                          AND ms.role NOT IN ('netwerkpartner', 'vrijwilliger'))`,
  );
}

/** The network members of a household that are still in the network on `today`. */
export async function activeNetworkIds(tx: Orm, municipalityId: string, caseId: string, today: string) {
  const r = await all<{ id: string }>(
    tx,
    sql`SELECT id FROM household_network_members
         WHERE municipality_id = ${municipalityId}::uuid AND household_case_id = ${caseId}::uuid
           AND (ended_on IS NULL OR ended_on > ${today}::date)`,
  );
  return new Set(r.map((x) => x.id));
}

// --- Preparation calls -------------------------------------------------------------------------------------

export async function findChecklistSettings(tx: Orm, municipalityId: string) {
  return one<{ items: unknown; version: number }>(
    tx,
    sql`SELECT items, version FROM household_preparation_settings
         WHERE municipality_id = ${municipalityId}::uuid`,
  );
}

/** Saves the municipality's list when the version is the one the editor saw (0: none saved yet). */
export async function saveChecklistSettings(
  tx: Orm,
  municipalityId: string,
  version: number,
  items: unknown,
  userId: string,
): Promise<boolean> {
  const json = JSON.stringify(items);
  const r =
    version === 0
      ? await all<{ version: number }>(
          tx,
          sql`INSERT INTO household_preparation_settings (municipality_id, items, updated_by)
              VALUES (${municipalityId}::uuid, ${json}::jsonb, ${userId}::uuid)
              ON CONFLICT (municipality_id) DO NOTHING RETURNING version`,
        )
      : await all<{ version: number }>(
          tx,
          sql`UPDATE household_preparation_settings
                 SET items = ${json}::jsonb, version = version + 1, updated_by = ${userId}::uuid, updated_at = now()
               WHERE municipality_id = ${municipalityId}::uuid AND version = ${version}
               RETURNING version`,
        );
  return r.length === 1;
}

export type LetterFactsRow = {
  municipality_name: string;
  sender_name: string;
  return_address: string;
  worker_name: string | null;
  worker_email: string | null;
  worker_phone: string | null;
};

/** The sender block (outreach settings) and the regisseur's contact card, for the letter and the e-mail. */
export async function letterFacts(tx: Orm, municipalityId: string, workerId: string | null) {
  return one<LetterFactsRow>(
    tx,
    sql`SELECT m.name AS municipality_name, coalesce(s.sender_name, '') AS sender_name,
               coalesce(s.return_address, '') AS return_address, u.display_name AS worker_name,
               u.email AS worker_email, c.direct_phone AS worker_phone
          FROM municipalities m
          LEFT JOIN outreach_settings s ON s.municipality_id = m.id
          LEFT JOIN users u ON u.id = ${workerId}::uuid
          LEFT JOIN worker_contact_cards c ON c.user_id = u.id AND c.municipality_id = m.id
         WHERE m.id = ${municipalityId}::uuid`,
  );
}

export type MemberAddressRow = {
  id: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  email: string | null;
  straat: string | null;
  huisnummer: number | null;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string | null;
  woonplaats: string | null;
};

/** A member of the household with their BRP address (the member's own, else the household's), if any. */
export async function memberWithAddress(tx: Orm, municipalityId: string, caseId: string, memberId: string) {
  return one<MemberAddressRow>(
    tx,
    sql`SELECT m.id, m.voornamen, m.voorvoegsel, m.geslachtsnaam, m.email, ad.straat, ad.huisnummer, ad.huisletter,
               ad.toevoeging, ad.postcode, ad.woonplaats
          FROM household_members m
          JOIN household_cases c ON c.id = m.household_case_id
          LEFT JOIN persons p ON p.id = m.person_id
          LEFT JOIN households h ON h.id = c.household_id
          LEFT JOIN addresses ad ON ad.id = coalesce(p.address_id, h.address_id)
         WHERE m.municipality_id = ${municipalityId}::uuid AND m.household_case_id = ${caseId}::uuid
           AND m.id = ${memberId}::uuid`,
  );
}

export type PreparationRow = {
  id: string;
  municipality_id: string;
  household_case_id: string;
  appointment_id: string | null;
  called_on: string;
  member_id: string;
  member_name: string;
  language: string;
  channel: 'brief' | 'mail';
  items: { code: string | null; text: string }[];
  subject: string;
  body: string;
  recipient: string | null;
  has_pdf: boolean;
  status: 'afgedrukt' | 'in_wachtrij' | 'verzenden' | 'verzonden' | 'mislukt';
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  note: string | null;
  created_at: Date;
  by_id: string | null;
  by_name: string | null;
};

const PREPARATION_SELECT = sql`
  SELECT x.id, x.municipality_id, x.household_case_id, x.appointment_id, x.called_on::text AS called_on,
         x.member_id, concat_ws(' ', m.voornamen, m.voorvoegsel, m.geslachtsnaam) AS member_name, x.language,
         x.channel, x.items, x.subject, x.body, x.recipient, (x.pdf IS NOT NULL) AS has_pdf, x.status, x.attempts,
         x.last_error, x.sent_at, x.note, x.created_at, x.created_by AS by_id, u.display_name AS by_name
    FROM household_preparations x
    JOIN household_members m ON m.id = x.member_id
    LEFT JOIN users u ON u.id = x.created_by`;

export async function preparationsOf(tx: Orm, municipalityId: string, caseId: string) {
  return all<PreparationRow>(
    tx,
    sql`${PREPARATION_SELECT}
         WHERE x.municipality_id = ${municipalityId}::uuid AND x.household_case_id = ${caseId}::uuid
         ORDER BY x.created_at DESC, x.id`,
  );
}

export async function findPreparation(tx: Orm, municipalityId: string, id: string) {
  return one<PreparationRow>(
    tx,
    sql`${PREPARATION_SELECT} WHERE x.municipality_id = ${municipalityId}::uuid AND x.id = ${id}::uuid`,
  );
}

export async function preparationPdf(tx: Orm, municipalityId: string, id: string) {
  return one<{ pdf: Uint8Array | null; household_case_id: string; language: string }>(
    tx,
    sql`SELECT pdf, household_case_id, language FROM household_preparations
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export async function insertPreparation(
  tx: Orm,
  v: {
    municipalityId: string;
    caseId: string;
    appointmentId: string | null;
    calledOn: string;
    memberId: string;
    language: string;
    channel: string;
    items: { code: string | null; text: string }[];
    subject: string;
    body: string;
    html: string | null;
    recipient: string | null;
    pdf: Buffer | null;
    status: string;
    note: string | null;
    createdBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO household_preparations (municipality_id, household_case_id, appointment_id, called_on, member_id,
                                            language, channel, items, subject, body, html, recipient, pdf, status,
                                            note, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.caseId}::uuid, ${v.appointmentId}::uuid, ${v.calledOn}::date,
                ${v.memberId}::uuid, ${v.language}, ${v.channel}, ${JSON.stringify(v.items)}::jsonb, ${v.subject},
                ${v.body}, ${v.html}, ${v.recipient}, ${v.pdf}, ${v.status}, ${v.note}, ${v.createdBy}::uuid)
        RETURNING id`,
  );
}

export type DeliveryRow = {
  id: string;
  municipality_id: string;
  household_case_id: string;
  status: PreparationRow['status'];
  recipient: string | null;
  subject: string;
  body: string;
  html: string | null;
  language: string;
  last_error: string | null;
};

/** For the delivery job: the preparation e-mail, locked, whatever its municipality (the job has no session). */
export async function lockPreparationForDelivery(tx: Orm, id: string) {
  return one<DeliveryRow>(
    tx,
    sql`SELECT id, municipality_id, household_case_id, status, recipient, subject, body, html, language, last_error
          FROM household_preparations WHERE id = ${id}::uuid FOR UPDATE`,
  );
}

export async function setPreparationStatus(
  tx: Orm,
  id: string,
  v: {
    status: string;
    attemptsDelta?: number;
    lastError?: string | null;
    providerMessageId?: string | null;
    sent?: boolean;
  },
) {
  await tx.execute(
    sql`UPDATE household_preparations
           SET status = ${v.status}, attempts = attempts + ${v.attemptsDelta ?? 0},
               last_error = ${v.lastError ?? null},
               provider_message_id = coalesce(${v.providerMessageId ?? null}, provider_message_id),
               sent_at = CASE WHEN ${v.sent ?? false} THEN now() ELSE sent_at END, updated_at = now()
         WHERE id = ${id}::uuid`,
  );
}

// --- Referral reminders ------------------------------------------------------------------------------------

export type ReminderRow = {
  id: string;
  household_case_id: string;
  household_label: string;
  regisseur_id: string | null;
  regisseur_name: string | null;
  referral_id: string;
  target: string;
  organisation: string | null;
  remind_on: string;
  created_at: Date;
};

/**
 * Open reminders whose referral still waits for an answer (its state is read now, so a reply recorded since the
 * last sweep hides the reminder at once), of one household, one regisseur's caseload, or every open household.
 */
export async function openReminders(
  tx: Orm,
  f: { municipalityId: string; caseId?: string; regisseurId?: string; limit: number },
) {
  return all<ReminderRow>(
    tx,
    sql`SELECT rr.id, rr.household_case_id, c.label AS household_label, c.regisseur_id,
               u.display_name AS regisseur_name, rr.referral_id, r.target, r.organisation,
               rr.remind_on::text AS remind_on, rr.created_at
          FROM household_referral_reminders rr
          JOIN household_referrals r ON r.id = rr.referral_id
          JOIN household_cases c ON c.id = rr.household_case_id
          LEFT JOIN users u ON u.id = c.regisseur_id
         WHERE rr.municipality_id = ${f.municipalityId}::uuid AND rr.resolved_at IS NULL
           AND c.status = 'open' AND r.status IN ('verzonden', 'geaccepteerd') AND r.reply IS NULL
           AND r.remind_on = rr.remind_on
           ${f.caseId ? sql`AND rr.household_case_id = ${f.caseId}::uuid` : sql``}
           ${f.regisseurId ? sql`AND c.regisseur_id = ${f.regisseurId}::uuid` : sql``}
         ORDER BY rr.remind_on, rr.created_at, rr.id
         LIMIT ${f.limit}`,
  );
}

export async function municipalityIds(tx: Orm) {
  return (await all<{ id: string }>(tx, sql`SELECT id FROM municipalities ORDER BY id`)).map((r) => r.id);
}

/**
 * The sweep for one municipality: a reminder for every referral of an open household that passed its reminder
 * date without an answer (once per referral and date: ON CONFLICT), returned with what the timeline needs.
 */
export async function insertDueReminders(tx: Orm, municipalityId: string, today: string) {
  return all<{ id: string; household_case_id: string; referral_id: string; text: string }>(
    tx,
    sql`WITH inserted AS (
          INSERT INTO household_referral_reminders (municipality_id, household_case_id, referral_id, remind_on)
          SELECT r.municipality_id, r.household_case_id, r.id, r.remind_on
            FROM household_referrals r
            JOIN household_cases c ON c.id = r.household_case_id AND c.status = 'open'
           WHERE r.municipality_id = ${municipalityId}::uuid
             AND r.status IN ('verzonden', 'geaccepteerd') AND r.remind_on IS NOT NULL
             AND r.remind_on <= ${today}::date AND r.reply IS NULL
          ON CONFLICT (referral_id, remind_on) DO NOTHING
          RETURNING id, household_case_id, referral_id)
        SELECT i.id, i.household_case_id, i.referral_id, coalesce(r.organisation, r.target) AS text
          FROM inserted i JOIN household_referrals r ON r.id = i.referral_id
         ORDER BY i.household_case_id, i.referral_id`,
  );
}

/** Reminders whose referral was answered, finished, got another date, or whose plan closed: resolved. */
export async function resolveStaleReminders(tx: Orm, municipalityId: string) {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE household_referral_reminders rr SET resolved_at = now()
          FROM household_referrals r, household_cases c
         WHERE rr.municipality_id = ${municipalityId}::uuid AND rr.resolved_at IS NULL
           AND r.id = rr.referral_id AND c.id = rr.household_case_id
           AND (r.status NOT IN ('verzonden', 'geaccepteerd') OR r.reply IS NOT NULL
                OR r.remind_on IS DISTINCT FROM rr.remind_on OR c.status <> 'open')
        RETURNING rr.id`,
  );
  return r.length;
}

/** The jobs' timeline entries: by nobody (the system). */
export async function insertSystemTimelineEvents(
  tx: Orm,
  municipalityId: string,
  events: {
    caseId: string;
    category: 'plan' | 'verwijzing';
    kind: string;
    subjectId: string;
    text: string;
  }[],
) {
  if (events.length === 0) return;
  const col = <K extends keyof (typeof events)[number]>(k: K) => sql.param(events.map((e) => e[k]));
  await tx.execute(
    sql`INSERT INTO household_timeline (municipality_id, household_case_id, category, kind, subject_id, text)
        SELECT ${municipalityId}::uuid, x.case_id, x.category, x.kind, x.subject_id, x.text
          FROM unnest(${col('caseId')}::uuid[], ${col('category')}::text[], ${col('kind')}::text[],
                      ${col('subjectId')}::uuid[], ${col('text')}::text[])
               AS x(case_id, category, kind, subject_id, text)`,
  );
  // A reminder brings the household to the top of the caseload, like any other activity.
  await tx.execute(
    sql`UPDATE household_cases SET last_activity_at = now()
         WHERE municipality_id = ${municipalityId}::uuid
           AND id = ANY(${sql.param([...new Set(events.map((e) => e.caseId))])}::uuid[])`,
  );
}
