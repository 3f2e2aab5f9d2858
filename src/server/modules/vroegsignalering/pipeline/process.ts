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

/**
 * The pipeline after intake, for a set of stored signals: BRP matching, DDAS status (deceased, moved out, known to
 * debt help, repeat, below threshold), bundling into meldingen per household address and period, and
 * prioritisation with the municipality's rules. Runs in the caller's transaction.
 */
export async function processSignals(
  tx: Orm,
  ctx: ServiceContext,
  signalIds: string[],
  deps: PipelineDeps,
  /** Manual matching: the person chosen by staff (or null: not a resident), instead of automatic matching. */
  overrides: Map<string, BrpPerson | null> = new Map(),
): Promise<void> {
  const mid = ctx.municipalityId;
  const signals = await repo.loadSignals(tx, mid, signalIds);
  if (signals.length === 0) return;
  const rules = await ensureRuleSet(tx, mid);
  const partnerTypeOf = await repo.partnerTypes(tx, mid, [
    ...new Set(signals.flatMap((s) => s.partnerId ?? [])),
  ]);
  const typeOf = (s: repo.SignalRow): PartnerType =>
    ((s.partnerId ? partnerTypeOf.get(s.partnerId) : undefined) as PartnerType) ?? 'Overige';

  // 1. Match with the BRP, in batches: one lookup for all addresses and one for all BSNs.
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

  // 2. DDAS status per signal.
  const matchedPersonIds = [...matches.values()].flatMap((m) =>
    m.status === 'matched' && m.person ? [m.person.id] : [],
  );
  const known = await repo.knownPersonIds(tx, mid, [...new Set(matchedPersonIds)]);
  const earlier = await repo.earlierSignals(
    tx,
    mid,
    signals.flatMap((s) => {
      const m = matches.get(s.id);
      return s.partnerId && m?.status === 'matched' && m.person
        ? [{ partnerId: s.partnerId, personId: m.person.id, before: s.signalDate, excludeId: s.id }]
        : [];
    }),
  );
  const updates: repo.SignalUpdate[] = [];
  const toBundle: { signal: repo.SignalRow; person: BrpPerson }[] = [];
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
      } else if (
        isBelowThreshold(rules.definition, typeOf(s), s.amountCents, { crisis: Boolean(s.isCrisis) })
      ) {
        status = STATUS.other;
        reason = belowThresholdReason(rules.definition, typeOf(s), s.amountCents);
      }
      if (status === STATUS.open || status === STATUS.known) toBundle.push({ signal: s, person });
    }
    updates.push({
      id: s.id,
      matchStatus: m.status,
      matchScore: m.score,
      matchReasons: m.reasons,
      matchCandidates: m.candidates,
      personId: person?.id ?? null,
      householdId: person?.householdId ?? null,
      ddasStatus: status,
      statusReason: reason,
      relatedSignalId: related,
    });
  }
  await repo.updateSignalsAfterMatching(tx, updates, ctx.actor.type === 'user' ? ctx.actor.userId : 'auto');

  // 3. Bundle into meldingen: one per household address and period (calendar month, or continuous).
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
  const open = await repo.findOpenMeldingen(tx, mid, [
    ...new Set(toBundle.map((b) => fingerprintOf(b.person))),
  ]);
  const meldingFor = new Map<string, string>();
  for (const m of open)
    meldingFor.set(continuous ? m.addressFingerprint : `${m.addressFingerprint}|${m.periodStart}`, m.id);
  const fresh = new Map<string, { fingerprint: string; periodStart: string; person: BrpPerson }>();
  for (const { signal, person } of toBundle) {
    const fp = fingerprintOf(person);
    const key = continuous ? fp : `${fp}|${monthStart(signal.signalDate)}`;
    if (!meldingFor.has(key) && !fresh.has(key)) {
      fresh.set(key, {
        fingerprint: fp,
        periodStart: continuous ? signal.signalDate : monthStart(signal.signalDate),
        person,
      });
    }
  }
  const created = await repo.insertMeldingen(
    tx,
    [...fresh.values()].map((f) => ({
      municipalityId: mid,
      householdId: f.person.householdId,
      addressId: f.person.addressId,
      addressFingerprint: f.fingerprint,
      periodStart: f.periodStart,
    })),
  );
  for (const m of created)
    meldingFor.set(continuous ? m.addressFingerprint : `${m.addressFingerprint}|${m.periodStart}`, m.id);
  const pairs = toBundle.map(({ signal, person }) => {
    const fp = fingerprintOf(person);
    return {
      signalId: signal.id,
      meldingId: meldingFor.get(continuous ? fp : `${fp}|${monthStart(signal.signalDate)}`) as string,
    };
  });
  await repo.attachSignals(tx, pairs);

  // 4. Prioritise every melding that changed.
  await prioritiseMeldingen(tx, mid, [...new Set(pairs.map((p) => p.meldingId))], rules, deps.today());
}

export type MeldingWithFacts = {
  melding: repo.MeldingRow;
  facts: MeldingFacts;
  teamId: string | null;
};

/** The facts the rules look at, per melding: its signals, the household in the BRP, the look-back and the wijk. */
export async function meldingFacts(
  tx: Orm,
  municipalityId: string,
  meldingIds: string[],
  today: string,
): Promise<MeldingWithFacts[]> {
  if (meldingIds.length === 0) return [];
  const all = await repo.findMeldingenByIds(tx, municipalityId, meldingIds);
  const signalFacts = await repo.signalsOfMeldingen(tx, meldingIds);
  const bySignal = new Map<string, repo.MeldingSignalFacts[]>();
  for (const f of signalFacts) {
    const list = bySignal.get(f.meldingId);
    if (list) list.push(f);
    else bySignal.set(f.meldingId, [f]);
  }
  const households = await repo.householdFacts(
    tx,
    municipalityId,
    [...new Set(all.flatMap((m) => m.householdId ?? []))],
    today,
  );
  // The municipality's postcode map decides the wijk (and so the team); the BRP address's wijk is the fallback.
  const wijkByPostcode = await findWijkenForPostcodes(tx, municipalityId, [
    ...new Set([...households.values()].map((h) => h.postcode)),
  ]);
  const earlier = await repo.hadEarlierSignals(
    tx,
    municipalityId,
    all.map((m) => ({ fingerprint: m.addressFingerprint, periodStart: m.periodStart })),
  );
  return all.map((m) => {
    const sigs = bySignal.get(m.id) ?? [];
    const household = m.householdId ? households.get(m.householdId) : undefined;
    const mapped = household ? wijkByPostcode.get(household.postcode) : undefined;
    const amountByType: Partial<Record<PartnerType, number>> = {};
    for (const s of sigs) {
      const t = (s.partnerType ?? 'Overige') as PartnerType;
      amountByType[t] = (amountByType[t] ?? 0) + Number(s.amountCents);
    }
    const maxOf = (values: (number | null)[]) => {
      const known = values.filter((x): x is number => x !== null);
      return known.length ? Math.max(...known) : null;
    };
    const opeenvolgend = earlier.has(`${m.addressFingerprint}|${m.periodStart}`);
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
    return { melding: m, facts, teamId: mapped ? mapped.teamId : (household?.teamId ?? null) };
  });
}

/** (Re)computes flags and the rule outcome of meldingen; also used after a rule change and manual matching. */
export async function prioritiseMeldingen(
  tx: Orm,
  municipalityId: string,
  meldingIds: string[],
  rules: { id: string; definition: RuleSetDefinition; queues: Map<string, string> },
  today: string,
): Promise<void> {
  const updates: repo.MeldingUpdate[] = [];
  for (const { melding, facts, teamId } of await meldingFacts(tx, municipalityId, meldingIds, today)) {
    const result = evaluateRules(rules.definition, facts);
    updates.push({
      id: melding.id,
      isCrisis: facts.crisis,
      enkelvoudig: facts.enkelvoudig,
      meervoudig: facts.meervoudig,
      opeenvolgend: facts.opeenvolgend,
      knownToShv: facts.knownToShv,
      queueId: rules.queues.get(result.outcome.queue) ?? null,
      priority: result.outcome.priority,
      contactStrategy: result.outcome.contactStrategy,
      // Counted from when the melding arose, so re-prioritising never postpones a deadline by itself.
      deadline: addWorkingDays(
        melding.createdAt.toISOString().slice(0, 10),
        result.outcome.deadlineWorkingDays,
      ),
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
    });
  }
  await repo.updateMeldingen(tx, updates);
}
