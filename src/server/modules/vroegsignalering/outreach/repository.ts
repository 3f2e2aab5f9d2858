// SQL of outreach. Every query takes the municipality; bulk inserts go through unnest.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../../db/client.ts';
import type { KeyTuple } from '../../../http/cursor.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return rows<T>(await tx.execute(query));
}

// --- Settings --------------------------------------------------------------------------------------------------

export type SettingsRow = {
  sender_name: string;
  return_address: string;
  appointment_url: string | null;
  mention_partner_types: boolean;
  municipality_name: string;
};

export async function findSettings(tx: Orm, municipalityId: string): Promise<SettingsRow | undefined> {
  const [row] = await all<SettingsRow>(
    tx,
    sql`SELECT coalesce(s.sender_name, '') AS sender_name, coalesce(s.return_address, '') AS return_address,
               s.appointment_url, coalesce(s.mention_partner_types, false) AS mention_partner_types,
               m.name AS municipality_name
          FROM municipalities m LEFT JOIN outreach_settings s ON s.municipality_id = m.id
         WHERE m.id = ${municipalityId}::uuid`,
  );
  return row;
}

export async function upsertSettings(
  tx: Orm,
  municipalityId: string,
  s: {
    senderName: string;
    returnAddress: string;
    appointmentUrl: string | null;
    mentionPartnerTypes: boolean;
  },
) {
  await tx.execute(sql`
    INSERT INTO outreach_settings (municipality_id, sender_name, return_address, appointment_url, mention_partner_types)
    VALUES (${municipalityId}::uuid, ${s.senderName}, ${s.returnAddress}, ${s.appointmentUrl}, ${s.mentionPartnerTypes})
    ON CONFLICT (municipality_id) DO UPDATE SET sender_name = excluded.sender_name,
      return_address = excluded.return_address, appointment_url = excluded.appointment_url,
      mention_partner_types = excluded.mention_partner_types, updated_at = now()`);
}

// --- Templates -------------------------------------------------------------------------------------------------

export type TemplateRow = {
  id: string;
  channel: 'brief' | 'kaartje' | 'mail' | 'sms';
  language: 'nl' | 'en' | 'ar' | 'tr';
  name: string;
  subject: string;
  body: string;
  is_default: boolean;
  version: number;
  updated_at: string;
};

const TEMPLATE_COLUMNS = sql.raw(
  `id::text, channel, language, name, subject, body, is_default, version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`,
);

export function listTemplates(tx: Orm, municipalityId: string) {
  return all<TemplateRow>(
    tx,
    sql`SELECT ${TEMPLATE_COLUMNS} FROM outreach_templates WHERE municipality_id = ${municipalityId}::uuid
         ORDER BY channel, language, name, id`,
  );
}

export async function findTemplate(tx: Orm, municipalityId: string, id: string) {
  const [row] = await all<TemplateRow>(
    tx,
    sql`SELECT ${TEMPLATE_COLUMNS} FROM outreach_templates
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
  return row;
}

export async function findDefaultTemplate(
  tx: Orm,
  municipalityId: string,
  channel: string,
  language: string,
) {
  const [row] = await all<TemplateRow>(
    tx,
    sql`SELECT ${TEMPLATE_COLUMNS} FROM outreach_templates
         WHERE municipality_id = ${municipalityId}::uuid AND channel = ${channel} AND language = ${language}
         ORDER BY is_default DESC, name LIMIT 1`,
  );
  return row;
}

export async function clearDefault(
  tx: Orm,
  municipalityId: string,
  channel: string,
  language: string,
  except?: string,
) {
  await tx.execute(sql`UPDATE outreach_templates SET is_default = false
    WHERE municipality_id = ${municipalityId}::uuid AND channel = ${channel} AND language = ${language}
      AND is_default AND id <> coalesce(${except ?? null}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`);
}

export async function insertTemplate(
  tx: Orm,
  municipalityId: string,
  t: { channel: string; language: string; name: string; subject: string; body: string; isDefault: boolean },
  userId: string | null,
) {
  const [row] = await all<TemplateRow>(
    tx,
    sql`INSERT INTO outreach_templates (municipality_id, channel, language, name, subject, body, is_default, updated_by)
        VALUES (${municipalityId}::uuid, ${t.channel}, ${t.language}, ${t.name}, ${t.subject}, ${t.body},
                ${t.isDefault}, ${userId}::uuid)
        ON CONFLICT (municipality_id, name) DO NOTHING
        RETURNING ${TEMPLATE_COLUMNS}`,
  );
  return row;
}

/** Optimistic update: only when the stored version is the one the editor started from. */
export async function updateTemplate(
  tx: Orm,
  municipalityId: string,
  id: string,
  expectedVersion: number,
  t: { name: string; subject: string; body: string; isDefault: boolean },
  userId: string,
) {
  const [row] = await all<TemplateRow>(
    tx,
    sql`UPDATE outreach_templates SET name = ${t.name}, subject = ${t.subject}, body = ${t.body},
               is_default = ${t.isDefault}, version = version + 1, updated_by = ${userId}::uuid, updated_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid AND version = ${expectedVersion}
        RETURNING ${TEMPLATE_COLUMNS}`,
  );
  return row;
}

export async function deleteTemplate(tx: Orm, municipalityId: string, id: string) {
  const deleted = await all<{ id: string }>(
    tx,
    sql`DELETE FROM outreach_templates WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid
        RETURNING id::text`,
  );
  return deleted.length > 0;
}

export async function templateNameTaken(tx: Orm, municipalityId: string, name: string, except?: string) {
  const found = await all<{ id: string }>(
    tx,
    sql`SELECT id::text FROM outreach_templates WHERE municipality_id = ${municipalityId}::uuid AND name = ${name}
          AND id <> coalesce(${except ?? null}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`,
  );
  return found.length > 0;
}

// --- Workers ---------------------------------------------------------------------------------------------------

export type WorkerRow = {
  id: string;
  display_name: string;
  email: string;
  direct_phone: string | null;
  photo: Buffer | Uint8Array | null;
  photo_type: string | null;
};

/** Staff of this municipality only (a membership), with their contact card if they made one. */
export function findWorkers(tx: Orm, municipalityId: string, ids: string[]) {
  return all<WorkerRow>(
    tx,
    sql`SELECT u.id::text, u.display_name, u.email, c.direct_phone, c.photo, c.photo_type
          FROM users u
          LEFT JOIN worker_contact_cards c ON c.user_id = u.id AND c.municipality_id = ${municipalityId}::uuid
         WHERE u.id = ANY(${sql.param(ids)}::uuid[])
           AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.user_id = u.id AND ms.municipality_id = ${municipalityId}::uuid)`,
  );
}

export async function upsertContactCard(
  tx: Orm,
  municipalityId: string,
  userId: string,
  card: { directPhone: string; photo: Buffer | null; photoType: string | null; keepPhoto: boolean },
) {
  await tx.execute(sql`
    INSERT INTO worker_contact_cards (municipality_id, user_id, direct_phone, photo, photo_type)
    VALUES (${municipalityId}::uuid, ${userId}::uuid, ${card.directPhone}, ${card.photo}, ${card.photoType})
    ON CONFLICT (municipality_id, user_id) DO UPDATE SET direct_phone = excluded.direct_phone,
      photo = CASE WHEN ${card.keepPhoto} THEN worker_contact_cards.photo ELSE excluded.photo END,
      photo_type = CASE WHEN ${card.keepPhoto} THEN worker_contact_cards.photo_type ELSE excluded.photo_type END,
      updated_at = now()`);
}

// --- Meldingen as outreach needs them --------------------------------------------------------------------------

export type MeldingOutreachRow = {
  id: string;
  status: string;
  partner_types: string[];
  assigned_to: string | null;
  queue_id: string | null;
  // The resident: the BRP person of the most recent matched signal, else the name the partner gave.
  p_voornamen: string | null;
  p_voorvoegsel: string | null;
  p_geslachtsnaam: string | null;
  p_partner_voorvoegsel: string | null;
  p_partner_geslachtsnaam: string | null;
  p_naamgebruik: string | null;
  s_voornamen: string | null;
  s_voorletters: string | null;
  s_voorvoegsel: string | null;
  s_achternaam: string | null;
  // The address: the melding's BRP address, else the signal's.
  straat: string | null;
  huisnummer: number | null;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string | null;
  woonplaats: string | null;
  email: string | null;
  telefoon: string | null;
};

export function findMeldingsForOutreach(tx: Orm, municipalityId: string, ids: string[]) {
  return all<MeldingOutreachRow>(
    tx,
    sql`SELECT m.id::text, m.status, m.partner_types, m.assigned_to::text, m.queue_id::text,
               p.voornamen AS p_voornamen, p.voorvoegsel AS p_voorvoegsel, p.geslachtsnaam AS p_geslachtsnaam,
               p.partner_voorvoegsel AS p_partner_voorvoegsel, p.partner_geslachtsnaam AS p_partner_geslachtsnaam,
               p.naamgebruik AS p_naamgebruik,
               s.voornamen AS s_voornamen, s.voorletters AS s_voorletters, s.voorvoegsel AS s_voorvoegsel,
               s.achternaam AS s_achternaam,
               coalesce(a.straat, s.straat) AS straat, coalesce(a.huisnummer, s.huisnummer) AS huisnummer,
               CASE WHEN a.id IS NULL THEN s.huisletter ELSE a.huisletter END AS huisletter,
               CASE WHEN a.id IS NULL THEN s.toevoeging ELSE a.toevoeging END AS toevoeging,
               coalesce(a.postcode, s.postcode) AS postcode, coalesce(a.woonplaats, s.woonplaats) AS woonplaats,
               se.email, st.telefoon
          FROM meldingen m
          LEFT JOIN LATERAL (
            SELECT * FROM signals x WHERE x.melding_id = m.id AND x.municipality_id = m.municipality_id
             ORDER BY (x.person_id IS NULL), x.signal_date DESC, x.id LIMIT 1) s ON true
          LEFT JOIN persons p ON p.id = s.person_id AND p.municipality_id = m.municipality_id
          LEFT JOIN addresses a ON a.id = coalesce(m.address_id, p.address_id) AND a.municipality_id = m.municipality_id
          LEFT JOIN LATERAL (
            SELECT x.email FROM signals x WHERE x.melding_id = m.id AND x.email IS NOT NULL
             ORDER BY x.signal_date DESC, x.id LIMIT 1) se ON true
          LEFT JOIN LATERAL (
            SELECT x.telefoon FROM signals x WHERE x.melding_id = m.id AND x.telefoon IS NOT NULL
             ORDER BY x.signal_date DESC, x.id LIMIT 1) st ON true
         WHERE m.municipality_id = ${municipalityId}::uuid AND m.id = ANY(${sql.param(ids)}::uuid[])`,
  );
}

export async function queueExists(tx: Orm, municipalityId: string, queueId: string) {
  const found = await all<{ id: string }>(
    tx,
    sql`SELECT id::text FROM work_queues WHERE municipality_id = ${municipalityId}::uuid AND id = ${queueId}::uuid`,
  );
  return found.length > 0;
}

/** The open meldingen of a werkbakje (closed ones get no letter). */
export async function openMeldingenOfQueue(tx: Orm, municipalityId: string, queueId: string, limit: number) {
  const found = await all<{ id: string }>(
    tx,
    sql`SELECT id::text FROM meldingen
         WHERE municipality_id = ${municipalityId}::uuid AND queue_id = ${queueId}::uuid AND status <> 'afgesloten'
         ORDER BY id LIMIT ${limit}`,
  );
  return found.map((r) => r.id);
}

// --- Batches, messages and contact attempts --------------------------------------------------------------------

export type BatchRow = {
  id: string;
  queue_id: string | null;
  channel: 'brief' | 'kaartje';
  letter_count: number;
  created_at: string;
};

export async function findBatchByKey(tx: Orm, municipalityId: string, batchKey: string) {
  const [row] = await all<BatchRow>(
    tx,
    sql`SELECT id::text, queue_id::text, channel, letter_count, created_at::text FROM letter_batches
         WHERE municipality_id = ${municipalityId}::uuid AND batch_key = ${batchKey}::uuid`,
  );
  return row;
}

export async function findBatchPdf(tx: Orm, municipalityId: string, id: string) {
  const [row] = await all<{
    id: string;
    pdf: Buffer | Uint8Array;
    channel: string;
    letter_count: number;
    pdf_deleted: boolean;
  }>(
    tx,
    sql`SELECT id::text, pdf, channel, letter_count, pdf_deleted_at IS NOT NULL AS pdf_deleted FROM letter_batches
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
  return row;
}

export async function meldingIdsOfBatch(tx: Orm, municipalityId: string, batchId: string) {
  const found = await all<{ melding_id: string }>(
    tx,
    sql`SELECT melding_id::text FROM outreach_messages WHERE municipality_id = ${municipalityId}::uuid
          AND batch_id = ${batchId}::uuid ORDER BY created_at, id`,
  );
  return found.map((r) => r.melding_id);
}

/**
 * Inserts the batch, or nothing when its key exists (a concurrent retry): then the caller reads the other one.
 */
export async function insertBatch(
  tx: Orm,
  municipalityId: string,
  b: { queueId: string | null; channel: string; batchKey: string; letterCount: number; pdf: Buffer },
  userId: string,
) {
  const [row] = await all<{ id: string }>(
    tx,
    sql`INSERT INTO letter_batches (municipality_id, queue_id, channel, batch_key, letter_count, pdf, created_by)
        VALUES (${municipalityId}::uuid, ${b.queueId}::uuid, ${b.channel}, ${b.batchKey}::uuid, ${b.letterCount},
                ${b.pdf}, ${userId}::uuid)
        ON CONFLICT (municipality_id, batch_key) DO NOTHING
        RETURNING id::text`,
  );
  return row?.id;
}

export type ContactAttemptInsert = {
  meldingId: string;
  soort: string;
  datum: string;
  dagdeel: string;
  note: string;
  createdBy: string | null;
};

/** DDAS contact attempts for sent messages, in one statement; returns the attempt id per melding. */
export async function insertContactAttempts(
  tx: Orm,
  municipalityId: string,
  items: ContactAttemptInsert[],
): Promise<Map<string, string>> {
  if (items.length === 0) return new Map();
  const inserted = await all<{ id: string; melding_id: string }>(
    tx,
    sql`INSERT INTO contact_attempts (municipality_id, melding_id, soort, datum, dagdeel, bereikt, note, created_by)
        SELECT ${municipalityId}::uuid, u.melding_id, u.soort, u.datum, u.dagdeel, false, u.note, u.created_by
          FROM unnest(${sql.param(items.map((i) => i.meldingId))}::uuid[], ${sql.param(items.map((i) => i.soort))}::text[],
                      ${sql.param(items.map((i) => i.datum))}::date[], ${sql.param(items.map((i) => i.dagdeel))}::text[],
                      ${sql.param(items.map((i) => i.note))}::text[], ${sql.param(items.map((i) => i.createdBy))}::uuid[])
               WITH ORDINALITY AS u(melding_id, soort, datum, dagdeel, note, created_by, ord)
         ORDER BY u.ord
        RETURNING id::text, melding_id::text`,
  );
  return new Map(inserted.map((r) => [r.melding_id, r.id]));
}

/**
 * A letter put through the door or a message delivered is a contact attempt, so it takes the melding up exactly as
 * one registered by hand does (followup's registerContact): open becomes in behandeling, the first-contact date
 * (DDAS datumOpgepakt) is set when it was not, the version moves on, and signals not yet taken up become
 * "Opgepakt". Closed meldingen are left alone.
 */
export async function takeUpByContact(tx: Orm, municipalityId: string, meldingIds: string[], datum: string) {
  if (meldingIds.length === 0) return;
  const ids = sql`${sql.param(meldingIds)}::uuid[]`;
  await tx.execute(sql`UPDATE meldingen SET
        status = CASE WHEN status = 'open' THEN 'in_behandeling' ELSE status END,
        taken_up_on = LEAST(COALESCE(taken_up_on, ${datum}::date), ${datum}::date),
        first_contact_on = LEAST(COALESCE(first_contact_on, ${datum}::date), ${datum}::date),
        version = version + 1, updated_at = now()
      WHERE municipality_id = ${municipalityId}::uuid AND id = ANY(${ids}) AND status <> 'afgesloten'`);
  await tx.execute(sql`UPDATE signals SET ddas_status = 'Opgepakt', status_reason = NULL
      WHERE municipality_id = ${municipalityId}::uuid AND melding_id = ANY(${ids})
        AND ddas_status = 'Nog niet opgepakt'`);
}

export type MessageInsert = {
  meldingId: string;
  channel: string;
  templateId: string | null;
  language: string;
  batchId: string | null;
  recipient: string | null;
  subject: string;
  body: string;
  reference: string;
  status: 'queued' | 'printed';
  contactAttemptId: string | null;
  createdBy: string | null;
};

export async function insertMessages(tx: Orm, municipalityId: string, items: MessageInsert[]) {
  if (items.length === 0) return [];
  const col = <K extends keyof MessageInsert>(k: K) => sql.param(items.map((i) => i[k]));
  const inserted = await all<{ id: string }>(
    tx,
    sql`INSERT INTO outreach_messages (municipality_id, melding_id, channel, template_id, language, batch_id, recipient,
          subject, body, reference, status, contact_attempt_id, created_by, sent_at)
        SELECT ${municipalityId}::uuid, u.melding_id, u.channel, u.template_id, u.language, u.batch_id, u.recipient,
               u.subject, u.body, u.reference, u.status, u.contact_attempt_id, u.created_by,
               CASE WHEN u.status = 'printed' THEN now() END
          FROM unnest(${col('meldingId')}::uuid[], ${col('channel')}::text[], ${col('templateId')}::uuid[],
                      ${col('language')}::text[], ${col('batchId')}::uuid[], ${col('recipient')}::text[],
                      ${col('subject')}::text[], ${col('body')}::text[], ${col('reference')}::text[],
                      ${col('status')}::text[], ${col('contactAttemptId')}::uuid[], ${col('createdBy')}::uuid[])
               WITH ORDINALITY AS u(melding_id, channel, template_id, language, batch_id, recipient, subject, body,
                                    reference, status, contact_attempt_id, created_by, ord)
         ORDER BY u.ord
        RETURNING id::text`,
  );
  return inserted.map((r) => r.id);
}

export type MessageRow = {
  id: string;
  municipality_id: string;
  melding_id: string;
  channel: 'brief' | 'kaartje' | 'mail' | 'sms';
  template_id: string | null;
  template_name: string | null;
  language: string;
  batch_id: string | null;
  recipient: string | null;
  subject: string;
  body: string;
  reference: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'printed';
  attempts: number;
  last_error: string | null;
  contact_attempt_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  sent_at: string | null;
};

const MESSAGE_SELECT = sql.raw(`SELECT o.id::text, o.municipality_id::text, o.melding_id::text, o.channel,
    o.template_id::text, t.name AS template_name, o.language, o.batch_id::text, o.recipient, o.subject, o.body,
    o.reference, o.status, o.attempts, o.last_error, o.contact_attempt_id::text, o.created_by::text,
    u.display_name AS created_by_name,
    to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
    to_char(o.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS sent_at
  FROM outreach_messages o
  LEFT JOIN outreach_templates t ON t.id = o.template_id
  LEFT JOIN users u ON u.id = o.created_by`);

export async function findMessage(tx: Orm, municipalityId: string, id: string) {
  const [row] = await all<MessageRow>(
    tx,
    sql`${MESSAGE_SELECT} WHERE o.municipality_id = ${municipalityId}::uuid AND o.id = ${id}::uuid`,
  );
  return row;
}

/** For the delivery job: the message by id alone (the job carries no municipality), locked. */
export async function lockMessage(tx: Orm, id: string) {
  const [row] = await all<MessageRow>(tx, sql`${MESSAGE_SELECT} WHERE o.id = ${id}::uuid FOR UPDATE OF o`);
  return row;
}

export async function setMessageStatus(
  tx: Orm,
  id: string,
  patch: {
    status: MessageRow['status'];
    attemptsDelta?: number;
    lastError?: string | null;
    providerMessageId?: string | null;
    contactAttemptId?: string | null;
    sent?: boolean;
  },
) {
  await tx.execute(sql`UPDATE outreach_messages SET status = ${patch.status},
      attempts = attempts + ${patch.attemptsDelta ?? 0},
      last_error = ${patch.lastError ?? null},
      provider_message_id = coalesce(${patch.providerMessageId ?? null}, provider_message_id),
      contact_attempt_id = coalesce(${patch.contactAttemptId ?? null}::uuid, contact_attempt_id),
      sent_at = CASE WHEN ${patch.sent ?? false} THEN now() ELSE sent_at END,
      updated_at = now()
    WHERE id = ${id}::uuid`);
}

export type MessageFilter = {
  status?: string;
  channel?: string;
  meldingId?: string;
  after?: KeyTuple;
  limit: number;
};

/** The message log, newest first, keyset on (created_at, id). */
export function listMessages(tx: Orm, municipalityId: string, f: MessageFilter) {
  const where: SQL[] = [sql`o.municipality_id = ${municipalityId}::uuid`];
  if (f.status) where.push(sql`o.status = ${f.status}`);
  if (f.channel) where.push(sql`o.channel = ${f.channel}`);
  if (f.meldingId) where.push(sql`o.melding_id = ${f.meldingId}::uuid`);
  if (f.after) where.push(sql`(o.created_at, o.id) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
  return all<MessageRow>(
    tx,
    sql`${MESSAGE_SELECT} WHERE ${sql.join(where, sql` AND `)} ORDER BY o.created_at DESC, o.id DESC LIMIT ${f.limit}`,
  );
}
