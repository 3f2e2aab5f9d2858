import type {
  Regel,
  RegelingCreate,
  RegelingPatch,
  VoorzieningenScanVraag,
} from '../../../shared/schemas/berekeningen.ts';
import type { Orm } from '../../db/client.ts';
import { actorId, type ServiceContext } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { knownRange, RegelInputError } from './parameters.ts';
import { renderBerekeningPdf } from './pdf.ts';
import * as repo from './repository.ts';
import { bereken, type RegelInput, type RegelResultaat } from './rules/index.ts';
import { evalueerHuishouden, type RegelingRegel, totaal } from './rules/scan.ts';
import { legUit } from './rules/scan-teksten.ts';

function asBadRequest(err: unknown): never {
  if (err instanceof RegelInputError) {
    throw problems.badRequest(err.message, [
      { name: `body.${err.field}`, code: err.code, reason: err.message },
    ]);
  }
  throw err;
}

/**
 * Computes one rule for a staff member. The input is entered ad hoc and is not linked to a person or household, so
 * nothing is stored and there is no personal data to audit; the scan of a stored household is audited below.
 */
export function calculateRule<R extends Regel>(
  _ctx: ServiceContext,
  regel: R,
  input: RegelInput<R>,
): RegelResultaat<R> {
  try {
    return bereken(regel, input);
  } catch (err) {
    asBadRequest(err);
  }
}

/** The same calculation as a tagged PDF, in Dutch or English; like the calculation, nothing is stored. */
export async function printRule<R extends Regel>(
  ctx: ServiceContext,
  regel: R,
  input: RegelInput<R>,
  taal: 'nl' | 'en',
): Promise<Buffer> {
  const result = calculateRule(ctx, regel, input) as Parameters<typeof renderBerekeningPdf>[0];
  return renderBerekeningPdf(result, taal);
}

// ---------------------------------------------------------------------------------------------------------
// Municipal schemes

const cents = (euros: number) => Math.round(euros * 100);

function toValues(v: RegelingCreate): repo.SchemeValues {
  return {
    kind: v.soort,
    name: v.naam,
    incomeLimitPercent: v.inkomensgrensPercentage,
    assetLimitCents: v.vermogensgrens === null ? null : cents(v.vermogensgrens),
    amountCents: cents(v.bedrag),
    amountPerChildCents: cents(v.bedragPerKind),
    amountPeriod: v.bedragPeriode,
    minAge: v.minimumLeeftijd,
    howToApply: v.hoeAanvragen,
    applicationUrl: v.aanvraagUrl,
    effectiveFrom: v.geldigVanaf,
    effectiveUntil: v.geldigTot,
    isActive: v.actief,
  };
}

/** The stored row in the terms of the API (euros, Dutch field names). */
export function schemeOf(r: repo.SchemeRow) {
  return {
    id: r.id,
    soort: r.kind as RegelingCreate['soort'],
    naam: r.name,
    inkomensgrensPercentage: Number(r.income_limit_percent),
    vermogensgrens: r.asset_limit_cents === null ? null : Number(r.asset_limit_cents) / 100,
    bedrag: Number(r.amount_cents) / 100,
    bedragPerKind: Number(r.amount_per_child_cents) / 100,
    bedragPeriode: r.amount_period,
    minimumLeeftijd: r.min_age,
    hoeAanvragen: r.how_to_apply,
    aanvraagUrl: r.application_url,
    geldigVanaf: r.effective_from,
    geldigTot: r.effective_until,
    actief: r.is_active,
    bijgewerkt: new Date(r.updated_at).toISOString(),
  };
}
export type Scheme = ReturnType<typeof schemeOf>;

const duplicateScheme = () =>
  problems.conflict('A scheme with this name and start date already exists in this municipality.');

/** The version of each scheme in force on the peildatum (active, started, not ended), with all its version ids. */
export function schemesInForce(all: readonly repo.SchemeRow[], peildatum: string): RegelingRegel[] {
  const versions = new Map<string, string[]>();
  const current = new Map<string, repo.SchemeRow>();
  for (const r of all) {
    const key = `${r.kind}\u0000${r.name}`;
    versions.set(key, [...(versions.get(key) ?? []), r.id]);
    if (!r.is_active || r.effective_from > peildatum) continue;
    if (r.effective_until !== null && r.effective_until < peildatum) continue;
    const seen = current.get(key);
    if (!seen || seen.effective_from < r.effective_from) current.set(key, r);
  }
  return [...current.entries()].map(([key, r]) => {
    const s = schemeOf(r);
    return {
      id: s.id,
      versieIds: versions.get(key) ?? [s.id],
      soort: s.soort,
      naam: s.naam,
      inkomensgrensPercentage: s.inkomensgrensPercentage,
      vermogensgrens: s.vermogensgrens,
      bedrag: s.bedrag,
      bedragPerKind: s.bedragPerKind,
      bedragPeriode: s.bedragPeriode,
      minimumLeeftijd: s.minimumLeeftijd,
      hoeAanvragen: s.hoeAanvragen,
      aanvraagUrl: s.aanvraagUrl,
    };
  });
}

export async function listSchemes(db: Orm, ctx: ServiceContext, peildatum?: string): Promise<Scheme[]> {
  const all = await repo.listSchemes(db, ctx.municipalityId);
  if (!peildatum) return all.map(schemeOf);
  const inForce = new Set(schemesInForce(all, peildatum).map((s) => s.id));
  return all.filter((r) => inForce.has(r.id)).map(schemeOf);
}

export async function getScheme(db: Orm, ctx: ServiceContext, id: string): Promise<Scheme> {
  const row = await repo.findScheme(db, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  return schemeOf(row);
}

export async function createScheme(db: Orm, ctx: ServiceContext, input: RegelingCreate): Promise<Scheme> {
  return db.transaction(async (tx) => {
    if (await repo.schemeExists(tx, ctx.municipalityId, input.naam, input.geldigVanaf))
      throw duplicateScheme();
    const row = await repo.insertScheme(tx, ctx.municipalityId, toValues(input));
    await recordAudit(tx, ctx, {
      action: 'municipal_scheme.create',
      purpose: PURPOSES.administration,
      subjectType: 'municipal_scheme',
      subjectIds: [row.id],
      details: { soort: input.soort, naam: input.naam, geldigVanaf: input.geldigVanaf },
    });
    return schemeOf(row);
  });
}

export async function updateScheme(
  db: Orm,
  ctx: ServiceContext,
  id: string,
  patch: RegelingPatch,
): Promise<Scheme> {
  return db.transaction(async (tx) => {
    const current = await repo.findScheme(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    const next = { ...schemeOf(current), ...patch } as RegelingCreate;
    if (next.geldigTot !== null && next.geldigTot < next.geldigVanaf) {
      throw problems.badRequest('The end date lies before the start date.', [
        { name: 'body.geldigTot', code: 'before_start', reason: 'Must not be before geldigVanaf' },
      ]);
    }
    if (await repo.schemeExists(tx, ctx.municipalityId, next.naam, next.geldigVanaf, id))
      throw duplicateScheme();
    const row = await repo.updateScheme(tx, ctx.municipalityId, id, toValues(next));
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'municipal_scheme.update',
      purpose: PURPOSES.administration,
      subjectType: 'municipal_scheme',
      subjectIds: [id],
      details: { fields: Object.keys(patch) },
    });
    return schemeOf(row);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Voorliggende voorzieningen scan

function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

/** The peildatum of a scan: the given date, or today; outside the known range a specific 400. */
function peildatumOf(peildatum: string | undefined, field: string): string {
  const d = peildatum ?? today();
  const range = knownRange();
  if (d < range.van || d > range.tot) {
    const reason = `No rules are known for ${d}: the parameters cover ${range.van} through ${range.tot}.`;
    throw problems.badRequest(reason, [{ name: field, code: 'peildatum_buiten_bereik', reason }]);
  }
  return d;
}

/** Whole years between a birth date and the peildatum (both YYYY-MM-DD). */
export function ageOn(geboortedatum: string, peildatum: string): number {
  const years = Number(peildatum.slice(0, 4)) - Number(geboortedatum.slice(0, 4));
  return peildatum.slice(5) < geboortedatum.slice(5) ? years - 1 : years;
}

const ROLE: Record<string, VoorzieningenScanVraag['leden'][number]['rol']> = {
  hoofd: 'aanvrager',
  partner: 'partner',
  kind: 'kind',
  overig: 'overig',
};

/** A stored profile as scan input: ages on the peildatum, euros; the oldest adult heads a household without one. */
export function vraagOf(p: repo.ProfileRow, peildatum: string): VoorzieningenScanVraag {
  const leden = p.roles.map((role, i) => ({
    rol: ROLE[role] ?? 'overig',
    leeftijd: ageOn(p.birthdates[i] ?? peildatum, peildatum),
    nettoMaandinkomen: (p.net[i] ?? 0) / 100,
    belastbaarJaarinkomen: (p.taxable[i] ?? 0) / 100,
  }));
  if (!leden.some((l) => l.rol === 'aanvrager')) {
    const oldest = leden.reduce<(typeof leden)[number] | undefined>(
      (o, l) => (l.leeftijd >= 18 && (!o || l.leeftijd > o.leeftijd) ? l : o),
      undefined,
    );
    if (oldest) oldest.rol = 'aanvrager';
  }
  // A partner or other member under 18 cannot be an applicant's partner in these rules: count them as children.
  for (const l of leden) if (l.rol !== 'aanvrager' && l.rol !== 'kind' && l.leeftijd < 18) l.rol = 'kind';
  return {
    peildatum,
    leden,
    kaleHuur: p.rent_cents === null ? undefined : p.rent_cents / 100,
    servicekosten: p.service_costs_cents / 100,
    vermogen: Number(p.assets_cents) / 100,
    ontvangt: p.receives as VoorzieningenScanVraag['ontvangt'],
    ontvangtRegelingen: p.receives_schemes,
  };
}

/** Ad hoc input (no stored household): the national rules and the schemes of the active municipality. */
export async function scanAdHoc(db: Orm, ctx: ServiceContext, input: VoorzieningenScanVraag) {
  const regelingen = schemesInForce(await repo.listSchemes(db, ctx.municipalityId), input.peildatum);
  try {
    return legUit(input.peildatum, evalueerHuishouden(input, regelingen));
  } catch (err) {
    asBadRequest(err);
  }
}

/** The scan of one stored household; reading its finances is audited. */
export async function scanHousehold(db: Orm, ctx: ServiceContext, householdId: string, peildatum?: string) {
  const d = peildatumOf(peildatum, 'query.peildatum');
  return db.transaction(async (tx) => {
    const profile = await repo.findProfile(tx, ctx.municipalityId, householdId);
    if (!profile) throw problems.notFound('This household does not exist or has no financial profile.');
    const vraag = vraagOf(profile, d);
    if (!vraag.leden.some((l) => l.rol === 'aanvrager')) {
      throw problems.conflict('This household has no member of 18 or older to apply.');
    }
    const regelingen = schemesInForce(await repo.listSchemes(tx, ctx.municipalityId), d);
    const result = legUit(d, evalueerHuishouden(vraag, regelingen));
    await recordAudit(tx, ctx, {
      action: 'nontakeup.household_scan',
      purpose: PURPOSES.nonTakeUp,
      subjectType: 'household',
      subjectIds: [householdId],
      details: { peildatum: d, kansen: result.kansen.map((k) => k.voorziening) },
    });
    return {
      ...result,
      householdId,
      invoer: {
        leden: vraag.leden.map((l) => ({
          rol: l.rol,
          leeftijd: l.leeftijd,
          nettoMaandinkomen: l.nettoMaandinkomen,
        })),
        kaleHuur: vraag.kaleHuur ?? null,
        vermogen: vraag.vermogen,
        ontvangt: [
          ...vraag.ontvangt,
          ...regelingen
            .filter((r) => r.versieIds.some((id) => vraag.ontvangtRegelingen.includes(id)))
            .map((r) => r.naam),
        ],
      },
    };
  });
}

export const SCAN_PAGE_SIZE = 5000;

export type BatchTotals = { households: number; withHits: number; totalYearlyCents: number };

/**
 * Scans every household with a financial profile in keyset pages. The next page is asked for before the current
 * one is evaluated, so PostgreSQL reads while Node computes; each page's results go in with one unnest INSERT.
 */
export async function scanAllHouseholds(
  tx: Orm,
  municipalityId: string,
  runId: string,
  peildatum: string,
  regelingen: readonly RegelingRegel[],
): Promise<BatchTotals> {
  const totals: BatchTotals = { households: 0, withHits: 0, totalYearlyCents: 0 };
  let next: Promise<repo.ProfileRow[]> = repo.listProfiles(tx, municipalityId, null, SCAN_PAGE_SIZE);
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    const last = page.at(-1)?.household_id ?? null;
    next =
      page.length === SCAN_PAGE_SIZE
        ? repo.listProfiles(tx, municipalityId, last, SCAN_PAGE_SIZE)
        : Promise.resolve([]);
    // Keep the look-up of the next page from failing unobserved while this page is written.
    next.catch(() => {});
    const results: repo.ResultValues[] = [];
    for (const p of page) {
      totals.households++;
      const vraag = vraagOf(p, peildatum);
      if (!vraag.leden.some((l) => l.rol === 'aanvrager')) continue;
      const { kansen } = evalueerHuishouden(vraag, regelingen);
      if (kansen.length === 0) continue;
      const som = totaal(kansen);
      const y = Math.round(som.perJaar * 100);
      totals.withHits++;
      totals.totalYearlyCents += y;
      results.push({
        householdId: p.household_id,
        totalMonthlyCents: Math.round(som.perMaand * 100),
        totalYearlyCents: y,
        kansen: JSON.stringify(
          kansen.map((k) => ({
            v: k.voorziening,
            r: k.regeling?.id ?? null,
            m: Math.round(k.perMaand * 100),
            y: Math.round(k.perJaar * 100),
          })),
        ),
      });
    }
    await repo.insertResults(tx, municipalityId, runId, results);
  }
  return totals;
}

/** The batch scan of a municipality: one transaction, one run, its results and its audit row. */
export async function runBatchScan(db: Orm, ctx: ServiceContext, peildatum?: string) {
  const d = peildatumOf(peildatum, 'body.peildatum');
  return db.transaction(async (tx) => {
    const run = await repo.insertRun(tx, ctx.municipalityId, d, actorId(ctx));
    const regelingen = schemesInForce(await repo.listSchemes(tx, ctx.municipalityId), d);
    const totals = await scanAllHouseholds(tx, ctx.municipalityId, run.id, d, regelingen);
    const done = await repo.finishRun(tx, ctx.municipalityId, run.id, totals);
    await recordAudit(tx, ctx, {
      action: 'nontakeup.batch_scan',
      purpose: PURPOSES.nonTakeUp,
      subjectType: 'nontakeup_scan',
      subjectIds: [run.id],
      details: { peildatum: d, households: totals.households, householdsWithHits: totals.withHits },
    });
    return done;
  });
}

export async function listScanRuns(
  db: Orm,
  ctx: ServiceContext,
  after: { startedAt: string; id: string } | undefined,
  limit: number,
) {
  return repo.listRuns(db, ctx.municipalityId, after, limit);
}

export async function getScanRun(db: Orm, ctx: ServiceContext, id: string) {
  const run = await repo.findRun(db, ctx.municipalityId, id);
  if (!run) throw problems.notFound();
  return run;
}

/** One page of the outreach list; who was shown is audited (names and addresses of residents). */
export async function listScanResults(
  db: Orm,
  ctx: ServiceContext,
  runId: string,
  after: { totalYearlyCents: number; householdId: string } | undefined,
  limit: number,
) {
  return db.transaction(async (tx) => {
    const run = await repo.findRun(tx, ctx.municipalityId, runId);
    if (!run) throw problems.notFound();
    const rows = await repo.listResults(tx, ctx.municipalityId, runId, after, limit);
    const names = new Map(
      (await repo.listSchemes(tx, ctx.municipalityId)).map((s) => [s.id, s.name] as const),
    );
    await recordAudit(tx, ctx, {
      action: 'nontakeup.list_read',
      purpose: PURPOSES.nonTakeUp,
      subjectType: 'household',
      subjectIds: rows.slice(0, limit).map((r) => r.household_id),
      details: { runId },
    });
    return { rows, names };
  });
}
