import { randomUUID } from 'node:crypto';
import { dutchDateOf, todayInNetherlands } from '../../../../shared/calendar.ts';
import type { DdasSignaalstatus } from '../../../../shared/ddas.ts';
import {
  type PartnerType,
  type RuleSetDefinition,
  RuleSetDefinitionSchema,
} from '../../../../shared/schemas/rules.ts';
import type { Orm } from '../../../db/client.ts';
import type { ServiceContext } from '../../../http/context.ts';
import { type BrpAdapter, type BrpPerson, brpAddressKey } from '../../brp/adapter.ts';
import { findWijkenForPostcodes } from '../../queues/service.ts';
import { addressFingerprint } from '../intake/hash.ts';
import { insertSignals, type NewSignal } from '../intake/repository.ts';
import { matchSignal } from '../matching/match.ts';
import { DEFAULT_RULE_SET, DEFAULT_WORK_QUEUES } from '../rules/defaults.ts';
import { belowThresholdReason, evaluateRules, isBelowThreshold, type MeldingFacts } from '../rules/engine.ts';
import { addWorkingDays } from '../rules/working-days.ts';
import * as repo from './repository.ts';

export type PipelineDeps = {
  /** Key for the pseudonymous address fingerprints (derived from SECRET_KEY). */
  fingerprintKey: string;
  /** The BRP to match against, bound to the caller's transaction when it is the embedded one. */
  brp: (tx: Orm) => BrpAdapter;
  /** Today's date (ISO), injectable for tests and the demo year. */
  today: () => string;
};

const STATUS = {
  open: 'Nog niet opgepakt',
  known: 'Inwoner al bekend bij schuldhulpverlening',
  deceased: 'Inwoner is overleden',
  movedOut: 'Persoon is geen inwoner (meer) in de gemeente',
  repeat: 'Niet opgepakt: herhaalde melding',
  other: 'Niet opgepakt: andere reden',
} as const satisfies Record<string, DdasSignaalstatus>;

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The active rule set of a municipality; the default set and its queues are installed on first use. */
export async function ensureRuleSet(
  tx: Orm,
  municipalityId: string,
): Promise<{ id: string; definition: RuleSetDefinition; queues: Map<string, string> }> {
  let active = await repo.activeRuleSet(tx, municipalityId);
  if (!active) {
    await repo.insertQueues(
      tx,
      DEFAULT_WORK_QUEUES.map((q) => ({
        municipalityId,
        name: q.name,
        kind: q.kind,
        targetWorkingDays: q.targetWorkingDays,
      })),
    );
    active = await repo.insertRuleSet(tx, {
      municipalityId,
      version: 1,
      definition: DEFAULT_RULE_SET as unknown as Record<string, unknown>,
      isActive: true,
      createdBy: 'system',
    });
  }
  return {
    id: active.id,
    definition: RuleSetDefinitionSchema.parse(active.definition),
    queues: await repo.queuesByName(tx, municipalityId),
  };
}

/** What the pipeline needs of a signal, whether it is stored already (manual matching) or not yet (intake). */
export type PipelineSignal = {
  id: string;
  partnerId: string | null;
  bsn: string | null;
  voornamen: string | null;
  voorletters: string | null;
  voorvoegsel: string | null;
  achternaam: string;
  geboortedatum: string | null;
  postcode: string | null;
  huisnummer: number | null;
  huisletter: string | null;
  toevoeging: string | null;
  isBusiness: boolean;
  amountCents: number;
  signalDate: string;
  isCrisis: boolean;
  daysInArrears: number | null;
  monthsInArrears: number | null;
  warmHandover: boolean;
};

/** The pipeline's verdict on one signal: match, DDAS status and the melding it belongs to. */
export type SignalOutcome = Omit<repo.SignalUpdate, 'id'> & {
  meldingId: string | null;
  matchedBy: string | null;
};

type Rules = Awaited<ReturnType<typeof ensureRuleSet>>;

/** The same date six months earlier, clamped to the month's end as PostgreSQL's `date - interval '6 months'`. */
export function sixMonthsBefore(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) - 6;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Intake: runs the pipeline over signals that are not stored yet and stores each of them once, with its match,
 * status and melding (writing first and updating after would rewrite every row and its indexes twice).
 */
export async function intakeSignals(
  tx: Orm,
  ctx: ServiceContext,
  rows: (NewSignal & { id: string })[],
  deps: PipelineDeps,
): Promise<void> {
  const signals: PipelineSignal[] = rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId ?? null,
    bsn: r.bsn ?? null,
    voornamen: r.voornamen ?? null,
    voorletters: r.voorletters ?? null,
    voorvoegsel: r.voorvoegsel ?? null,
    achternaam: r.achternaam,
    geboortedatum: r.geboortedatum ?? null,
    postcode: r.postcode ?? null,
    huisnummer: r.huisnummer ?? null,
    huisletter: r.huisletter ?? null,
    toevoeging: r.toevoeging ?? null,
    isBusiness: r.isBusiness ?? false,
    amountCents: Number(r.amountCents),
    signalDate: r.signalDate,
    isCrisis: Boolean(r.endOfSupply || r.evictionAnnounced || r.insuranceTermination),
    daysInArrears: r.daysInArrears ?? null,
    monthsInArrears: r.monthsInArrears ?? null,
    warmHandover: r.warmHandover ?? false,
  }));
  await runPipeline(tx, ctx, signals, deps, new Map(), async (outcomes) => {
    await insertSignals(tx, rows, outcomes);
  });
}

/**
 * The pipeline for stored signals (manual matching): the same steps as intake, then one update per signal.
 * `overrides` holds the person chosen by staff (or null: not a resident) instead of automatic matching.
 */
export async function processSignals(
  tx: Orm,
  ctx: ServiceContext,
  signalIds: string[],
  deps: PipelineDeps,
  overrides: Map<string, BrpPerson | null> = new Map(),
): Promise<void> {
  const loaded = await repo.loadSignals(tx, ctx.municipalityId, signalIds);
  const signals: PipelineSignal[] = loaded.map((s) => ({
    ...s,
    amountCents: Number(s.amountCents),
    isCrisis: Boolean(s.isCrisis),
  }));
  await runPipeline(tx, ctx, signals, deps, overrides, async (outcomes) => {
    await repo.updateSignalsAfterMatching(
      tx,
      [...outcomes].map(([id, o]) => ({ id, ...o })),
    );
  });
}

/**
 * BRP matching, DDAS status (deceased, moved out, known to debt help, repeat, below threshold), bundling into
 * meldingen per household address and period, and prioritisation with the municipality's rules. `store` writes
 * the signals with their outcomes; new meldingen are inserted before it (signals point at them), and meldingen
 * that already existed are re-prioritised after it (their facts include the stored signals). Runs in the
 * caller's transaction.
 */
async function runPipeline(
  tx: Orm,
  ctx: ServiceContext,
  signals: PipelineSignal[],
  deps: PipelineDeps,
  overrides: Map<string, BrpPerson | null>,
  store: (outcomes: Map<string, SignalOutcome>) => Promise<void>,
): Promise<void> {
  if (signals.length === 0) return;
  const mid = ctx.municipalityId;
  const rules = await ensureRuleSet(tx, mid);
  const partnerTypeOf = await repo.partnerTypes(tx, mid, [
    ...new Set(signals.flatMap((s) => s.partnerId ?? [])),
  ]);
  const typeOf = (s: PipelineSignal): PartnerType =>
    ((s.partnerId ? partnerTypeOf.get(s.partnerId) : undefined) as PartnerType) ?? 'Overige';
  const matchedBy = ctx.actor.type === 'user' ? ctx.actor.userId : 'auto';

  const { outcomes, toBundle } = await classifySignals(tx, ctx, signals, deps, rules, typeOf, overrides);
  for (const o of outcomes.values()) o.matchedBy = o.matchStatus === 'matched' ? matchedBy : null;

  // Bundle into meldingen: one per household address and period (calendar month, or continuous).
  const continuous = rules.definition.matchingPeriod === 'doorlopend';
  const fingerprints = new Map<string, string>();
  const fingerprintOf = (p: BrpPerson) => {
    let fp = fingerprints.get(p.addressId);
    if (fp === undefined) {
      fp = addressFingerprint(deps.fingerprintKey, mid, p);
      fingerprints.set(p.addressId, fp);
    }
    return fp;
  };
  await repo.insertFingerprints(
    tx,
    toBundle.map(({ signal, person }) => ({
      municipalityId: mid,
      addressFingerprint: fingerprintOf(person),
      signalDate: signal.signalDate,
      partnerType: typeOf(signal),
    })),
  );
  const keyOf = (fp: string, periodStart: string) => (continuous ? fp : `${fp}|${periodStart}`);
  const meldingFor = new Map<string, string>();
  for (const m of await repo.findOpenMeldingen(
    tx,
    mid,
    toBundle.map((b) => ({
      fingerprint: fingerprintOf(b.person),
      periodStart: continuous ? null : monthStart(b.signal.signalDate),
    })),
  ))
    meldingFor.set(keyOf(m.addressFingerprint, m.periodStart), m.id);
  const existing = new Set<string>();
  const fresh = new Map<string, FreshMelding>();
  for (const { signal, person } of toBundle) {
    const fp = fingerprintOf(person);
    const key = keyOf(fp, monthStart(signal.signalDate));
    let id = meldingFor.get(key);
    // A melding made earlier in this batch is inserted with all its signals of the batch: no update needed.
    if (id) {
      if (!fresh.has(id)) existing.add(id);
    } else {
      id = randomUUID();
      meldingFor.set(key, id);
      fresh.set(id, {
        id,
        fingerprint: fp,
        periodStart: continuous ? signal.signalDate : monthStart(signal.signalDate),
        person,
        signals: [],
      });
    }
    const outcome = outcomes.get(signal.id) as SignalOutcome;
    outcome.meldingId = id;
    fresh.get(id)?.signals.push({
      meldingId: id,
      partnerType: typeOf(signal),
      amountCents: signal.amountCents,
      daysInArrears: signal.daysInArrears,
      monthsInArrears: signal.monthsInArrears,
      isCrisis: signal.isCrisis,
      warmHandover: signal.warmHandover,
      knownToShv: outcome.ddasStatus === STATUS.known,
      householdId: person.householdId,
    });
  }
  await insertFreshMeldingen(tx, mid, [...fresh.values()], rules, deps.today());
  await store(outcomes);
  await prioritiseMeldingen(tx, mid, [...existing], rules, deps.today());
}

type FreshMelding = {
  id: string;
  fingerprint: string;
  periodStart: string;
  person: BrpPerson;
  signals: repo.MeldingSignalFacts[];
};

/** Match with the BRP and decide each signal's DDAS status; lists the signals that go into a melding. */
async function classifySignals(
  tx: Orm,
  ctx: ServiceContext,
  signals: PipelineSignal[],
  deps: PipelineDeps,
  rules: Rules,
  typeOf: (s: PipelineSignal) => PartnerType,
  overrides: Map<string, BrpPerson | null>,
): Promise<{
  outcomes: Map<string, SignalOutcome>;
  toBundle: { signal: PipelineSignal; person: BrpPerson }[];
}> {
  const mid = ctx.municipalityId;
  // One lookup for all addresses and one for all BSNs of the batch.
  const brp = deps.brp(tx);
  const addressKeys = signals.flatMap((s) =>
    s.postcode && s.huisnummer ? [{ postcode: s.postcode, huisnummer: s.huisnummer }] : [],
  );
  const byAddress = await brp.findByAddresses(mid, addressKeys);
  const byBsn = await brp.findByBsn(mid, [...new Set(signals.flatMap((s) => s.bsn ?? []))]);
  // 'manual' is not a matcher reason: it records that staff chose the person.
  type Outcome = Omit<ReturnType<typeof matchSignal>, 'reasons'> & { reasons: string[] };
  const matches = new Map<string, Outcome>();
  for (const s of signals) {
    if (overrides.has(s.id)) {
      const person = overrides.get(s.id) ?? undefined;
      const status =
        person?.brpStatus === 'overleden'
          ? 'deceased'
          : person?.brpStatus === 'verhuisd'
            ? 'moved_out'
            : person
              ? 'matched'
              : 'not_found';
      matches.set(s.id, { status, person, score: 1, reasons: ['manual'], candidates: [] });
      continue;
    }
    const candidates = new Map<string, BrpPerson>();
    if (s.postcode && s.huisnummer) {
      for (const p of byAddress.get(brpAddressKey(s.postcode, s.huisnummer)) ?? []) candidates.set(p.id, p);
    }
    const bsnPerson = s.bsn ? byBsn.get(s.bsn) : undefined;
    if (bsnPerson) candidates.set(bsnPerson.id, bsnPerson);
    matches.set(
      s.id,
      matchSignal(
        {
          bsn: s.bsn ?? undefined,
          voornamen: s.voornamen ?? undefined,
          voorletters: s.voorletters ?? undefined,
          voorvoegsel: s.voorvoegsel ?? undefined,
          achternaam: s.achternaam,
          geboortedatum: s.geboortedatum ?? undefined,
          postcode: s.postcode ?? undefined,
          huisnummer: s.huisnummer ?? undefined,
          huisletter: s.huisletter ?? undefined,
          toevoeging: s.toevoeging ?? undefined,
          isBusiness: s.isBusiness,
        },
        [...candidates.values()],
      ),
    );
  }

  const matchedPersonIds = [...matches.values()].flatMap((m) =>
    m.status === 'matched' && m.person ? [m.person.id] : [],
  );
  const known = await repo.knownPersonIds(tx, mid, [...new Set(matchedPersonIds)]);
  const earlier = await earlierSignalsOf(tx, mid, signals, matches);

  const outcomes = new Map<string, SignalOutcome>();
  const toBundle: { signal: PipelineSignal; person: BrpPerson }[] = [];
  for (const s of signals) {
    const m = matches.get(s.id);
    if (!m) continue;
    let status: DdasSignaalstatus = STATUS.open;
    let reason: string | null = null;
    let related: string | null = null;
    const person = m.person ?? null;
    if (m.status === 'deceased') status = STATUS.deceased;
    else if (m.status === 'moved_out' || (overrides.has(s.id) && !person)) status = STATUS.movedOut;
    else if (m.status === 'matched' && person) {
      const prev = earlier.get(s.id);
      if (known.has(person.id)) {
        status = STATUS.known;
        reason = 'Inwoner heeft al een schuldhulptraject of huishoudplan';
      } else if (prev && s.amountCents <= prev.amountCents && !s.isCrisis) {
        status = STATUS.repeat;
        related = prev.id;
        reason = `Herhaalde melding van ${prev.signalDate}; het bedrag is niet gestegen`;
      } else if (isBelowThreshold(rules.definition, typeOf(s), s.amountCents, { crisis: s.isCrisis })) {
        status = STATUS.other;
        reason = belowThresholdReason(rules.definition, typeOf(s), s.amountCents);
      }
      if (status === STATUS.open || status === STATUS.known) toBundle.push({ signal: s, person });
    }
    outcomes.set(s.id, {
      matchStatus: m.status,
      matchScore: m.score,
      matchReasons: m.reasons,
      matchCandidates: m.candidates,
      personId: person?.id ?? null,
      householdId: person?.householdId ?? null,
      ddasStatus: status,
      statusReason: reason,
      relatedSignalId: related,
      meldingId: null,
      matchedBy: null,
    });
  }
  return { outcomes, toBundle };
}

type Earlier = { id: string; amountCents: number; signalDate: string };

/**
 * Per signal, the latest earlier signal of the same partner about the same person within six months: stored ones
 * from the database, and those earlier in this batch (a batch may hold a person's repeat).
 */
async function earlierSignalsOf(
  tx: Orm,
  mid: string,
  signals: PipelineSignal[],
  matches: Map<string, { status: string; person?: BrpPerson }>,
): Promise<Map<string, Earlier>> {
  const keyed: { s: PipelineSignal; personId: string }[] = [];
  for (const s of signals) {
    const m = matches.get(s.id);
    if (s.partnerId && m?.status === 'matched' && m.person) keyed.push({ s, personId: m.person.id });
  }
  const found = await repo.earlierSignals(
    tx,
    mid,
    keyed.map(({ s, personId }) => ({
      partnerId: s.partnerId as string,
      personId,
      before: s.signalDate,
      excludeId: s.id,
    })),
  );
  const seen = new Map<string, PipelineSignal[]>();
  for (const { s, personId } of keyed) {
    const key = `${s.partnerId}|${personId}`;
    const before = seen.get(key) ?? [];
    const from = sixMonthsBefore(s.signalDate);
    let best: Earlier | undefined = found.get(s.id);
    // Later in the batch means it arrived later: on the same date it is the more recent one.
    for (const b of before) {
      if (b.signalDate > s.signalDate || b.signalDate <= from) continue;
      if (!best || b.signalDate >= best.signalDate)
        best = { id: b.id, amountCents: b.amountCents, signalDate: b.signalDate };
    }
    if (best) found.set(s.id, best);
    before.push(s);
    seen.set(key, before);
  }
  return found;
}

export type MeldingWithFacts = {
  melding: repo.MeldingRow;
  facts: MeldingFacts;
  teamId: string | null;
};

type FactsContext = {
  households: Map<string, repo.HouseholdFacts>;
  wijkByPostcode: Awaited<ReturnType<typeof findWijkenForPostcodes>>;
  earlier: Set<string>;
};

/** What the facts need beyond the signals: the households in the BRP, the wijk map and the 6-month look-back. */
async function loadFactsContext(
  tx: Orm,
  municipalityId: string,
  meldingen: { householdId: string | null; addressFingerprint: string; periodStart: string }[],
  today: string,
): Promise<FactsContext> {
  const households = await repo.householdFacts(
    tx,
    municipalityId,
    [...new Set(meldingen.flatMap((m) => m.householdId ?? []))],
    today,
  );
  // The municipality's postcode map decides the wijk (and so the team); the BRP address's wijk is the fallback.
  const wijkByPostcode = await findWijkenForPostcodes(tx, municipalityId, [
    ...new Set([...households.values()].map((h) => h.postcode)),
  ]);
  const earlier = await repo.hadEarlierSignals(
    tx,
    municipalityId,
    meldingen.map((m) => ({ fingerprint: m.addressFingerprint, periodStart: m.periodStart })),
  );
  return { households, wijkByPostcode, earlier };
}

function buildFacts(
  m: { householdId: string | null; addressFingerprint: string; periodStart: string; wijkId: string | null },
  sigs: repo.MeldingSignalFacts[],
  context: FactsContext,
): { facts: MeldingFacts; teamId: string | null } {
  const household = m.householdId ? context.households.get(m.householdId) : undefined;
  const mapped = household ? context.wijkByPostcode.get(household.postcode) : undefined;
  const amountByType: Partial<Record<PartnerType, number>> = {};
  for (const s of sigs) {
    const t = (s.partnerType ?? 'Overige') as PartnerType;
    amountByType[t] = (amountByType[t] ?? 0) + Number(s.amountCents);
  }
  const maxOf = (values: (number | null)[]) => {
    const known = values.filter((x): x is number => x !== null);
    return known.length ? Math.max(...known) : null;
  };
  const opeenvolgend = context.earlier.has(`${m.addressFingerprint}|${m.periodStart}`);
  const meervoudig = sigs.length >= 2;
  const facts: MeldingFacts = {
    partnerTypes: [...new Set(sigs.map((s) => (s.partnerType ?? 'Overige') as PartnerType))],
    amountCentsByPartnerType: amountByType,
    totalAmountCents: sigs.reduce((sum, s) => sum + Number(s.amountCents), 0),
    maxDaysInArrears: maxOf(sigs.map((s) => s.daysInArrears)),
    maxMonthsInArrears: maxOf(sigs.map((s) => s.monthsInArrears)),
    adultAges: household?.adultAges ?? [],
    hasMinorChildren: household?.hasMinorChildren ?? false,
    enkelvoudig: !meervoudig && !opeenvolgend,
    meervoudig,
    opeenvolgend,
    crisis: sigs.some((s) => s.isCrisis),
    knownToShv: sigs.some((s) => s.knownToShv),
    warmHandover: sigs.some((s) => s.warmHandover),
    wijkId: mapped?.wijkId ?? household?.wijkId ?? m.wijkId,
    signalCount: sigs.length,
  };
  return { facts, teamId: mapped ? mapped.teamId : (household?.teamId ?? null) };
}

/** The facts the rules look at, per melding: its signals, the household in the BRP, the look-back and the wijk. */
export async function meldingFacts(
  tx: Orm,
  municipalityId: string,
  meldingIds: string[],
  today: string,
): Promise<MeldingWithFacts[]> {
  if (meldingIds.length === 0) return [];
  if (meldingIds.length > PRIORITISE_SLICE) {
    // One statement takes at most 65,535 bind parameters; the preview of a new afwegingskader asks for all.
    const result: MeldingWithFacts[] = [];
    for (let at = 0; at < meldingIds.length; at += PRIORITISE_SLICE)
      result.push(
        ...(await meldingFacts(tx, municipalityId, meldingIds.slice(at, at + PRIORITISE_SLICE), today)),
      );
    return result;
  }
  const all = await repo.findMeldingenByIds(tx, municipalityId, meldingIds);
  const signalFacts = await repo.signalsOfMeldingen(tx, meldingIds);
  const bySignal = new Map<string, repo.MeldingSignalFacts[]>();
  for (const f of signalFacts) {
    const list = bySignal.get(f.meldingId);
    if (list) list.push(f);
    else bySignal.set(f.meldingId, [f]);
  }
  const context = await loadFactsContext(tx, municipalityId, all, today);
  return all.map((m) => ({ melding: m, ...buildFacts(m, bySignal.get(m.id) ?? [], context) }));
}

// A large import computes the same few deadlines for thousands of meldingen.
const deadlines = new Map<string, string>();
function deadlineFrom(arose: string, workingDays: number): string {
  const key = `${arose}|${workingDays}`;
  let d = deadlines.get(key);
  if (d === undefined) {
    d = addWorkingDays(arose, workingDays);
    if (deadlines.size > 10_000) deadlines.clear();
    deadlines.set(key, d);
  }
  return d;
}

function meldingUpdate(
  id: string,
  facts: MeldingFacts,
  teamId: string | null,
  rules: Rules,
  /** The day the melding arose: deadlines count from it, so re-prioritising never postpones one by itself. */
  arose: string,
): repo.MeldingUpdate {
  const result = evaluateRules(rules.definition, facts);
  return {
    id,
    isCrisis: facts.crisis,
    enkelvoudig: facts.enkelvoudig,
    meervoudig: facts.meervoudig,
    opeenvolgend: facts.opeenvolgend,
    knownToShv: facts.knownToShv,
    queueId: rules.queues.get(result.outcome.queue) ?? null,
    priority: result.outcome.priority,
    contactStrategy: result.outcome.contactStrategy,
    deadline: deadlineFrom(arose, result.outcome.deadlineWorkingDays),
    ruleSetId: rules.id,
    ruleExplanation: result.explanation,
    wijkId: facts.wijkId,
    teamId,
    totalAmountCents: facts.totalAmountCents,
    signalCount: facts.signalCount,
    householdId: null,
    partnerTypes: facts.partnerTypes,
    youngestAdultAge: facts.adultAges.length ? Math.min(...facts.adultAges) : null,
    oldestAdultAge: facts.adultAges.length ? Math.max(...facts.adultAges) : null,
    hasMinorChildren: facts.hasMinorChildren,
  };
}

/** New meldingen are inserted once, already prioritised: all their signals are in the batch at hand. */
async function insertFreshMeldingen(
  tx: Orm,
  municipalityId: string,
  fresh: FreshMelding[],
  rules: Rules,
  today: string,
): Promise<void> {
  if (fresh.length === 0) return;
  const keys = fresh.map((f) => ({
    householdId: f.person.householdId,
    addressFingerprint: f.fingerprint,
    periodStart: f.periodStart,
    wijkId: null,
  }));
  const context = await loadFactsContext(tx, municipalityId, keys, today);
  const arose = todayInNetherlands();
  await repo.insertMeldingen(
    tx,
    fresh.map((f, i) => {
      const { facts, teamId } = buildFacts(keys[i] as (typeof keys)[number], f.signals, context);
      return {
        ...meldingUpdate(f.id, facts, teamId, rules, arose),
        municipalityId,
        householdId: f.person.householdId,
        addressId: f.person.addressId,
        addressFingerprint: f.fingerprint,
        periodStart: f.periodStart,
      };
    }),
  );
}

/** (Re)computes flags and the rule outcome of meldingen; also used after a rule change and manual matching. */
export async function prioritiseMeldingen(
  tx: Orm,
  municipalityId: string,
  meldingIds: string[],
  rules: Rules,
  today: string,
): Promise<void> {
  // In slices: a new afwegingskader re-prioritises every open melding, and one list of ids would exceed the
  // 65,535 bind parameters of a statement (and hold every melding's facts in memory at once).
  for (let at = 0; at < meldingIds.length; at += PRIORITISE_SLICE) {
    const slice = meldingIds.slice(at, at + PRIORITISE_SLICE);
    const updates = (await meldingFacts(tx, municipalityId, slice, today)).map(({ melding, facts, teamId }) =>
      meldingUpdate(melding.id, facts, teamId, rules, dutchDateOf(melding.createdAt)),
    );
    await repo.updateMeldingen(tx, updates);
  }
}

const PRIORITISE_SLICE = 5_000;
