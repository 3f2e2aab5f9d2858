// Use cases of the business case: the versioned price list (with its CSV import), the assumptions and scenario
// copies, interventions and their outcomes, the view per intervention type and period (CSV, PDF), and the
// "wat werkt" catalogue with its export file. One transaction per use case, audit row in it.

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { InvalidParam } from '../../../shared/problem.ts';
import {
  type Assumptions,
  type BusinessCaseQuery,
  type BusinessCaseRow,
  type BusinessCaseView,
  CONFIDENCES,
  type InterventionBody,
  type InterventionListQuery,
  type OutcomeBody,
  PRICE_UNITS,
  type PriceItemInput,
  type PriceListBody,
  type PriceListImportBody,
  type PriceListImportResult,
  RISK_CODES,
  type ScenarioBody,
  type ScenarioPatchBody,
  type Settings,
  SettingsSchema,
  WHAT_WORKS_FORMAT,
  type WhatWorksBody,
  type WhatWorksFile,
} from '../../../shared/schemas/businesscase.ts';
import { SUPPRESSED_DISPLAY, SUPPRESSION_THRESHOLD, seesSmallNumbers } from '../../../shared/suppression.ts';
import type { Orm } from '../../db/client.ts';
import type { UserContext } from '../../http/context.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { computeBusinessCase, DEFAULT_SETTINGS } from './calc.ts';
import { renderBusinessCasePdf } from './pdf.ts';
import {
  presentBusinessCase,
  presentIntervention,
  presentPriceItem,
  presentScenario,
  presentVersion,
  presentWhatWorks,
} from './presenter.ts';
import * as repo from './repository.ts';

export type BusinessCaseDeps = { today: () => string };

const purpose = PURPOSES.businessCase;

function check(detail: string, params: InvalidParam[]) {
  if (params.length > 0) throw problems.badRequest(detail, params);
}

// --- Price list --------------------------------------------------------------------------------------------

/** Every item needs a source; codes are unique within a version. Names point into the body or the CSV line. */
export function priceItemProblems(
  items: readonly PriceItemInput[],
  field: (i: number) => string,
): InvalidParam[] {
  const out: InvalidParam[] = [];
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (!item.source?.trim()) {
      out.push({
        name: `${field(i)}.source`,
        code: 'bron_ontbreekt',
        reason: 'Every amount needs its source (publication and page), so anyone can check it.',
      });
    }
    if (seen.has(item.code)) {
      out.push({
        name: `${field(i)}.code`,
        code: 'duplicate_code',
        reason: 'This code is already in the list.',
      });
    }
    seen.add(item.code);
  }
  return out;
}

export async function listPriceLists(db: Orm, ctx: UserContext) {
  return (await repo.listVersions(db, ctx.municipalityId)).map((v) => {
    const { items: _i, ...rest } = presentVersion(v, []);
    return { ...rest, itemCount: v.item_count };
  });
}

export async function getPriceList(db: Orm, ctx: UserContext, id: string) {
  const v = await repo.findVersion(db, ctx.municipalityId, id);
  if (!v) throw problems.notFound();
  return presentVersion(v, await repo.itemsOf(db, ctx.municipalityId, id));
}

async function saveVersion(
  db: Orm,
  ctx: UserContext,
  body: { validFrom: string; indexPercent: number; note: string; items: PriceItemInput[] },
  via: 'api' | 'csv',
  skippedLines = 0,
) {
  return db.transaction(async (tx) => {
    await repo.lockMunicipality(tx, ctx.municipalityId);
    const version = await repo.insertVersion(tx, {
      municipalityId: ctx.municipalityId,
      validFrom: body.validFrom,
      indexPercent: body.indexPercent,
      note: body.note,
      createdBy: ctx.actor.userId,
    });
    if (!version) throw new Error('price list version insert returned nothing');
    await repo.insertItems(
      tx,
      ctx.municipalityId,
      version.id,
      body.items.map((i) => ({
        code: i.code,
        label: i.label,
        amountCents: i.amountCents,
        unit: i.unit,
        priceYear: i.priceYear,
        source: (i.source ?? '').trim(),
        confidence: i.confidence,
        validFrom: i.validFrom ?? body.validFrom,
        isExample: i.isExample ?? false,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'price_list.create',
      purpose,
      subjectType: 'price_list_version',
      subjectIds: [version.id],
      details: { version: version.version, items: body.items.length, via, skippedLines },
    });
    const row = await repo.findVersion(tx, ctx.municipalityId, version.id);
    if (!row) throw new Error('price list version vanished');
    return presentVersion(row, await repo.itemsOf(tx, ctx.municipalityId, version.id));
  });
}

/** A new version of the price list; versions are never changed afterwards. */
export async function createPriceList(db: Orm, ctx: UserContext, body: z.output<typeof PriceListBody>) {
  check(
    'Some items of the price list are not valid.',
    priceItemProblems(body.items, (i) => `body.items.${i}`),
  );
  return saveVersion(db, ctx, body, 'api');
}

const CSV_COLUMNS = [
  'code',
  'omschrijving',
  'bedrag',
  'eenheid',
  'prijsjaar',
  'bron',
  'betrouwbaarheid',
] as const;

/** Parses the documented CSV import format into items; every problem names its line and column. */
export function parsePriceCsv(csv: string): { items: PriceItemInput[]; problems: InvalidParam[] } {
  const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (err) {
    return {
      items: [],
      problems: [{ name: 'body.csv', code: 'invalid_csv', reason: (err as Error).message }],
    };
  }
  const problemsOut: InvalidParam[] = [];
  const header = Object.keys(records[0] ?? {});
  for (const c of CSV_COLUMNS) {
    if (records.length > 0 && !header.includes(c)) {
      problemsOut.push({
        name: `body.csv.${c}`,
        code: 'missing_column',
        reason: `The column ${c} is missing.`,
      });
    }
  }
  if (problemsOut.length > 0) return { items: [], problems: problemsOut };
  const items: PriceItemInput[] = [];
  for (const [i, r] of records.entries()) {
    const line = `body.csv.line${i + 2}`;
    const raw = r.bedrag ?? '';
    // 1.234,56 (Dutch) or 1234.56: with a comma, dots are thousands separators.
    const amount =
      raw === '' ? Number.NaN : Number(raw.includes(',') ? raw.replace(/\./g, '').replace(',', '.') : raw);
    const year = Number(r.prijsjaar);
    const bad = (col: string, reason: string) =>
      problemsOut.push({ name: `${line}.${col}`, code: 'invalid', reason });
    if (!/^[a-z][a-z0-9_]{1,59}$/.test(r.code ?? '')) bad('code', 'Use lower case letters, digits and _.');
    if (!Number.isFinite(amount) || amount < 0) bad('bedrag', 'Not an amount in euros.');
    if (!(PRICE_UNITS as readonly string[]).includes(r.eenheid ?? ''))
      bad('eenheid', `One of ${PRICE_UNITS.join(', ')}.`);
    if (!Number.isInteger(year) || year < 1990 || year > 2100) bad('prijsjaar', 'A year such as 2024.');
    if (!(CONFIDENCES as readonly string[]).includes(r.betrouwbaarheid ?? '')) {
      bad('betrouwbaarheid', `One of ${CONFIDENCES.join(', ')}.`);
    }
    if ((r.omschrijving ?? '').length < 2) bad('omschrijving', 'Describe the item.');
    items.push({
      code: r.code ?? '',
      label: r.omschrijving ?? '',
      amountCents: Math.round(amount * 100),
      unit: (r.eenheid ?? 'per_gebeurtenis') as PriceItemInput['unit'],
      priceYear: year,
      source: r.bron ?? '',
      confidence: (r.betrouwbaarheid ?? 'laag') as PriceItemInput['confidence'],
      isExample: false,
    });
  }
  problemsOut.push(...priceItemProblems(items, (i) => `body.csv.line${i + 2}`));
  return { items, problems: problemsOut };
}

/**
 * A new version from a CSV file: whole or not at all, or (keepValidLines) the valid lines, with every line left out
 * named by line and column. A problem of the file itself (unreadable, a missing column) always refuses it.
 */
export async function importPriceList(
  db: Orm,
  ctx: UserContext,
  body: z.output<typeof PriceListImportBody>,
): Promise<PriceListImportResult> {
  const { keepValidLines, csv, ...version } = body;
  const parsed = parsePriceCsv(csv);
  const lineOf = (p: InvalidParam) => /^body\.csv\.line(\d+)\./.exec(p.name)?.[1];
  const fileProblems = parsed.problems.filter((p) => lineOf(p) === undefined);
  if (!keepValidLines || fileProblems.length > 0) {
    check('The price list file is not valid; nothing was imported.', parsed.problems);
  }
  const badLines = new Set(parsed.problems.map(lineOf).map(Number));
  const items = parsed.items.filter((_, i) => !badLines.has(i + 2));
  if (items.length === 0) {
    throw problems.badRequest('The price list file has no valid line; nothing was imported.', [
      { name: 'body.csv', code: 'no_valid_lines', reason: 'Every line of the file has a problem.' },
      ...parsed.problems,
    ]);
  }
  const saved = await saveVersion(db, ctx, { ...version, items }, 'csv', parsed.problems.length);
  return { ...saved, skippedLines: parsed.problems };
}

// --- Assumptions -------------------------------------------------------------------------------------------

async function loadSettings(tx: Orm, municipalityId: string): Promise<Settings> {
  const row = await repo.findSettings(tx, municipalityId);
  if (!row) return DEFAULT_SETTINGS;
  const parsed = SettingsSchema.safeParse({
    ...DEFAULT_SETTINGS,
    ...row.assumptions,
    hourlyRateCents: row.hourly_rate_cents,
  });
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS, hourlyRateCents: row.hourly_rate_cents };
}

export async function getSettings(db: Orm, ctx: UserContext) {
  return loadSettings(db, ctx.municipalityId);
}

export async function updateSettings(db: Orm, ctx: UserContext, body: Settings) {
  return db.transaction(async (tx) => {
    await repo.upsertSettings(tx, ctx.municipalityId, {
      hourlyRateCents: body.hourlyRateCents,
      assumptions: { probability: body.probability, priceSpread: body.priceSpread },
      by: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, { action: 'businesscase.settings_update', purpose, details: body });
    return loadSettings(tx, ctx.municipalityId);
  });
}

/** The assumptions in force for a period: settings, and the price list in force at its end. */
async function assumptionsInForce(tx: Orm, municipalityId: string, to: string) {
  const settings = await loadSettings(tx, municipalityId);
  const version = await repo.versionInForce(tx, municipalityId, to);
  const items = version ? await repo.itemsOf(tx, municipalityId, version.id) : [];
  const assumptions: Assumptions = {
    ...settings,
    indexPercent: version ? Number(version.index_percent) : 0,
    targetYear: Number(to.slice(0, 4)),
    prices: items.map((i) => {
      const { validFrom: _v, ...p } = presentPriceItem(i);
      return p;
    }),
  };
  return { assumptions, version };
}

// --- Scenarios ---------------------------------------------------------------------------------------------

export async function listScenarios(db: Orm, ctx: UserContext) {
  return (await repo.listScenarios(db, ctx.municipalityId)).map(presentScenario);
}

export async function createScenario(
  db: Orm,
  ctx: UserContext,
  deps: BusinessCaseDeps,
  body: z.output<typeof ScenarioBody>,
) {
  return db.transaction(async (tx) => {
    const assumptions =
      body.assumptions ?? (await assumptionsInForce(tx, ctx.municipalityId, deps.today())).assumptions;
    const row = await repo.insertScenario(tx, {
      municipalityId: ctx.municipalityId,
      name: body.name,
      assumptions,
      by: ctx.actor.userId,
    });
    if (!row) throw new Error('scenario insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'businesscase.scenario_create',
      purpose,
      subjectType: 'scenario',
      subjectIds: [row.id],
    });
    const created = await repo.findScenario(tx, ctx.municipalityId, row.id);
    if (!created) throw new Error('scenario vanished');
    return presentScenario(created);
  });
}

export async function getScenario(db: Orm, ctx: UserContext, id: string) {
  const row = await repo.findScenario(db, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  return presentScenario(row);
}

export async function updateScenario(
  db: Orm,
  ctx: UserContext,
  id: string,
  body: z.output<typeof ScenarioPatchBody>,
) {
  return db.transaction(async (tx) => {
    const current = await repo.findScenario(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    const s = presentScenario(current);
    await repo.updateScenario(tx, ctx.municipalityId, id, {
      name: body.name ?? s.name,
      assumptions: body.assumptions ?? s.assumptions,
    });
    await recordAudit(tx, ctx, {
      action: 'businesscase.scenario_update',
      purpose,
      subjectType: 'scenario',
      subjectIds: [id],
      details: { fields: Object.keys(body) },
    });
    const row = await repo.findScenario(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    return presentScenario(row);
  });
}

// --- Interventions and outcomes ----------------------------------------------------------------------------

export async function listInterventions(
  db: Orm,
  ctx: UserContext,
  q: z.output<typeof InterventionListQuery>,
) {
  return db.transaction(async (tx) => {
    const rows = await repo.listInterventions(tx, { municipalityId: ctx.municipalityId, ...q });
    await recordAudit(tx, ctx, {
      action: 'intervention.list',
      purpose,
      subjectType: 'intervention',
      subjectIds: rows.map((r) => r.id),
      details: { householdCaseId: q.householdCaseId ?? null },
    });
    return rows.map(presentIntervention);
  });
}

export async function recordIntervention(
  db: Orm,
  ctx: UserContext,
  deps: BusinessCaseDeps,
  body: z.output<typeof InterventionBody>,
) {
  return db.transaction(async (tx) => {
    const bad: InvalidParam[] = [];
    if (body.householdCaseId && !(await repo.caseExists(tx, ctx.municipalityId, body.householdCaseId))) {
      bad.push({
        name: 'body.householdCaseId',
        code: 'unknown_household',
        reason: 'Not a household plan here',
      });
    }
    if (body.startedOn > deps.today()) {
      bad.push({ name: 'body.startedOn', code: 'in_future', reason: 'This date lies in the future.' });
    }
    check('The intervention is not valid.', bad);
    const row = await repo.insertIntervention(tx, {
      municipalityId: ctx.municipalityId,
      householdCaseId: body.householdCaseId ?? null,
      interventionType: body.interventionType,
      startedOn: body.startedOn,
      costCents: body.costCents,
      hours: body.hours,
      note: body.note,
      sourceKind: 'handmatig',
      sourceId: null,
      by: ctx.actor.userId,
    });
    if (!row) throw new Error('intervention insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'intervention.create',
      purpose,
      subjectType: 'intervention',
      subjectIds: [row.id, ...(body.householdCaseId ? [body.householdCaseId] : [])],
      details: { type: body.interventionType },
    });
    const created = await repo.findIntervention(tx, ctx.municipalityId, row.id);
    if (!created) throw new Error('intervention vanished');
    return presentIntervention(created);
  });
}

/** An outcome: a risk of the price list (or of the known list) the intervention likely avoided. */
export async function recordOutcome(
  db: Orm,
  ctx: UserContext,
  deps: BusinessCaseDeps,
  interventionId: string,
  body: z.output<typeof OutcomeBody>,
) {
  return db.transaction(async (tx) => {
    const i = await repo.findIntervention(tx, ctx.municipalityId, interventionId);
    if (!i) throw problems.notFound();
    const { assumptions } = await assumptionsInForce(tx, ctx.municipalityId, deps.today());
    const known = new Set<string>([...RISK_CODES, ...assumptions.prices.map((p) => p.code)]);
    const bad: InvalidParam[] = [];
    if (!known.has(body.riskCode)) {
      bad.push({ name: 'body.riskCode', code: 'unknown_risk', reason: 'Not a risk of the price list' });
    }
    if (body.recordedOn > deps.today()) {
      bad.push({ name: 'body.recordedOn', code: 'in_future', reason: 'This date lies in the future.' });
    }
    if (body.recordedOn < i.started_on) {
      bad.push({
        name: 'body.recordedOn',
        code: 'before_intervention',
        reason: 'Before the intervention started.',
      });
    }
    check('The outcome is not valid.', bad);
    const row = await repo.insertOutcome(tx, {
      municipalityId: ctx.municipalityId,
      interventionId,
      riskCode: body.riskCode,
      quantity: body.quantity,
      confidence: body.confidence,
      judgement: body.judgement,
      recordedOn: body.recordedOn,
      by: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'intervention.outcome',
      purpose,
      subjectType: 'intervention',
      subjectIds: [interventionId, ...(row ? [row.id] : [])],
      details: { riskCode: body.riskCode, confidence: body.confidence },
    });
    const updated = await repo.findIntervention(tx, ctx.municipalityId, interventionId);
    if (!updated) throw problems.notFound();
    return presentIntervention(updated);
  });
}

// --- The view ----------------------------------------------------------------------------------------------

const invalidPeriod = () =>
  problems.badRequest('The period is not valid.', [
    { name: 'query.to', code: 'before_from', reason: 'The end of the period lies before its start.' },
  ]);

type Period = { municipalityId: string; from: string; to: string };

/** The figures of a period (all types, or one) as this user may see them: small numbers hidden when `suppressed`. */
async function figures(
  tx: Orm,
  assumptions: Assumptions,
  f: Period,
  type: string | undefined,
  suppressed: boolean,
): Promise<{ rows: BusinessCaseRow[]; total: BusinessCaseRow; missingPrices: string[] }> {
  if (!suppressed || !type) {
    const costs = await repo.costGroups(tx, { ...f, type });
    const outcomes = await repo.outcomeGroups(tx, { ...f, type });
    const result = computeBusinessCase(assumptions, costs.groups, outcomes, costs.households);
    return { ...presentBusinessCase(result, { suppressed }), missingPrices: result.missingPrices };
  }
  // One type for a suppressed user: read all types, so the type is hidden whenever the view of all types hides it
  // (a secondary suppression there must not come back by asking for the type alone).
  const costs = await repo.costGroups(tx, f);
  const outcomes = await repo.outcomeGroups(tx, f);
  const all = computeBusinessCase(assumptions, costs.groups, outcomes, costs.households);
  const hiddenTypes = new Set(
    presentBusinessCase(all, { suppressed: true })
      .rows.filter((r) => r.suppressed)
      .map((r) => r.interventionType),
  );
  const groups = costs.groups.filter((g) => g.interventionType === type);
  const one = computeBusinessCase(
    assumptions,
    groups,
    outcomes.filter((o) => o.interventionType === type),
    groups[0]?.households ?? 0,
  );
  return { ...presentBusinessCase(one, { suppressed: true, hiddenTypes }), missingPrices: one.missingPrices };
}

/** Aggregates only (no personal data), so the read is audited without subject ids. */
export async function viewBusinessCase(
  db: Orm,
  ctx: UserContext,
  q: BusinessCaseQuery,
): Promise<BusinessCaseView> {
  if (q.to < q.from) throw invalidPeriod();
  const suppressed = !seesSmallNumbers(ctx.actor.permissions);
  return db.transaction(async (tx) => {
    const inForce = await assumptionsInForce(tx, ctx.municipalityId, q.to);
    let assumptions = inForce.assumptions;
    let scenario: { id: string; name: string } | null = null;
    if (q.scenarioId) {
      const s = await repo.findScenario(tx, ctx.municipalityId, q.scenarioId);
      if (!s) throw problems.notFound('The scenario does not exist.');
      assumptions = presentScenario(s).assumptions;
      scenario = { id: s.id, name: s.name };
    }
    const f = { municipalityId: ctx.municipalityId, from: q.from, to: q.to };
    const result = await figures(tx, assumptions, f, q.interventionType, suppressed);
    await recordAudit(tx, ctx, {
      action: 'businesscase.view',
      purpose,
      details: {
        from: q.from,
        to: q.to,
        type: q.interventionType ?? null,
        scenarioId: q.scenarioId ?? null,
        suppressed,
      },
    });
    return {
      from: q.from,
      to: q.to,
      interventionType: q.interventionType ?? null,
      scenario,
      priceList: inForce.version
        ? { id: inForce.version.id, version: inForce.version.version, validFrom: inForce.version.valid_from }
        : null,
      suppressed,
      ...result,
      assumptions,
    };
  });
}

const CSV_HEADERS = {
  nl: [
    'interventie',
    'interventies',
    'huishoudens',
    'geld_eur',
    'uren',
    'urenkosten_eur',
    'kosten_eur',
    'vermeden_laag_eur',
    'vermeden_hoog_eur',
    'ratio_laag',
    'ratio_hoog',
  ],
  en: [
    'intervention',
    'interventions',
    'households',
    'money_eur',
    'hours',
    'hour_costs_eur',
    'costs_eur',
    'avoided_low_eur',
    'avoided_high_eur',
    'ratio_low',
    'ratio_high',
  ],
};

const SUPPRESSED_NOTE = {
  nl:
    `${SUPPRESSED_DISPLAY}: verborgen, want minder dan ${SUPPRESSION_THRESHOLD} huishoudens ` +
    '(of nodig om zo’n cijfer niet terug te kunnen rekenen)',
  en:
    `${SUPPRESSED_DISPLAY}: hidden, fewer than ${SUPPRESSION_THRESHOLD} households ` +
    '(or needed so such a figure cannot be worked out)',
};

export async function exportBusinessCaseCsv(db: Orm, ctx: UserContext, q: BusinessCaseQuery) {
  const view = await viewBusinessCase(db, ctx, q);
  const eur = (c: number) => (c / 100).toFixed(2);
  // A suppressed row prints "<5" in every figure, as the screen does; never the number.
  const lines = [...view.rows, view.total].map((r) => {
    const cell = (v: number | null, f: (n: number) => string | number = (n) => n) =>
      r.suppressed ? SUPPRESSED_DISPLAY : v === null ? '' : f(v);
    return [
      r.interventionType,
      cell(r.interventions),
      cell(r.households),
      cell(r.moneyCents, eur),
      cell(r.hours),
      cell(r.hourCostsCents, eur),
      cell(r.costsCents, eur),
      cell(r.avoidedLowCents, eur),
      cell(r.avoidedHighCents, eur),
      cell(r.ratioLow),
      cell(r.ratioHigh),
    ];
  });
  const assumptions = [
    [],
    [q.taal === 'en' ? 'assumption' : 'aanname', q.taal === 'en' ? 'value' : 'waarde'],
    ['uurtarief_eur', eur(view.assumptions.hourlyRateCents)],
    ['index_procent', view.assumptions.indexPercent],
    ['doeljaar', view.assumptions.targetYear],
    ...(view.suppressed ? [['kleine_aantallen', SUPPRESSED_NOTE[q.taal]]] : []),
    ...CONFIDENCES.map((c) => [`kans_${c}`, view.assumptions.probability[c].join('-')]),
    ...CONFIDENCES.map((c) => [`prijsonzekerheid_${c}`, view.assumptions.priceSpread[c]]),
    ...view.assumptions.prices.map((p) => [
      `prijs_${p.code}`,
      eur(p.amountCents),
      p.unit,
      p.priceYear,
      p.source,
      p.confidence,
      p.isExample ? 'voorbeeld' : '',
    ]),
  ];
  return stringify([CSV_HEADERS[q.taal], ...lines, ...assumptions]);
}

export async function exportBusinessCasePdf(db: Orm, ctx: UserContext, q: BusinessCaseQuery) {
  const view = await viewBusinessCase(db, ctx, q);
  return renderBusinessCasePdf(view, q.taal, await repo.municipalityName(db, ctx.municipalityId));
}

// --- "Wat werkt" -------------------------------------------------------------------------------------------

type SharedResults = NonNullable<WhatWorksFile['entries'][number]['results']>;

/**
 * This municipality's results per type over the last twelve months, and the types whose results are hidden by the
 * small-number rule of the view (`suppressed`: the same rows the view of that year hides, so the catalogue cannot
 * give back what the view hides).
 */
async function lastYearResults(tx: Orm, municipalityId: string, today: string, suppressed: boolean) {
  const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const { assumptions } = await assumptionsInForce(tx, municipalityId, today);
  const f = { municipalityId, from, to: today };
  const costs = await repo.costGroups(tx, f);
  const outcomes = await repo.outcomeGroups(tx, f);
  const result = computeBusinessCase(assumptions, costs.groups, outcomes, costs.households);
  const shown = presentBusinessCase(result, { suppressed }).rows;
  const results = new Map<string, SharedResults>();
  const hidden = new Set<string>();
  for (const [i, r] of result.rows.entries()) {
    if (shown[i]?.suppressed) {
      hidden.add(r.interventionType);
      continue;
    }
    results.set(r.interventionType, {
      from,
      to: today,
      households: r.households,
      costsCents: r.costsCents,
      avoidedLowCents: r.avoidedLowCents,
      avoidedHighCents: r.avoidedHighCents,
    });
  }
  return { results, hidden };
}

export async function listWhatWorks(db: Orm, ctx: UserContext, deps: BusinessCaseDeps) {
  const own = await lastYearResults(
    db,
    ctx.municipalityId,
    deps.today(),
    !seesSmallNumbers(ctx.actor.permissions),
  );
  return (await repo.listWhatWorks(db, ctx.municipalityId)).map((r) =>
    r.origin === 'eigen'
      ? presentWhatWorks(r, own.results.get(r.intervention_type) ?? null, own.hidden.has(r.intervention_type))
      : presentWhatWorks(r, null),
  );
}

export async function createWhatWorks(
  db: Orm,
  ctx: UserContext,
  deps: BusinessCaseDeps,
  body: z.output<typeof WhatWorksBody>,
) {
  return db.transaction(async (tx) => {
    const row = await repo.insertWhatWorks(tx, {
      municipalityId: ctx.municipalityId,
      ...body,
      origin: 'eigen',
      originMunicipality: null,
      sharedResults: null,
      by: ctx.actor.userId,
    });
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'whatworks.create',
      purpose,
      subjectType: 'whatworks',
      subjectIds: [row.id],
    });
    const own = await lastYearResults(
      tx,
      ctx.municipalityId,
      deps.today(),
      !seesSmallNumbers(ctx.actor.permissions),
    );
    const created = (await repo.listWhatWorks(tx, ctx.municipalityId)).find((r) => r.id === row.id);
    if (!created) throw new Error('entry vanished');
    return presentWhatWorks(
      created,
      own.results.get(created.intervention_type) ?? null,
      own.hidden.has(created.intervention_type),
    );
  });
}

/**
 * The export file: own entries with this municipality's results of the last twelve months (aggregates only). The
 * file goes to other municipalities, so small numbers are hidden whoever exports it.
 */
export async function exportWhatWorks(
  db: Orm,
  ctx: UserContext,
  deps: BusinessCaseDeps,
): Promise<WhatWorksFile> {
  return db.transaction(async (tx) => {
    const { results } = await lastYearResults(tx, ctx.municipalityId, deps.today(), true);
    const entries = (await repo.listWhatWorks(tx, ctx.municipalityId)).filter((r) => r.origin === 'eigen');
    await recordAudit(tx, ctx, { action: 'whatworks.export', purpose, details: { entries: entries.length } });
    return {
      format: WHAT_WORKS_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      municipality: await repo.municipalityName(tx, ctx.municipalityId),
      entries: entries.map((r) => ({
        interventionType: r.intervention_type as WhatWorksFile['entries'][number]['interventionType'],
        title: r.title,
        description: r.description,
        evidenceSource: r.evidence_source,
        evidenceType: r.evidence_type,
        contact: r.contact,
        results: results.get(r.intervention_type) ?? null,
      })),
    };
  });
}

/** Imports another municipality's file; an entry with the same title and origin already here is skipped. */
export async function importWhatWorks(db: Orm, ctx: UserContext, file: WhatWorksFile) {
  return db.transaction(async (tx) => {
    const own = await repo.municipalityName(tx, ctx.municipalityId);
    if (file.municipality === own) {
      throw new ProblemError(
        409,
        'eigen-bestand',
        'Conflict',
        'This file was exported by this municipality itself.',
      );
    }
    const existing = await repo.listWhatWorks(tx, ctx.municipalityId);
    let imported = 0;
    let skipped = 0;
    for (const e of file.entries) {
      if (existing.some((x) => x.title === e.title && x.origin_municipality === file.municipality)) {
        skipped++;
        continue;
      }
      await repo.insertWhatWorks(tx, {
        municipalityId: ctx.municipalityId,
        interventionType: e.interventionType,
        title: e.title,
        description: e.description,
        evidenceSource: e.evidenceSource,
        evidenceType: e.evidenceType,
        contact: e.contact,
        origin: 'geimporteerd',
        originMunicipality: file.municipality,
        sharedResults: e.results,
        by: ctx.actor.userId,
      });
      imported++;
    }
    await recordAudit(tx, ctx, {
      action: 'whatworks.import',
      purpose,
      details: { from: file.municipality, imported, skipped },
    });
    return { imported, skipped };
  });
}

// --- For other modules: the intervention of a maatwerkbudget payment ---------------------------------------

/** Records the intervention a maatwerkbudget payment is, in the caller's transaction (idempotent per payment). */
export async function recordBudgetPaymentIntervention(
  tx: Orm,
  v: {
    municipalityId: string;
    householdCaseId: string;
    paidOn: string;
    amountCents: number;
    paymentId: string;
    by: string;
  },
) {
  await repo.insertIntervention(tx, {
    municipalityId: v.municipalityId,
    householdCaseId: v.householdCaseId,
    interventionType: 'maatwerkbudget',
    startedOn: v.paidOn,
    costCents: v.amountCents,
    hours: 0,
    note: '',
    sourceKind: 'maatwerkbudget',
    sourceId: v.paymentId,
    by: v.by,
  });
}
