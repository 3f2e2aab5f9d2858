// Monthly rollups of the monitor (docs/monitor-indicatoren.md, "Rollups"). A year of a large municipality is
// 400,000 signals; the dashboard sums a few hundred pre-counted rows instead. Medians and percentiles come from
// per-month histograms of day counts, so they are exact, not estimated.
//
// Correctness: triggers (migrations/0008_reporting.sql) mark a month dirty in the same transaction as any change
// that counts in it; `refreshDirtyMonths` recomputes dirty months with `rollupSource`, and every dashboard read
// refreshes the dirty months of its municipalities first. A scheduled job (jobs.ts) does that in the background so
// a read rarely has to. Months the period covers only in part are counted with the same `rollupSource` on first
// use and kept per range (monitor_partial_rollups) until a change in their month drops them.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import {
  ACCEPTED_RESULTS,
  byCategory,
  type Count,
  type Figures,
  type MeldingFigures,
  type Scope,
} from './repository.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Day numbers of deadlines are stored relative to this date (an int column, compared with `today`). */
const DEADLINE_EPOCH = '2000-01-01';

/**
 * Rollup rows (month, wijk_id, measure, category, days, n) for the signals and meldingen of one municipality with
 * signal_date / period_start in [from, to]. Each measure is the per-month, per-wijk form of one definition in
 * repository.ts (the direct SQL): same scopes, same filters.
 */
export function rollupSource(municipalityId: string, from: string, to: string): SQL {
  const accepted = sql.join(
    ACCEPTED_RESULTS.map((r) => sql`${r}`),
    sql`, `,
  );
  return sql`
    WITH s AS (
      SELECT date_trunc('month', s.signal_date)::date AS month,
             coalesce(sm.wijk_id, sa.wijk_id) AS wijk_id,
             coalesce(sp.partner_type, 'Overige') AS partner_type,
             s.melding_id IS NOT NULL AS with_melding, s.is_crisis
        FROM signals s
        LEFT JOIN signal_partners sp ON sp.id = s.partner_id
        LEFT JOIN meldingen sm ON sm.id = s.melding_id
        LEFT JOIN persons sper ON sper.id = s.person_id
        LEFT JOIN addresses sa ON sa.id = sper.address_id
       WHERE s.municipality_id = ${municipalityId}::uuid
         AND s.signal_date BETWEEN ${from}::date AND ${to}::date
         AND NOT EXISTS (SELECT 1 FROM signals n WHERE n.previous_version_id = s.id)),
    sg AS (
      SELECT month, wijk_id, partner_type, count(*)::int AS a,
             count(*) FILTER (WHERE with_melding)::int AS b, count(*) FILTER (WHERE is_crisis)::int AS c
        FROM s GROUP BY 1, 2, 3),
    m AS (
      SELECT m.id, date_trunc('month', m.period_start)::date AS month, m.wijk_id, m.status, m.enkelvoudig,
             m.meervoudig, m.opeenvolgend, m.is_crisis, m.taken_up_on, m.deadline, m.eindresultaat
        FROM meldingen m
       WHERE m.municipality_id = ${municipalityId}::uuid
         AND m.period_start BETWEEN ${from}::date AND ${to}::date),
    -- Per melding, one index probe each (LATERAL ... OFFSET 0 is never flattened into a join): a join would let
    -- the planner hash all signals and contact attempts of every municipality for a fortnight of one.
    fs AS (SELECT m.id AS melding_id, f.first_signal
             FROM m CROSS JOIN LATERAL (SELECT min(x.signal_date) AS first_signal FROM signals x
                                         WHERE x.melding_id = m.id OFFSET 0) f),
    fc AS (SELECT m.id AS melding_id, f.first_contact, f.reached
             FROM m CROSS JOIN LATERAL (SELECT min(c.datum) AS first_contact, bool_or(c.bereikt) AS reached
                                          FROM contact_attempts c WHERE c.melding_id = m.id OFFSET 0) f),
    z AS (
      SELECT m.*, fs.first_signal, fc.first_contact, coalesce(fc.reached, false) AS reached,
             coalesce(m.eindresultaat IN (${accepted}), false) AS accepted
        FROM m LEFT JOIN fs ON fs.melding_id = m.id LEFT JOIN fc ON fc.melding_id = m.id),
    mg AS (
      SELECT month, wijk_id,
             count(*)::int AS meldingen,
             count(*) FILTER (WHERE enkelvoudig)::int AS enkelvoudig,
             count(*) FILTER (WHERE meervoudig)::int AS meervoudig,
             count(*) FILTER (WHERE opeenvolgend)::int AS opeenvolgend,
             count(*) FILTER (WHERE reached)::int AS bereikt,
             count(*) FILTER (WHERE accepted)::int AS hulp_aanvaard,
             count(*) FILTER (WHERE reached AND accepted)::int AS bereikt_hulp_aanvaard,
             count(*) FILTER (WHERE deadline IS NOT NULL AND taken_up_on IS NOT NULL)::int AS termijn_opgepakt,
             count(*) FILTER (WHERE deadline IS NOT NULL AND taken_up_on <= deadline)::int AS binnen_termijn
        FROM z GROUP BY 1, 2)
    SELECT sg.month, sg.wijk_id, v.measure::text AS measure, sg.partner_type::text AS category, 0 AS days, v.n
      FROM sg CROSS JOIN LATERAL (VALUES ('signalen', sg.a), ('signalen_met_melding', sg.b),
                                         ('crisissignalen', sg.c)) v (measure, n)
     WHERE v.n > 0
    UNION ALL
    SELECT mg.month, mg.wijk_id, v.measure::text, ''::text, 0, v.n
      FROM mg CROSS JOIN LATERAL (VALUES ('meldingen', mg.meldingen), ('enkelvoudig', mg.enkelvoudig),
             ('meervoudig', mg.meervoudig), ('opeenvolgend', mg.opeenvolgend), ('bereikt', mg.bereikt),
             ('hulp_aanvaard', mg.hulp_aanvaard), ('bereikt_hulp_aanvaard', mg.bereikt_hulp_aanvaard),
             ('termijn_opgepakt', mg.termijn_opgepakt), ('binnen_termijn', mg.binnen_termijn)) v (measure, n)
     WHERE v.n > 0
    UNION ALL
    SELECT month, wijk_id, 'dagen_tot_oppakken', '', taken_up_on - first_signal, count(*)::int
      FROM z WHERE taken_up_on IS NOT NULL AND first_signal IS NOT NULL GROUP BY 1, 2, 5
    UNION ALL
    SELECT month, wijk_id, 'crisis_dagen_tot_oppakken', '', taken_up_on - first_signal, count(*)::int
      FROM z WHERE is_crisis AND taken_up_on IS NOT NULL AND first_signal IS NOT NULL GROUP BY 1, 2, 5
    UNION ALL
    SELECT month, wijk_id, 'dagen_tot_eerste_contact', '', first_contact - first_signal, count(*)::int
      FROM z WHERE first_contact IS NOT NULL AND first_signal IS NOT NULL GROUP BY 1, 2, 5
    UNION ALL
    SELECT month, wijk_id, 'termijn_open', '', deadline - ${DEADLINE_EPOCH}::date, count(*)::int
      FROM z WHERE deadline IS NOT NULL AND taken_up_on IS NULL GROUP BY 1, 2, 5
    UNION ALL
    SELECT z.month, z.wijk_id, 'contactpogingen', c.soort, 0, count(*)::int
      FROM z CROSS JOIN LATERAL (SELECT c.soort FROM contact_attempts c WHERE c.melding_id = z.id OFFSET 0) c
     GROUP BY 1, 2, 4
    UNION ALL
    SELECT month, wijk_id, 'eindresultaten', eindresultaat, 0, count(*)::int
      FROM z WHERE status = 'afgesloten' AND eindresultaat IS NOT NULL GROUP BY 1, 2, 4`;
}

const monthStart = (date: string) => `${date.slice(0, 8)}01`;

function addMonths(monthFirst: string, months: number): string {
  const d = new Date(`${monthFirst}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function monthEnd(date: string): string {
  const d = new Date(`${addMonths(monthStart(date), 1)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/**
 * The whole months of a period (read from the rollups, as first days of months) and the parts of months at its
 * edges (counted live).
 */
export function splitPeriod(
  van: string,
  tot: string,
): { full: [string, string] | null; partial: [string, string][] } {
  const fullFrom = van === monthStart(van) ? van : addMonths(monthStart(van), 1);
  const fullTo = tot === monthEnd(tot) ? monthStart(tot) : addMonths(monthStart(tot), -1);
  if (fullFrom > fullTo) return { full: null, partial: [[van, tot]] };
  const partial: [string, string][] = [];
  if (van !== fullFrom) partial.push([van, monthEnd(van)]);
  if (tot !== monthEnd(tot)) partial.push([monthStart(tot), tot]);
  return { full: [fullFrom, fullTo], partial };
}

/**
 * Recomputes the dirty months (of the given municipalities, or all). Refreshers take one advisory lock, so two
 * never recompute the same month at once; a reader that waited finds the months clean and reads the new rollups.
 */
export async function refreshDirtyMonths(tx: Orm, municipalityIds?: string[]): Promise<number> {
  const which = municipalityIds
    ? municipalityIds.length === 0
      ? sql`false`
      : sql`municipality_id IN (${sql.join(
          municipalityIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
    : sql`true`;
  const [any] = rows<{ n: number }>(
    await tx.execute(
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM monitor_rollup_dirty WHERE ${which} LIMIT 1) x`,
    ),
  );
  if (!any?.n) return 0;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('vangnet:monitor-rollups'))`);
  const dirty = rows<{ municipalityId: string; month: string }>(
    await tx.execute(sql`DELETE FROM monitor_rollup_dirty WHERE ${which}
                         RETURNING municipality_id::text AS "municipalityId", month::text AS month`),
  );
  for (const d of dirty) {
    await tx.execute(
      sql`DELETE FROM monitor_rollups WHERE municipality_id = ${d.municipalityId}::uuid AND month = ${d.month}::date`,
    );
    // Kept part months that overlap the month are stale too; the next read that needs one counts it again.
    await tx.execute(
      sql`DELETE FROM monitor_partial_ranges WHERE municipality_id = ${d.municipalityId}::uuid
            AND from_date <= ${monthEnd(d.month)}::date AND to_date >= ${d.month}::date`,
    );
    await tx.execute(sql`
      INSERT INTO monitor_rollups (municipality_id, month, wijk_id, measure, category, days, n)
      SELECT ${d.municipalityId}::uuid, r.month, r.wijk_id, r.measure, r.category, r.days, r.n
        FROM (${rollupSource(d.municipalityId, d.month, monthEnd(d.month))}) r`);
  }
  return dirty.length;
}

type RollupRow = { measure: string; category: string; days: number; n: number };

type PartialRange = { municipalityId: string; from: string; to: string };

/**
 * Counts the part months not kept yet, under the refresh lock: a refresh (which drops kept ranges of a dirty month)
 * and this never interleave, so a range counted before a change is dropped by the refresh that follows the change.
 */
async function ensurePartialRanges(tx: Orm, ranges: PartialRange[]): Promise<void> {
  if (ranges.length === 0) return;
  const wanted = sql.join(
    ranges.map((r) => sql`(${r.municipalityId}::uuid, ${r.from}::date, ${r.to}::date)`),
    sql`, `,
  );
  const missing = rows<{ m: string; f: string; t: string }>(
    await tx.execute(sql`
      SELECT DISTINCT w.m::text AS m, w.f::text AS f, w.t::text AS t FROM (VALUES ${wanted}) w (m, f, t)
       WHERE NOT EXISTS (SELECT 1 FROM monitor_partial_ranges r
                          WHERE r.municipality_id = w.m AND r.from_date = w.f AND r.to_date = w.t)`),
  );
  if (missing.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('vangnet:monitor-rollups'))`);
  for (const r of missing) {
    const claimed = rows(
      await tx.execute(sql`
        INSERT INTO monitor_partial_ranges (municipality_id, from_date, to_date)
        VALUES (${r.m}::uuid, ${r.f}::date, ${r.t}::date) ON CONFLICT DO NOTHING RETURNING 1`),
    );
    if (claimed.length === 0) continue;
    await tx.execute(sql`
      INSERT INTO monitor_partial_rollups (municipality_id, from_date, to_date, wijk_id, measure, category, days, n)
      SELECT ${r.m}::uuid, ${r.f}::date, ${r.t}::date, e.wijk_id, e.measure, e.category, e.days, sum(e.n)::int
        FROM (${rollupSource(r.m, r.f, r.t)}) e
       GROUP BY e.wijk_id, e.measure, e.category, e.days`);
  }
}

/** Drops kept part months nobody asked for in a day, so ad-hoc periods do not pile up. */
export async function prunePartialRanges(tx: Orm): Promise<void> {
  await tx.execute(sql`DELETE FROM monitor_partial_ranges WHERE computed_at < now() - interval '1 day'`);
}

/**
 * The rollup rows of each scope summed over its period: stored whole months plus the partial edge months, live.
 * One query for all scopes (this and the previous period, every municipality of the region): one round trip.
 */
export async function rollupTotalsFor(tx: Orm, scopes: Scope[]): Promise<RollupRow[][]> {
  if (scopes.length === 0) return [];
  await ensurePartialRanges(
    tx,
    scopes.flatMap((s) =>
      splitPeriod(s.van, s.tot).partial.map(([from, to]) => ({ municipalityId: s.municipalityId, from, to })),
    ),
  );
  const parts: SQL[] = [];
  for (const [i, s] of scopes.entries()) {
    const { full, partial } = splitPeriod(s.van, s.tot);
    const wijk = (alias: string) =>
      s.wijkId ? sql`AND ${sql.raw(alias)}.wijk_id = ${s.wijkId}::uuid` : sql``;
    if (full)
      parts.push(sql`SELECT ${i}::int AS scope, r.measure, r.category, r.days, r.n FROM monitor_rollups r
                      WHERE r.municipality_id = ${s.municipalityId}::uuid
                        AND r.month BETWEEN ${full[0]}::date AND ${full[1]}::date ${wijk('r')}`);
    for (const [from, to] of partial)
      parts.push(sql`SELECT ${i}::int AS scope, p.measure, p.category, p.days, p.n FROM monitor_partial_rollups p
                      WHERE p.municipality_id = ${s.municipalityId}::uuid
                        AND p.from_date = ${from}::date AND p.to_date = ${to}::date ${wijk('p')}`);
  }
  const totals = rows<RollupRow & { scope: number }>(
    await tx.execute(sql`
      SELECT scope, measure, category, days, sum(n)::int AS n
        FROM (${sql.join(parts, sql` UNION ALL `)}) x
       GROUP BY 1, 2, 3, 4`),
  );
  return scopes.map((_, i) => totals.filter((t) => t.scope === i));
}

export async function rollupTotals(tx: Orm, s: Scope): Promise<RollupRow[]> {
  return (await rollupTotalsFor(tx, [s]))[0] ?? [];
}

/** percentile_cont of PostgreSQL over a histogram of integer day counts: the same arithmetic, so the same value. */
export function percentileFromHistogram(histogram: { days: number; n: number }[], p: number): number | null {
  const sorted = [...histogram].sort((a, b) => a.days - b.days);
  const total = sorted.reduce((t, h) => t + h.n, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const at = (index: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (index < seen) return h.days;
    }
    throw new Error('percentile index out of range');
  };
  const a = at(lo);
  const b = at(hi);
  return a + (position - lo) * (b - a);
}

/** The figures of a scope from the rollup totals; `today` decides which open deadlines have passed. */
export function figuresFromRollup(totals: RollupRow[], today: string): Figures {
  const of = (measure: string) => totals.filter((t) => t.measure === measure);
  const sum = (measure: string) => of(measure).reduce((t, r) => t + r.n, 0);
  const counts = (measure: string): Count[] =>
    byCategory(of(measure).map((r) => ({ category: r.category, n: r.n })));
  const histogram = (measure: string) => of(measure).map((r) => ({ days: r.days, n: r.n }));
  const todayNumber = (Date.parse(today) - Date.parse(DEADLINE_EPOCH)) / 86_400_000;
  const pickup = histogram('dagen_tot_oppakken');
  const contact = histogram('dagen_tot_eerste_contact');
  const crisisPickup = histogram('crisis_dagen_tot_oppakken');
  const total = (h: { n: number }[]) => h.reduce((t, r) => t + r.n, 0);
  const melding: MeldingFigures = {
    meldingen: sum('meldingen'),
    enkelvoudig: sum('enkelvoudig'),
    meervoudig: sum('meervoudig'),
    opeenvolgend: sum('opeenvolgend'),
    reached: sum('bereikt'),
    accepted: sum('hulp_aanvaard'),
    reachedAccepted: sum('bereikt_hulp_aanvaard'),
    pickupN: total(pickup),
    pickupMedian: percentileFromHistogram(pickup, 0.5),
    pickupP90: percentileFromHistogram(pickup, 0.9),
    contactN: total(contact),
    contactMedian: percentileFromHistogram(contact, 0.5),
    contactP90: percentileFromHistogram(contact, 0.9),
    dueN:
      sum('termijn_opgepakt') +
      of('termijn_open')
        .filter((r) => r.days < todayNumber)
        .reduce((t, r) => t + r.n, 0),
    onTime: sum('binnen_termijn'),
    crisisPickupN: total(crisisPickup),
    crisisPickupMedian: percentileFromHistogram(crisisPickup, 0.5),
  };
  return {
    signals: sum('signalen'),
    withMelding: sum('signalen_met_melding'),
    crisis: sum('crisissignalen'),
    byPartnerType: counts('signalen'),
    melding,
    contactByKind: counts('contactpogingen'),
    endResults: counts('eindresultaten'),
  };
}

/** The figures of a scope from the rollups (refresh the dirty months first: see refreshDirtyMonths). */
export async function rollupFigures(tx: Orm, s: Scope): Promise<Figures> {
  return figuresFromRollup(await rollupTotals(tx, s), s.today);
}
