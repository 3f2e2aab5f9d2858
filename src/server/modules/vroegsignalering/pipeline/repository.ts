import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../../../db/client.ts';
import {
  addresses,
  knownResidents,
  meldingen,
  persons,
  ruleSets,
  type signalFingerprints,
  signalPartners,
  signals,
  wijken,
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

/** The latest earlier signal of the same partner about the same person within the look-back window. */
export async function earlierSignals(
  tx: Orm,
  municipalityId: string,
  keys: { partnerId: string; personId: string; before: string; excludeId: string }[],
): Promise<Map<string, { id: string; amountCents: number; signalDate: string }>> {
  const result = new Map<string, { id: string; amountCents: number; signalDate: string }>();
  if (keys.length === 0) return result;
  const found = rows<{ key: string; id: string; amount_cents: string; signal_date: string }>(
    await tx.execute(sql`
      SELECT DISTINCT ON (k.partner_id, k.person_id, k.exclude_id)
             k.exclude_id AS key, s.id, s.amount_cents, s.signal_date::text AS signal_date
        FROM unnest(${sql.param(keys.map((k) => k.partnerId))}::uuid[], ${sql.param(keys.map((k) => k.personId))}::uuid[],
                    ${sql.param(keys.map((k) => k.before))}::date[], ${sql.param(keys.map((k) => k.excludeId))}::uuid[])
               AS k(partner_id, person_id, before, exclude_id)
        JOIN signals s ON s.partner_id = k.partner_id AND s.person_id = k.person_id
                      AND s.municipality_id = ${municipalityId}
                      AND s.id <> k.exclude_id
                      AND s.signal_date <= k.before AND s.signal_date > k.before - interval '6 months'
       ORDER BY k.partner_id, k.person_id, k.exclude_id, s.signal_date DESC, s.created_at DESC`),
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

/** Ages and children per household from the embedded BRP, for the prioritisation facts. */
export async function householdFacts(
  tx: Orm,
  municipalityId: string,
  householdIds: string[],
  onDate: string,
): Promise<Map<string, HouseholdFacts>> {
  const result = new Map<string, HouseholdFacts>();
  if (householdIds.length === 0) return result;
  const found = await tx
    .select({
      householdId: persons.householdId,
      age: sql<number>`date_part('year', age(${onDate}::date, ${persons.geboortedatum}))::int`,
      addressId: persons.addressId,
      wijkId: addresses.wijkId,
      teamId: wijken.teamId,
      postcode: addresses.postcode,
    })
    .from(persons)
    .innerJoin(addresses, eq(addresses.id, persons.addressId))
    .leftJoin(wijken, eq(wijken.id, addresses.wijkId))
    .where(
      and(
        eq(persons.municipalityId, municipalityId),
        inArray(persons.householdId, householdIds),
        eq(persons.brpStatus, 'ingeschreven'),
      ),
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

export async function insertFingerprints(
  tx: Orm,
  values: (typeof signalFingerprints.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < values.length; i += 2000) {
    const part = values.slice(i, i + 2000);
    await tx.execute(sql`
      INSERT INTO signal_fingerprints (municipality_id, address_fingerprint, signal_date, partner_type)
      SELECT * FROM unnest(${sql.param(part.map((v) => v.municipalityId))}::uuid[], ${sql.param(part.map((v) => v.addressFingerprint))}::text[],
                           ${sql.param(part.map((v) => v.signalDate))}::date[], ${sql.param(part.map((v) => v.partnerType))}::text[])`);
  }
}

/** Whether each address had a signal in the six months before its period (Divosa: opeenvolgend). */
export async function hadEarlierSignals(
  tx: Orm,
  municipalityId: string,
  keys: { fingerprint: string; periodStart: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = rows<{ fingerprint: string; period_start: string }>(
    await tx.execute(sql`
      SELECT DISTINCT k.fingerprint, k.period_start::text AS period_start
        FROM unnest(${sql.param(keys.map((k) => k.fingerprint))}::text[], ${sql.param(keys.map((k) => k.periodStart))}::date[])
               AS k(fingerprint, period_start)
        JOIN signal_fingerprints f ON f.municipality_id = ${municipalityId} AND f.address_fingerprint = k.fingerprint
                                  AND f.signal_date < k.period_start
                                  AND f.signal_date >= k.period_start - interval '6 months'`),
  );
  return new Set(found.map((r) => `${r.fingerprint}|${r.period_start}`));
}

export async function findOpenMeldingen(
  tx: Orm,
  municipalityId: string,
  fingerprints: string[],
): Promise<{ id: string; addressFingerprint: string; periodStart: string }[]> {
  if (fingerprints.length === 0) return [];
  return rows<{ id: string; addressFingerprint: string; periodStart: string }>(
    await tx.execute(sql`
      SELECT m.id, m.address_fingerprint AS "addressFingerprint", m.period_start::text AS "periodStart"
        FROM unnest(${sql.param(fingerprints)}::text[]) AS k(fingerprint)
        JOIN meldingen m ON m.municipality_id = ${municipalityId}::uuid AND m.address_fingerprint = k.fingerprint
       WHERE m.status <> 'afgesloten'`),
  );
}

export type NewMelding = MeldingUpdate & {
  municipalityId: string;
  householdId: string | null;
  addressId: string;
  addressFingerprint: string;
  periodStart: string;
};

/** New meldingen with their rule outcome, one statement per 2,000 (unnest; partner types as a joined string). */
export async function insertMeldingen(tx: Orm, values: NewMelding[]): Promise<void> {
  for (let i = 0; i < values.length; i += 2000) {
    const p = values.slice(i, i + 2000);
    await tx.execute(sql`
      INSERT INTO meldingen (id, municipality_id, household_id, address_id, address_fingerprint, period_start,
        is_crisis, enkelvoudig, meervoudig, opeenvolgend, known_to_shv, queue_id, priority, contact_strategy,
        deadline, rule_set_id, rule_explanation, wijk_id, team_id, total_amount_cents, signal_count, partner_types,
        youngest_adult_age, oldest_adult_age, has_minor_children)
      SELECT u.id, u.municipality_id, u.household_id, u.address_id, u.address_fingerprint, u.period_start,
        u.is_crisis, u.enkelvoudig, u.meervoudig, u.opeenvolgend, u.known_to_shv, u.queue_id, u.priority,
        u.contact_strategy, u.deadline, u.rule_set_id, u.rule_explanation, u.wijk_id, u.team_id,
        u.total_amount_cents, u.signal_count, string_to_array(u.partner_types, '|'), u.youngest_adult_age,
        u.oldest_adult_age, u.has_minor_children
      FROM unnest(${sql.param(p.map((u) => u.id))}::uuid[], ${sql.param(p.map((u) => u.municipalityId))}::uuid[],
                  ${sql.param(p.map((u) => u.householdId))}::uuid[], ${sql.param(p.map((u) => u.addressId))}::uuid[],
                  ${sql.param(p.map((u) => u.addressFingerprint))}::text[], ${sql.param(p.map((u) => u.periodStart))}::date[],
                  ${sql.param(p.map((u) => u.isCrisis))}::bool[], ${sql.param(p.map((u) => u.enkelvoudig))}::bool[],
                  ${sql.param(p.map((u) => u.meervoudig))}::bool[], ${sql.param(p.map((u) => u.opeenvolgend))}::bool[],
                  ${sql.param(p.map((u) => u.knownToShv))}::bool[], ${sql.param(p.map((u) => u.queueId))}::uuid[],
                  ${sql.param(p.map((u) => u.priority))}::int[], ${sql.param(p.map((u) => u.contactStrategy))}::text[],
                  ${sql.param(p.map((u) => u.deadline))}::date[], ${sql.param(p.map((u) => u.ruleSetId))}::uuid[],
                  ${sql.param(p.map((u) => JSON.stringify(u.ruleExplanation)))}::jsonb[],
                  ${sql.param(p.map((u) => u.wijkId))}::uuid[], ${sql.param(p.map((u) => u.teamId))}::uuid[],
                  ${sql.param(p.map((u) => u.totalAmountCents))}::bigint[], ${sql.param(p.map((u) => u.signalCount))}::int[],
                  ${sql.param(p.map((u) => u.partnerTypes.join('|')))}::text[],
                  ${sql.param(p.map((u) => u.youngestAdultAge))}::int[], ${sql.param(p.map((u) => u.oldestAdultAge))}::int[],
                  ${sql.param(p.map((u) => u.hasMinorChildren))}::bool[])
        AS u(id, municipality_id, household_id, address_id, address_fingerprint, period_start, is_crisis, enkelvoudig,
             meervoudig, opeenvolgend, known_to_shv, queue_id, priority, contact_strategy, deadline, rule_set_id,
             rule_explanation, wijk_id, team_id, total_amount_cents, signal_count, partner_types, youngest_adult_age,
             oldest_adult_age, has_minor_children)`);
  }
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

export async function signalsOfMeldingen(tx: Orm, meldingIds: string[]): Promise<MeldingSignalFacts[]> {
  if (meldingIds.length === 0) return [];
  return rows<MeldingSignalFacts>(
    await tx.execute(sql`
      SELECT s.melding_id AS "meldingId", p.partner_type AS "partnerType", s.amount_cents::float8 AS "amountCents",
             s.days_in_arrears AS "daysInArrears", s.months_in_arrears AS "monthsInArrears", s.is_crisis AS "isCrisis",
             s.warm_handover AS "warmHandover",
             (s.ddas_status = 'Inwoner al bekend bij schuldhulpverlening') AS "knownToShv",
             s.household_id AS "householdId"
        FROM signals s LEFT JOIN signal_partners p ON p.id = s.partner_id
       WHERE s.melding_id = ANY(${sql.param(meldingIds)}::uuid[])`),
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
