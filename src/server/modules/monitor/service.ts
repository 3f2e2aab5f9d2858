// The monitor dashboard: Divosa indicators for a municipality, a period (with the previous period) and optionally a
// wijk, and for a region the municipalities side by side. Figures come from SQL (repository.ts); the presenter
// suppresses small cells and formats them once, for the dashboard, the CSV and the PDF alike.
import { todayInNetherlands } from '../../../shared/calendar.ts';
import { DDAS_CONTACTSOORTEN, DDAS_EINDRESULTATEN, DDAS_SIGNAALPARTNERS } from '../../../shared/ddas.ts';
import { permissionsFor, type StaffRole } from '../../../shared/roles.ts';
import {
  MONITOR_INDICATORS,
  type MonitorIndicatorId,
  type MonitorQueryInput,
  type MonitorResponse,
  type MonitorUnit,
  periodProblems,
} from '../../../shared/schemas/reporting.ts';
import { seesSmallNumbers } from '../../../shared/suppression.ts';
import type { Orm } from '../../db/client.ts';
import type { UserContext } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { type Language, presentRows } from './presenter.ts';
import * as repo from './repository.ts';
import { figuresFromRollup, refreshDirtyMonths, rollupTotalsFor } from './rollup.ts';

/** One computed figure: its value (null when it cannot be computed) and how many residents it rests on. */
export type RawCell = { value: number | null; basis: number };
export type RawRow = {
  indicator: MonitorIndicatorId;
  unit: MonitorUnit;
  category: string | null;
  cell: RawCell;
};

const unitOf = (id: MonitorIndicatorId): MonitorUnit =>
  (MONITOR_INDICATORS.find((i) => i.id === id) as { unit: MonitorUnit }).unit;

function share(numerator: number, denominator: number): RawCell {
  // A share rests on its numerator and its denominator; the smaller decides suppression.
  return { value: denominator > 0 ? numerator / denominator : null, basis: Math.min(numerator, denominator) };
}

function breakdown(
  id: MonitorIndicatorId,
  categories: readonly string[],
  counts: { category: string; n: number }[],
): RawRow[] {
  const by = new Map(counts.map((c) => [c.category, c.n]));
  return categories.map((category) => {
    const n = by.get(category) ?? 0;
    return { indicator: id, unit: unitOf(id), category, cell: { value: n, basis: n } };
  });
}

/** Months in a period for the rate per month: days ÷ (365.25 ÷ 12). */
export function monthsIn(van: string, tot: string): number {
  return ((Date.parse(tot) - Date.parse(van)) / 86_400_000 + 1) / (365.25 / 12);
}

/** Every indicator of docs/monitor-indicatoren.md from the figures of one scope, in the documented order. */
export function indicatorsFrom(f: repo.Figures, context: { inhabitants: number; months: number }): RawRow[] {
  const m = f.melding;
  const one = (id: MonitorIndicatorId, cell: RawCell): RawRow => ({
    indicator: id,
    unit: unitOf(id),
    category: null,
    cell,
  });
  const days = (value: number | null, n: number): RawCell => ({ value, basis: n });
  const { inhabitants, months } = context;
  return [
    one('signalen_per_1000', {
      value: inhabitants > 0 && months > 0 ? ((f.signals / inhabitants) * 1000) / months : null,
      basis: f.signals,
    }),
    ...breakdown('signalen_per_partnertype', DDAS_SIGNAALPARTNERS, f.byPartnerType),
    one('aandeel_signalen_melding', share(f.withMelding, f.signals)),
    one('aandeel_enkelvoudig', share(m.enkelvoudig, m.meldingen)),
    one('aandeel_meervoudig', share(m.meervoudig, m.meldingen)),
    one('aandeel_opeenvolgend', share(m.opeenvolgend, m.meldingen)),
    ...breakdown('contactpogingen_per_soort', DDAS_CONTACTSOORTEN, f.contactByKind),
    one('aandeel_bereikt', share(m.reached, m.meldingen)),
    one('aandeel_hulp_aanvaard_van_bereikt', share(m.reachedAccepted, m.reached)),
    one('aandeel_hulp_aanvaard', share(m.accepted, m.meldingen)),
    ...breakdown('eindresultaten', DDAS_EINDRESULTATEN, f.endResults),
    one('dagen_tot_oppakken_mediaan', days(m.pickupMedian, m.pickupN)),
    one('dagen_tot_oppakken_p90', days(m.pickupP90, m.pickupN)),
    one('dagen_tot_eerste_contact_mediaan', days(m.contactMedian, m.contactN)),
    one('dagen_tot_eerste_contact_p90', days(m.contactP90, m.contactN)),
    one('aandeel_binnen_termijn', share(m.onTime, m.dueN)),
    one('crisissignalen', { value: f.crisis, basis: f.crisis }),
    one('crisis_dagen_tot_oppakken_mediaan', days(m.crisisPickupMedian, m.crisisPickupN)),
  ];
}

/**
 * Every indicator for one scope. `rollup` (the dashboard) reads the monthly rollups, whose dirty months the caller
 * has refreshed; `direct` counts the raw rows (the reference definition; tests and the benchmark compare both).
 */
export async function computeIndicators(
  tx: Orm,
  scope: repo.Scope,
  source: 'rollup' | 'direct' = 'rollup',
): Promise<RawRow[]> {
  if (source === 'rollup') return (await computeIndicatorsFor(tx, [scope]))[0] ?? [];
  return indicatorsFrom(await repo.directFigures(tx, scope), {
    inhabitants: await repo.inhabitantsOf(tx, scope),
    months: monthsIn(scope.van, scope.tot),
  });
}

/** Every indicator for several scopes from the rollups, in one query (see rollupTotalsFor). */
export async function computeIndicatorsFor(tx: Orm, scopes: repo.Scope[]): Promise<RawRow[][]> {
  const totals = await rollupTotalsFor(tx, scopes);
  const inhabitants = new Map<string, number>();
  for (const s of scopes) {
    const key = `${s.municipalityId}|${s.wijkId ?? ''}`;
    if (!inhabitants.has(key)) inhabitants.set(key, await repo.inhabitantsOf(tx, s));
  }
  return scopes.map((s, i) =>
    indicatorsFrom(figuresFromRollup(totals[i] ?? [], s.today), {
      inhabitants: inhabitants.get(`${s.municipalityId}|${s.wijkId ?? ''}`) ?? 0,
      months: monthsIn(s.van, s.tot),
    }),
  );
}

function dayBefore(date: string, days = 1): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The first day of the month `months` months before the month of `date`. */
function firstOfMonthBefore(date: string, months: number): string {
  const d = new Date(`${date.slice(0, 8)}01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/**
 * The period of the request and the equally long period before it. Default: the twelve calendar months up to and
 * including the current one (whole months, so the dashboard reads only rollups).
 */
export function periods(query: MonitorQueryInput, today: string) {
  const endOfMonth = (date: string) => {
    const d = new Date(`${date.slice(0, 8)}01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1, 0);
    return d.toISOString().slice(0, 10);
  };
  const tot = query.tot ?? (query.van ? today : endOfMonth(today));
  const van = query.van ?? firstOfMonthBefore(tot, 11);
  const invalid = periodProblems(van, tot, { van: 'query.van', tot: 'query.tot' });
  if (invalid.length > 0) throw problems.badRequest(invalid.map((p) => p.reason).join(' '), invalid);
  const previousTot = dayBefore(van);
  // Whole months (a month, a quarter, a year): the same number of months before. Otherwise as many days before.
  if (van.endsWith('-01') && dayBefore(tot, -1).endsWith('-01')) {
    const months =
      (Number(tot.slice(0, 4)) - Number(van.slice(0, 4))) * 12 +
      Number(tot.slice(5, 7)) -
      Number(van.slice(5, 7)) +
      1;
    const start = new Date(`${van}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() - months);
    return {
      period: { van, tot },
      previousPeriod: { van: start.toISOString().slice(0, 10), tot: previousTot },
    };
  }
  const length = Math.round((Date.parse(tot) - Date.parse(van)) / 86_400_000) + 1;
  return {
    period: { van, tot },
    previousPeriod: { van: dayBefore(previousTot, length - 1), tot: previousTot },
  };
}

const MONITOR_ROLES: StaffRole[] = (
  [
    'functioneel_beheerder',
    'vroegsignalering_medewerker',
    'schuldhulpverlener',
    'regisseur',
    'coordinator_vrijwilligers',
    'vrijwilliger',
    'beleidsmedewerker',
    'auditor',
  ] as const
).filter((r) => {
  const p = permissionsFor([r]);
  return p.has('aggregates:read') || p.has('vroegsignalering:read');
});

/** Who may open the monitor, and whether they see small cells: only those who may see the personal data anyway. */
export function monitorAccess(permissions: Set<string>): { allowed: boolean; suppressed: boolean } {
  return {
    allowed: permissions.has('aggregates:read') || permissions.has('vroegsignalering:read'),
    suppressed: !seesSmallNumbers(permissions),
  };
}

export async function showMonitor(
  db: Orm,
  ctx: UserContext,
  query: MonitorQueryInput,
  opts: { today?: string; language?: Language } = {},
): Promise<MonitorResponse> {
  const today = opts.today ?? todayInNetherlands();
  const language = opts.language ?? query.taal ?? 'nl';
  const { period, previousPeriod } = periods(query, today);
  const access = monitorAccess(ctx.actor.permissions);
  if (!access.allowed) throw problems.forbidden();
  return db.transaction(async (tx) => {
    const own = await repo.findMunicipality(tx, ctx.municipalityId);
    if (!own) throw problems.notFound();
    const wijk = query.wijkId ? await repo.findWijk(tx, ctx.municipalityId, query.wijkId) : null;
    if (query.wijkId && !wijk) throw problems.notFound('The wijk does not exist.');
    const regionMunicipalities =
      query.regio === 'true'
        ? (await repo.monitorMunicipalitiesOfUser(tx, ctx.actor.userId, MONITOR_ROLES)).filter(
            (x) => x.regionId === own.regionId,
          )
        : [];
    // Months changed since the last refresh are recomputed first, so no figure is ever out of date.
    await refreshDirtyMonths(tx, [own.id, ...regionMunicipalities.map((m) => m.id)]);
    // Every scope of this answer (this and the previous period, per municipality) in one rollup query.
    const scopes: repo.Scope[] = [];
    const add = (municipalityId: string, wijkId: string | null) => {
      scopes.push(
        { municipalityId, wijkId, today, ...period },
        { municipalityId, wijkId, today, ...previousPeriod },
      );
      return scopes.length - 2;
    };
    const ownAt = add(own.id, wijk?.id ?? null);
    // In the region every municipality is shown whole, the own one too (also when a wijk is chosen above).
    const regionAt = regionMunicipalities.map((m) => (m.id === own.id && !wijk ? ownAt : add(m.id, null)));
    const computed = await computeIndicatorsFor(tx, scopes);
    const rowsAt = (at: number, suppressed: boolean) =>
      presentRows(computed[at] ?? [], computed[at + 1] ?? [], { suppressed, language });
    const municipality = {
      id: own.id,
      name: own.name,
      cbsCode: own.cbsCode,
      rows: rowsAt(ownAt, access.suppressed),
    };
    let region: MonitorResponse['region'] = null;
    if (query.regio === 'true') {
      region = [];
      for (const [i, m] of regionMunicipalities.entries()) {
        const roles = await repo.rolesOfUser(tx, ctx.actor.userId, m.id);
        const there = monitorAccess(permissionsFor(roles as StaffRole[]));
        region.push({
          id: m.id,
          name: m.name,
          cbsCode: m.cbsCode,
          rows: rowsAt(regionAt[i] ?? ownAt, there.suppressed),
        });
      }
    }
    await recordAudit(tx, ctx, {
      action: 'monitor.read',
      purpose: PURPOSES.earlySignalling,
      details: { ...period, wijkId: wijk?.id ?? null, regio: region !== null, suppressed: access.suppressed },
    });
    return {
      period,
      previousPeriod,
      wijk: wijk ?? null,
      suppressed: access.suppressed,
      municipality,
      region,
    };
  });
}
