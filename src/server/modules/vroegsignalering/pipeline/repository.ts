import { and, eq, inArray, sql } from 'drizzle-orm';
import { type BulkColumn, bulkInsert } from '../../../db/bulk.ts';
import type { Orm } from '../../../db/client.ts';
import {
  knownResidents,
  meldingen,
  ruleSets,
  type signalFingerprints,
  signalPartners,
  signals,
  workQueues,
} from '../../../db/schema.ts';

export type SignalRow = typeof signals.$inferSelect;
export type MeldingRow = typeof meldingen.$inferSelect;

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function loadSignals(tx: Orm, municipalityId: string, ids: string[]): Promise<SignalRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(signals)
    .where(and(eq(signals.municipalityId, municipalityId), inArray(signals.id, ids)));
}

export async function partnerTypes(
  tx: Orm,
  municipalityId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await tx
    .select({ id: signalPartners.id, partnerType: signalPartners.partnerType })
    .from(signalPartners)
    .where(and(eq(signalPartners.municipalityId, municipalityId), inArray(signalPartners.id, ids)));
  return new Map(found.map((p) => [p.id, p.partnerType]));
}

export async function activeRuleSet(tx: Orm, municipalityId: string) {
  const [row] = await tx
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.municipalityId, municipalityId), eq(ruleSets.isActive, true)))
    .limit(1);
  return row;
}

export async function insertRuleSet(tx: Orm, row: typeof ruleSets.$inferInsert) {
  const [created] = await tx.insert(ruleSets).values(row).returning();
  if (!created) throw new Error('rule set insert failed');
  return created;
}

export async function queuesByName(tx: Orm, municipalityId: string): Promise<Map<string, string>> {
  const found = await tx
    .select({ id: workQueues.id, name: workQueues.name })
    .from(workQueues)
    .where(eq(workQueues.municipalityId, municipalityId));
  return new Map(found.map((q) => [q.name, q.id]));
}

export async function insertQueues(tx: Orm, values: (typeof workQueues.$inferInsert)[]) {
  if (values.length > 0) await tx.insert(workQueues).values(values).onConflictDoNothing();
}

export async function knownPersonIds(
  tx: Orm,
  municipalityId: string,
  personIds: string[],
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const found = await tx
    .select({ personId: knownResidents.personId })
    .from(knownResidents)
    .where(
      and(eq(knownResidents.municipalityId, municipalityId), inArray(knownResidents.personId, personIds)),
    );
  return new Set(found.map((r) => r.personId));
}

/**
 * The latest earlier signal of the same partner about the same person within the look-back window.
 *
 * The signals of each key come from one probe of signals_person_idx, and the latest per key is picked from
 * those few rows. The form is chosen so that no planner estimate can change that (during a long import the
 * statistics of signals describe a much smaller table, or none): LATERAL … OFFSET 0 cannot be turned into a join,
 * which hashed all of the municipality's signals for every chunk; and the municipality is checked outside it,
 * because inside, signals_municipality_idx with the date range looked as cheap as the person index and was
 * chosen, scanning every signal of the month for every key.
 */
export async function earlierSignals(
  tx: Orm,
  municipalityId: string,
  keys: { partnerId: string; personId: string; before: string; excludeId: string }[],
): Promise<Map<string, { id: string; amountCents: number; signalDate: string }>> {
  const result = new Map<string, { id: string; amountCents: number; signalDate: string }>();
  if (keys.length === 0) return result;
  const found = rows<{ key: string; id: string; amount_cents: string; signal_date: string }>(
    await tx.execute(sql`
      SELECT DISTINCT ON (k.exclude_id) k.exclude_id AS key, l.id, l.amount_cents, l.signal_date::text AS signal_date
        FROM unnest(${sql.param(keys.map((k) => k.partnerId))}::uuid[], ${sql.param(keys.map((k) => k.personId))}::uuid[],
                    ${sql.param(keys.map((k) => k.before))}::date[], ${sql.param(keys.map((k) => k.excludeId))}::uuid[])
               AS k(partner_id, person_id, before, exclude_id)
       CROSS JOIN LATERAL (
         SELECT s.id, s.municipality_id, s.amount_cents, s.signal_date, s.created_at FROM signals s
          WHERE s.person_id = k.person_id AND s.partner_id = k.partner_id
            AND s.signal_date <= k.before AND s.signal_date > k.before - interval '6 months'
         OFFSET 0) l
       WHERE l.municipality_id = ${municipalityId}::uuid AND l.id <> k.exclude_id
       ORDER BY k.exclude_id, l.signal_date DESC, l.created_at DESC`),
  );
  for (const r of found) {
    result.set(r.key, { id: r.id, amountCents: Number(r.amount_cents), signalDate: r.signal_date });
  }
  return result;
}

export type SignalUpdate = {
  id: string;
  matchStatus: SignalRow['matchStatus'];
  matchScore: number | null;
  matchReasons: unknown[];
  matchCandidates: unknown[];
  personId: string | null;
  householdId: string | null;
  ddasStatus: string;
  statusReason: string | null;
  relatedSignalId: string | null;
  meldingId?: string | null;
  /** Who matched: a user id, or 'auto'; null when not matched. */
  matchedBy?: string | null;
};

/** One statement for a whole batch (manual matching re-runs the pipeline over stored signals). */
export async function updateSignalsAfterMatching(tx: Orm, updates: SignalUpdate[]): Promise<void> {
  for (let i = 0; i < updates.length; i += 2000) {
    const part = updates.slice(i, i + 2000);
    await tx.execute(sql`
      UPDATE signals s SET
        match_status = u.match_status, match_score = u.match_score, match_reasons = u.match_reasons,
        match_candidates = u.match_candidates, person_id = u.person_id, household_id = u.household_id,
        ddas_status = u.ddas_status, status_reason = u.status_reason, related_signal_id = u.related_signal_id,
        melding_id = u.melding_id, matched_by = u.matched_by,
        matched_at = CASE WHEN u.matched_by IS NOT NULL THEN now() ELSE NULL END
      FROM unnest(${sql.param(part.map((u) => u.id))}::uuid[], ${sql.param(part.map((u) => u.matchStatus))}::text[],
                  ${sql.param(part.map((u) => u.matchScore))}::real[], ${sql.param(part.map((u) => JSON.stringify(u.matchReasons)))}::jsonb[],
                  ${sql.param(part.map((u) => JSON.stringify(u.matchCandidates)))}::jsonb[], ${sql.param(part.map((u) => u.personId))}::uuid[],
                  ${sql.param(part.map((u) => u.householdId))}::uuid[], ${sql.param(part.map((u) => u.ddasStatus))}::text[],
                  ${sql.param(part.map((u) => u.statusReason))}::text[], ${sql.param(part.map((u) => u.relatedSignalId))}::uuid[],
                  ${sql.param(part.map((u) => u.meldingId ?? null))}::uuid[], ${sql.param(part.map((u) => u.matchedBy ?? null))}::text[])
        AS u(id, match_status, match_score, match_reasons, match_candidates, person_id, household_id, ddas_status,
             status_reason, related_signal_id, melding_id, matched_by)
      WHERE s.id = u.id`);
  }
}

export type HouseholdFacts = {
  adultAges: number[];
  hasMinorChildren: boolean;
  addressId: string;
  wijkId: string | null;
  teamId: string | null;
  postcode: string;
};

/**
 * Ages and children per household from the embedded BRP, for the prioritisation facts. One probe of
 * persons_household_idx per household and of the addresses key per person (LATERAL … OFFSET 0 keeps them nested
 * loops; the municipality is checked outside so that no other persons index competes): a join hashed all of
 * the municipality's addresses for every chunk.
 */
export async function householdFacts(
  tx: Orm,
  municipalityId: string,
  householdIds: string[],
  onDate: string,
): Promise<Map<string, HouseholdFacts>> {
  const result = new Map<string, HouseholdFacts>();
  if (householdIds.length === 0) return result;
  const found = rows<{
    householdId: string;
    age: number;
    addressId: string;
    wijkId: string | null;
    teamId: string | null;
    postcode: string;
  }>(
    await tx.execute(sql`
      SELECT p.household_id AS "householdId", date_part('year', age(${onDate}::date, p.geboortedatum))::int AS age,
             p.address_id AS "addressId", a.wijk_id AS "wijkId", w.team_id AS "teamId", a.postcode
        FROM unnest(${sql.param([...new Set(householdIds)])}::uuid[]) AS k(household_id)
       CROSS JOIN LATERAL (
         SELECT p.household_id, p.municipality_id, p.geboortedatum, p.address_id FROM persons p
          WHERE p.household_id = k.household_id AND p.brp_status = 'ingeschreven' OFFSET 0) p
       CROSS JOIN LATERAL (SELECT a.wijk_id, a.postcode FROM addresses a WHERE a.id = p.address_id OFFSET 0) a
        LEFT JOIN wijken w ON w.id = a.wijk_id
       WHERE p.municipality_id = ${municipalityId}::uuid`),
  );
  for (const r of found) {
    const f = result.get(r.householdId) ?? {
      adultAges: [],
      hasMinorChildren: false,
      addressId: r.addressId,
      wijkId: r.wijkId,
      teamId: r.teamId,
      postcode: r.postcode,
    };
    if (r.age >= 18) f.adultAges.push(r.age);
    else f.hasMinorChildren = true;
    result.set(r.householdId, f);
  }
  return result;
}

const FINGERPRINT_COLUMNS: BulkColumn<typeof signalFingerprints.$inferInsert>[] = [
  { name: 'municipality_id', type: 'uuid', value: (v) => v.municipalityId },
  { name: 'address_fingerprint', type: 'text', value: (v) => v.addressFingerprint },
  { name: 'signal_date', type: 'date', value: (v) => v.signalDate },
  { name: 'partner_type', type: 'text', value: (v) => v.partnerType },
];

export async function insertFingerprints(
  tx: Orm,
  values: (typeof signalFingerprints.$inferInsert)[],
): Promise<void> {
  await bulkInsert(tx, 'signal_fingerprints', FINGERPRINT_COLUMNS, values);
}

/**
 * Whether each address had a signal in the six months before its period (Divosa: opeenvolgend). One probe of
 * signal_fingerprints_idx per distinct key that stops at the first hit, instead of joining (and then DISTINCT-ing)
 * every fingerprint row of the municipality.
 */
export async function hadEarlierSignals(
  tx: Orm,
  municipalityId: string,
  keys: { fingerprint: string; periodStart: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const unique = new Map(keys.map((k) => [`${k.fingerprint}|${k.periodStart}`, k]));
  const list = [...unique.values()];
  const found = rows<{ fingerprint: string; period_start: string }>(
    await tx.execute(sql`
      SELECT k.fingerprint, k.period_start::text AS period_start
        FROM unnest(${sql.param(list.map((k) => k.fingerprint))}::text[], ${sql.param(list.map((k) => k.periodStart))}::date[])
               AS k(fingerprint, period_start)
       CROSS JOIN LATERAL (
         SELECT 1 FROM signal_fingerprints f
          WHERE f.municipality_id = ${municipalityId} AND f.address_fingerprint = k.fingerprint
            AND f.signal_date < k.period_start AND f.signal_date >= k.period_start - interval '6 months'
          LIMIT 1) e`),
  );
  return new Set(found.map((r) => `${r.fingerprint}|${r.period_start}`));
}

/**
 * The open meldingen of these addresses, by fingerprint and, for calendar-month periods, the period (null: any
 * period, as continuous bundling needs). One probe of meldingen_address_period_idx per key; the municipality is
 * checked outside the probe so that no index leading with it competes (migration 0016).
 */
export async function findOpenMeldingen(
  tx: Orm,
  municipalityId: string,
  keys: { fingerprint: string; periodStart: string | null }[],
): Promise<{ id: string; addressFingerprint: string; periodStart: string }[]> {
  if (keys.length === 0) return [];
  const unique = [...new Map(keys.map((k) => [`${k.fingerprint}|${k.periodStart}`, k])).values()];
  // With a period it is part of the index condition; without one every open melding of the address counts.
  const period = unique.every((k) => k.periodStart !== null)
    ? sql`AND m.period_start = k.period_start`
    : sql`AND (k.period_start IS NULL OR m.period_start = k.period_start)`;
  return rows<{ id: string; addressFingerprint: string; periodStart: string }>(
    await tx.execute(sql`
      SELECT m.id, m.address_fingerprint AS "addressFingerprint", m.period_start::text AS "periodStart"
        FROM unnest(${sql.param(unique.map((k) => k.fingerprint))}::text[], ${sql.param(unique.map((k) => k.periodStart))}::date[])
               AS k(fingerprint, period_start)
       CROSS JOIN LATERAL (
         SELECT m.id, m.municipality_id, m.address_fingerprint, m.period_start FROM meldingen m
          WHERE m.address_fingerprint = k.fingerprint ${period} AND m.status <> 'afgesloten' OFFSET 0) m
       WHERE m.municipality_id = ${municipalityId}::uuid`),
  );
}

export type NewMelding = MeldingUpdate & {
  municipalityId: string;
  householdId: string | null;
  addressId: string;
  addressFingerprint: string;
  periodStart: string;
};

const MELDING_COLUMNS: BulkColumn<NewMelding>[] = [
  { name: 'id', type: 'uuid', value: (u) => u.id },
  { name: 'municipality_id', type: 'uuid', value: (u) => u.municipalityId },
  { name: 'household_id', type: 'uuid', value: (u) => u.householdId },
  { name: 'address_id', type: 'uuid', value: (u) => u.addressId },
  { name: 'address_fingerprint', type: 'text', value: (u) => u.addressFingerprint },
  { name: 'period_start', type: 'date', value: (u) => u.periodStart },
  { name: 'is_crisis', type: 'bool', value: (u) => u.isCrisis },
  { name: 'enkelvoudig', type: 'bool', value: (u) => u.enkelvoudig },
  { name: 'meervoudig', type: 'bool', value: (u) => u.meervoudig },
  { name: 'opeenvolgend', type: 'bool', value: (u) => u.opeenvolgend },
  { name: 'known_to_shv', type: 'bool', value: (u) => u.knownToShv },
  { name: 'queue_id', type: 'uuid', value: (u) => u.queueId },
  { name: 'priority', type: 'int', value: (u) => u.priority },
  { name: 'contact_strategy', type: 'text', value: (u) => u.contactStrategy },
  { name: 'deadline', type: 'date', value: (u) => u.deadline },
  { name: 'rule_set_id', type: 'uuid', value: (u) => u.ruleSetId },
  { name: 'rule_explanation', type: 'jsonb', value: (u) => u.ruleExplanation },
  { name: 'wijk_id', type: 'uuid', value: (u) => u.wijkId },
  { name: 'team_id', type: 'uuid', value: (u) => u.teamId },
  { name: 'total_amount_cents', type: 'bigint', value: (u) => u.totalAmountCents },
  { name: 'signal_count', type: 'int', value: (u) => u.signalCount },
  { name: 'partner_types', type: 'text[]', value: (u) => u.partnerTypes },
  { name: 'youngest_adult_age', type: 'int', value: (u) => u.youngestAdultAge },
  { name: 'oldest_adult_age', type: 'int', value: (u) => u.oldestAdultAge },
  { name: 'has_minor_children', type: 'bool', value: (u) => u.hasMinorChildren },
];

/** New meldingen with their rule outcome, in one statement (COPY in the caller's transaction). */
export async function insertMeldingen(tx: Orm, values: NewMelding[]): Promise<void> {
  await bulkInsert(tx, 'meldingen', MELDING_COLUMNS, values);
}

export type MeldingSignalFacts = {
  meldingId: string;
  partnerType: string | null;
  amountCents: number;
  daysInArrears: number | null;
  monthsInArrears: number | null;
  isCrisis: boolean;
  warmHandover: boolean;
  knownToShv: boolean;
  householdId: string | null;
};

/** The facts of the signals of these meldingen: one probe of signals_melding_idx per melding. */
export async function signalsOfMeldingen(tx: Orm, meldingIds: string[]): Promise<MeldingSignalFacts[]> {
  if (meldingIds.length === 0) return [];
  return rows<MeldingSignalFacts>(
    await tx.execute(sql`
      SELECT s.melding_id AS "meldingId", p.partner_type AS "partnerType", s.amount_cents::float8 AS "amountCents",
             s.days_in_arrears AS "daysInArrears", s.months_in_arrears AS "monthsInArrears", s.is_crisis AS "isCrisis",
             s.warm_handover AS "warmHandover",
             (s.ddas_status = 'Inwoner al bekend bij schuldhulpverlening') AS "knownToShv",
             s.household_id AS "householdId"
        FROM unnest(${sql.param([...new Set(meldingIds)])}::uuid[]) AS k(melding_id)
       CROSS JOIN LATERAL (
         SELECT s.melding_id, s.partner_id, s.amount_cents, s.days_in_arrears, s.months_in_arrears, s.is_crisis,
                s.warm_handover, s.ddas_status, s.household_id
           FROM signals s WHERE s.melding_id = k.melding_id OFFSET 0) s
        LEFT JOIN signal_partners p ON p.id = s.partner_id`),
  );
}

export type MeldingUpdate = {
  id: string;
  isCrisis: boolean;
  enkelvoudig: boolean;
  meervoudig: boolean;
  opeenvolgend: boolean;
  knownToShv: boolean;
  queueId: string | null;
  priority: number;
  contactStrategy: string;
  deadline: string;
  ruleSetId: string;
  ruleExplanation: unknown[];
  wijkId: string | null;
  teamId: string | null;
  totalAmountCents: number;
  signalCount: number;
  householdId: string | null;
  partnerTypes: string[];
  youngestAdultAge: number | null;
  oldestAdultAge: number | null;
  hasMinorChildren: boolean;
};

export async function updateMeldingen(tx: Orm, updates: MeldingUpdate[]): Promise<void> {
  for (let i = 0; i < updates.length; i += 2000) {
    const p = updates.slice(i, i + 2000);
    await tx.execute(sql`
      UPDATE meldingen m SET
        is_crisis = u.is_crisis, enkelvoudig = u.enkelvoudig, meervoudig = u.meervoudig, opeenvolgend = u.opeenvolgend,
        known_to_shv = u.known_to_shv, queue_id = u.queue_id, priority = u.priority,
        contact_strategy = u.contact_strategy, deadline = u.deadline, rule_set_id = u.rule_set_id,
        rule_explanation = u.rule_explanation, wijk_id = u.wijk_id, team_id = u.team_id,
        total_amount_cents = u.total_amount_cents, signal_count = u.signal_count,
        household_id = COALESCE(u.household_id, m.household_id),
        partner_types = string_to_array(u.partner_types, '|'), youngest_adult_age = u.youngest_adult_age,
        oldest_adult_age = u.oldest_adult_age, has_minor_children = u.has_minor_children, updated_at = now()
      FROM unnest(${sql.param(p.map((u) => u.id))}::uuid[], ${sql.param(p.map((u) => u.isCrisis))}::bool[], ${sql.param(p.map((u) => u.enkelvoudig))}::bool[],
                  ${sql.param(p.map((u) => u.meervoudig))}::bool[], ${sql.param(p.map((u) => u.opeenvolgend))}::bool[],
                  ${sql.param(p.map((u) => u.knownToShv))}::bool[], ${sql.param(p.map((u) => u.queueId))}::uuid[], ${sql.param(p.map((u) => u.priority))}::int[],
                  ${sql.param(p.map((u) => u.contactStrategy))}::text[], ${sql.param(p.map((u) => u.deadline))}::date[],
                  ${sql.param(p.map((u) => u.ruleSetId))}::uuid[], ${sql.param(p.map((u) => JSON.stringify(u.ruleExplanation)))}::jsonb[],
                  ${sql.param(p.map((u) => u.wijkId))}::uuid[], ${sql.param(p.map((u) => u.teamId))}::uuid[],
                  ${sql.param(p.map((u) => u.totalAmountCents))}::bigint[], ${sql.param(p.map((u) => u.signalCount))}::int[],
                  ${sql.param(p.map((u) => u.householdId))}::uuid[],
                  ${sql.param(p.map((u) => u.partnerTypes.join('|')))}::text[],
                  ${sql.param(p.map((u) => u.youngestAdultAge))}::int[], ${sql.param(p.map((u) => u.oldestAdultAge))}::int[],
                  ${sql.param(p.map((u) => u.hasMinorChildren))}::bool[])
        AS u(id, is_crisis, enkelvoudig, meervoudig, opeenvolgend, known_to_shv, queue_id, priority, contact_strategy,
             deadline, rule_set_id, rule_explanation, wijk_id, team_id, total_amount_cents, signal_count, household_id,
             partner_types, youngest_adult_age, oldest_adult_age, has_minor_children)
      WHERE m.id = u.id`);
  }
}

export async function findMeldingenByIds(
  tx: Orm,
  municipalityId: string,
  ids: string[],
): Promise<MeldingRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(meldingen)
    .where(and(eq(meldingen.municipalityId, municipalityId), inArray(meldingen.id, ids)));
}
