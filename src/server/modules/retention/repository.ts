// SQL of retention. Deletion is in place: personal fields become NULL (or empty where the column is NOT NULL),
// rows, dates, codes, amounts and the address fingerprint stay for statistics and the six-month look-back.
import { type SQL, sql } from 'drizzle-orm';
import type { LEGAL_HOLD_REASONS, RetentionSettings } from '../../../shared/schemas/retention.ts';
import type { Orm } from '../../db/client.ts';

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

async function count(tx: Orm, query: SQL): Promise<number> {
  return ((await tx.execute(query)) as unknown as { rows: unknown[] }).rows.length;
}

// --- Settings --------------------------------------------------------------------------------------------------

export async function findSettings(tx: Orm, municipalityId: string): Promise<RetentionSettings | undefined> {
  const [row] = await all<RetentionSettings>(
    tx,
    sql`SELECT no_contact_months AS "noContactMonths", taken_up_months AS "takenUpMonths",
               closed_months AS "closedMonths"
          FROM retention_settings WHERE municipality_id = ${municipalityId}::uuid`,
  );
  return row;
}

export async function upsertSettings(tx: Orm, municipalityId: string, s: RetentionSettings, userId: string) {
  await tx.execute(sql`INSERT INTO retention_settings
      (municipality_id, no_contact_months, taken_up_months, closed_months, updated_by)
    VALUES (${municipalityId}::uuid, ${s.noContactMonths}, ${s.takenUpMonths}, ${s.closedMonths}, ${userId}::uuid)
    ON CONFLICT (municipality_id) DO UPDATE SET no_contact_months = EXCLUDED.no_contact_months,
      taken_up_months = EXCLUDED.taken_up_months, closed_months = EXCLUDED.closed_months,
      updated_by = EXCLUDED.updated_by, updated_at = now()`);
}

export async function municipalityIds(tx: Orm): Promise<string[]> {
  return (await all<{ id: string }>(tx, sql`SELECT id::text FROM municipalities ORDER BY cbs_code`)).map(
    (r) => r.id,
  );
}

// --- Legal hold ----------------------------------------------------------------------------------------------

export type HoldRow = {
  id: string;
  legal_hold_reason: (typeof LEGAL_HOLD_REASONS)[number] | null;
  legal_hold_set_at: string | null;
};

export async function setLegalHold(
  tx: Orm,
  municipalityId: string,
  meldingId: string,
  reason: (typeof LEGAL_HOLD_REASONS)[number] | null,
  userId: string,
): Promise<HoldRow | undefined> {
  const [row] = await all<HoldRow>(
    tx,
    sql`UPDATE meldingen SET legal_hold_reason = ${reason},
               legal_hold_set_at = CASE WHEN ${reason}::text IS NULL THEN NULL ELSE now() END,
               legal_hold_set_by = CASE WHEN ${reason}::text IS NULL THEN NULL ELSE ${userId}::uuid END
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${meldingId}::uuid
     RETURNING id::text, legal_hold_reason, to_char(legal_hold_set_at AT TIME ZONE 'UTC',
               'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS legal_hold_set_at`,
  );
  return row;
}

// --- What has expired ------------------------------------------------------------------------------------------

/** The cut-off dates: anything dated before them has outlived its term. */
export type Cutoffs = { noContact: string; takenUp: string; closed: string };

/**
 * Meldingen whose personal data has expired, without a legal hold: closed longer than the closing term ago, or
 * never contacted (no contact attempt, no signal taken up) with every signal older than the no-contact term.
 */
export async function expiredMeldingen(tx: Orm, municipalityId: string, c: Cutoffs, limit: number) {
  const rows = await all<{ id: string }>(
    tx,
    sql`SELECT m.id::text FROM meldingen m
         WHERE m.municipality_id = ${municipalityId}::uuid AND m.personal_data_deleted_at IS NULL
           AND m.legal_hold_reason IS NULL
           AND ((m.status = 'afgesloten' AND m.closed_at < ${c.closed}::date)
             OR (m.created_at < ${c.noContact}::date
                 AND NOT EXISTS (SELECT 1 FROM contact_attempts a WHERE a.melding_id = m.id)
                 AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.melding_id = m.id
                                    AND (s.signal_date >= ${c.noContact}::date OR s.ddas_status = 'Opgepakt'))))
         ORDER BY m.id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Signals whose personal data has expired on their own (their melding may live on): not taken up and older than
 * the no-contact term, or taken up, their melding closed, and older than the taken-up term. Never a signal of a
 * melding under a legal hold.
 */
export async function expiredSignals(tx: Orm, municipalityId: string, c: Cutoffs, limit: number) {
  const rows = await all<{ id: string }>(
    tx,
    sql`SELECT s.id::text FROM signals s
          LEFT JOIN meldingen m ON m.id = s.melding_id
         WHERE s.municipality_id = ${municipalityId}::uuid AND s.personal_data_deleted_at IS NULL
           AND (m.id IS NULL OR m.legal_hold_reason IS NULL)
           AND ((s.signal_date < ${c.noContact}::date AND s.ddas_status <> 'Opgepakt'
                 AND (m.id IS NULL OR NOT EXISTS (SELECT 1 FROM contact_attempts a WHERE a.melding_id = m.id)))
             OR (s.signal_date < ${c.takenUp}::date AND m.status = 'afgesloten')
             OR m.personal_data_deleted_at IS NOT NULL)
         ORDER BY s.id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

export async function heldMeldingen(tx: Orm, municipalityId: string): Promise<number> {
  const [row] = await all<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM meldingen
         WHERE municipality_id = ${municipalityId}::uuid AND legal_hold_reason IS NOT NULL
           AND personal_data_deleted_at IS NULL`,
  );
  return row?.n ?? 0;
}

// --- Deleting ----------------------------------------------------------------------------------------------------

const ids = (list: string[]) => sql`${sql.param(list)}::uuid[]`;

/** The person's data of signals, and the raw cells of the file lines that carried them. */
export async function deleteSignalData(tx: Orm, municipalityId: string, signalIds: string[]) {
  if (signalIds.length === 0) return { signals: 0, importRows: 0 };
  const signals = await count(
    tx,
    sql`UPDATE signals SET bsn = NULL, voornamen = NULL, voorletters = NULL, voorvoegsel = NULL, achternaam = '',
               geboortedatum = NULL, straat = NULL, huisnummer = NULL, huisletter = NULL, toevoeging = NULL,
               postcode = NULL, woonplaats = NULL, telefoon = NULL, email = NULL, customer_number = NULL,
               remark = NULL, referrer_name = NULL, external_id = NULL, status_reason = NULL,
               match_candidates = '[]'::jsonb, match_reasons = '[]'::jsonb, person_id = NULL, household_id = NULL,
               content_hash = 'verwijderd', personal_data_deleted_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ANY(${ids(signalIds)})
     RETURNING id`,
  );
  const importRows = await count(
    tx,
    sql`UPDATE signal_import_rows r SET raw = '{}'::jsonb, errors = '[]'::jsonb, updated_at = now()
          FROM signal_imports i
         WHERE i.id = r.import_id AND i.municipality_id = ${municipalityId}::uuid
           AND (r.signal_id = ANY(${ids(signalIds)}) OR r.duplicate_of = ANY(${ids(signalIds)}))
           AND (r.raw <> '{}'::jsonb OR r.errors <> '[]'::jsonb)
     RETURNING r.row_number`,
  );
  return { signals, importRows };
}

/** File lines that never became a signal (quarantined, discarded, duplicates) of imports older than the term. */
export async function deleteOldImportRows(tx: Orm, municipalityId: string, before: string, limit: number) {
  return count(
    tx,
    sql`WITH old AS (
          SELECT r.import_id, r.row_number FROM signal_import_rows r
            JOIN signal_imports i ON i.id = r.import_id
           WHERE i.municipality_id = ${municipalityId}::uuid AND i.created_at < ${before}::date
             AND r.signal_id IS NULL AND (r.raw <> '{}'::jsonb OR r.errors <> '[]'::jsonb)
           LIMIT ${limit})
        UPDATE signal_import_rows r SET raw = '{}'::jsonb, errors = '[]'::jsonb, updated_at = now()
          FROM old WHERE r.import_id = old.import_id AND r.row_number = old.row_number
     RETURNING r.row_number`,
  );
}

/** Imports older than the term that never completed: their uploaded file may still wait on disk. */
export async function staleImportIds(tx: Orm, municipalityId: string, before: string): Promise<string[]> {
  const rows = await all<{ id: string }>(
    tx,
    sql`SELECT id::text FROM signal_imports
         WHERE municipality_id = ${municipalityId}::uuid AND created_at < ${before}::date AND status <> 'completed'`,
  );
  return rows.map((r) => r.id);
}

/** Everything personal of the meldingen themselves: the link to the BRP, notes, messages and print runs. */
export async function deleteMeldingData(tx: Orm, municipalityId: string, meldingIds: string[]) {
  const m = ids(meldingIds);
  const mid = sql`${municipalityId}::uuid`;
  await tx.execute(sql`UPDATE meldingen SET household_id = NULL, address_id = NULL, closing_note = NULL,
      personal_data_deleted_at = now() WHERE municipality_id = ${mid} AND id = ANY(${m})`);
  const contactNotes = await count(
    tx,
    sql`UPDATE contact_attempts SET note = NULL
         WHERE municipality_id = ${mid} AND melding_id = ANY(${m}) AND note IS NOT NULL RETURNING id`,
  );
  await tx.execute(sql`UPDATE planned_actions SET note = NULL
      WHERE municipality_id = ${mid} AND melding_id = ANY(${m}) AND note IS NOT NULL`);
  await tx.execute(sql`UPDATE quick_fix_checks SET note = NULL
      WHERE municipality_id = ${mid} AND melding_id = ANY(${m}) AND note IS NOT NULL`);
  await tx.execute(sql`UPDATE melding_handovers SET note = NULL, consent_note = NULL
      WHERE municipality_id = ${mid} AND melding_id = ANY(${m})`);
  const letterBatches = await count(
    tx,
    sql`UPDATE letter_batches SET pdf = ''::bytea, pdf_deleted_at = now()
         WHERE municipality_id = ${mid} AND pdf_deleted_at IS NULL
           AND id IN (SELECT batch_id FROM outreach_messages
                       WHERE municipality_id = ${mid} AND melding_id = ANY(${m}) AND batch_id IS NOT NULL)
     RETURNING id`,
  );
  const messages = await count(
    tx,
    sql`UPDATE outreach_messages SET recipient = NULL, subject = '', body = '', last_error = NULL,
               updated_at = now()
         WHERE municipality_id = ${mid} AND melding_id = ANY(${m})
           AND (recipient IS NOT NULL OR subject <> '' OR body <> '')
     RETURNING id`,
  );
  const signalIds = (
    await all<{ id: string }>(
      tx,
      sql`SELECT id::text FROM signals WHERE municipality_id = ${mid} AND melding_id = ANY(${m})
            AND personal_data_deleted_at IS NULL`,
    )
  ).map((r) => r.id);
  const signals = await deleteSignalData(tx, municipalityId, signalIds);
  return { contactNotes, letterBatches, messages, ...signals };
}
