// What a role may see of a trajectory: a BSN only with persons:read_bsn (volunteers never get one).
import { SHV_SCHULDENSOORTEN, type ShvClockState } from '../../../shared/ddas-shv.ts';
import { displayName } from '../../../shared/names.ts';
import type { ClockDto, DebtDto, DebtTotals, TrajectoryDto } from '../../../shared/schemas/schuldhulp.ts';
import type { ClockView } from './clocks.ts';
import { currentPhase } from './policy.ts';
import type { DebtRow, ListRow, PeriodRow, PersonRow, TrajectoryRow } from './repository.ts';

type Names = Map<string, string>;
const ref = (id: string | null, names: Names) => (id ? { id, name: names.get(id) ?? '' } : null);

export function presentDebt(d: DebtRow): DebtDto {
  return {
    id: d.id,
    creditorName: d.creditorName,
    creditorKvk: d.creditorKvk,
    creditorPostcode: d.creditorPostcode,
    creditorIsPrivate: d.creditorIsPrivate,
    schuldsoort: d.schuldsoort,
    isBusiness: d.isBusiness,
    originalCents: d.originalCents,
    currentCents: d.currentCents,
    status: d.status,
    establishedOn: d.establishedOn,
    reference: d.reference,
    version: d.version,
  };
}

/** Count, original and current amount per DDAS schuldsoort and in total. */
export function debtTotals(
  debts: Pick<DebtRow, 'schuldsoort' | 'originalCents' | 'currentCents'>[],
): DebtTotals {
  const zero = () => ({ count: 0, originalCents: 0, currentCents: 0 });
  const perSoort = Object.fromEntries(SHV_SCHULDENSOORTEN.map((s) => [s, zero()])) as DebtTotals['perSoort'];
  const total = zero();
  for (const d of debts) {
    for (const t of [perSoort[d.schuldsoort], total]) {
      t.count += 1;
      t.originalCents += d.originalCents;
      t.currentCents += d.currentCents;
    }
  }
  return { perSoort, total };
}

const URGENCY: Record<ShvClockState, number> = { overdue: 4, due_soon: 3, on_track: 2, met_late: 1, met: 0 };

/** The most urgent open clock (overdue first, then the earliest due). */
export function mostUrgent(clocks: ClockView[]): ClockView | null {
  const open = clocks.filter((c) => !c.metOn);
  open.sort((a, b) => URGENCY[b.state] - URGENCY[a.state] || a.due.localeCompare(b.due));
  return open[0] ?? null;
}

export function presentClock(c: ClockView): ClockDto {
  return { ...c };
}

export function presentTrajectory(
  t: TrajectoryRow,
  extra: {
    clients: PersonRow[];
    periods: PeriodRow[];
    debts: DebtRow[];
    clocks: ClockView[];
    names: Names;
    canSeeBsn: boolean;
  },
): TrajectoryDto {
  return {
    id: t.id,
    version: t.version,
    householdCaseId: t.householdCaseId,
    householdId: t.householdId,
    meldingId: t.meldingId,
    phase: currentPhase(t),
    counsellor: ref(t.counsellorId, extra.names),
    clients: extra.clients.map((p) => ({
      personId: p.id,
      name: displayName(p),
      geboortedatum: p.geboortedatum,
      bsn: extra.canSeeBsn ? p.bsn : null,
    })),
    aanmelding: {
      startdatum: t.requestedOn,
      einddatum: t.aanmeldingEnd,
      crisisinterventie: t.crisis,
      isThreatening: t.isThreatening,
      threatKind: t.threatKind,
    },
    informatieEnAdvies: { startdatum: t.infoAdviesStart, einddatum: t.infoAdviesEnd },
    intake: {
      startdatum: t.firstConversationOn,
      einddatum: t.intakeEnd,
      beschikkingsdatum: t.beschikkingOn,
      beschikkingssoort: t.beschikkingssoort,
    },
    planVanAanpak: { datumAfronding: t.planVanAanpakOn },
    stabilisatie: { startdatum: t.stabilisatieStart, einddatum: t.stabilisatieEnd },
    oplossing: {
      soort: t.oplossingSoort,
      startdatum: t.oplossingStart,
      einddatum: t.oplossingEnd,
      vtlbCents: t.vtlbCents,
    },
    schuldregeling: {
      datum: t.schuldregelingOn,
      toegekend: t.schuldregelingToegekend,
      afgewezen: t.schuldregelingAfgewezen,
      ingetrokken: t.schuldregelingIngetrokken,
      dwangakkoord: t.dwangakkoord,
      datumVerzoekDwangakkoord: t.dwangakkoordVerzoekOn,
    },
    nazorg: { startdatum: t.nazorgStart, einddatum: t.nazorgEnd },
    uitstroom: {
      datum: t.uitstroomOn,
      reden: t.uitstroomReden,
      omschrijving: t.uitstroomOmschrijving,
      datumBeeindigingsbeschikking: t.beeindigingsbeschikkingOn,
    },
    periods: extra.periods.map((p) => ({
      id: p.id,
      kind: p.kind,
      startOn: p.startOn,
      endOn: p.endOn,
      requestedOn: p.requestedOn,
      approvedOn: p.approvedOn,
      begeleidingssoort: p.begeleidingssoort,
    })),
    clocks: extra.clocks.map(presentClock),
    debts: extra.debts.map(presentDebt),
    debtTotals: debtTotals(extra.debts),
    note: t.note,
  };
}

export function presentSummary(row: ListRow, clocks: ClockView[], names: Names) {
  const next = mostUrgent(clocks);
  return {
    id: row.id,
    householdCaseId: row.householdCaseId,
    householdId: row.householdId,
    clients: (row.clients ?? []).map((c) => ({ personId: c.personId, name: displayName(c.name) })),
    phase: currentPhase(row),
    requestedOn: row.requestedOn,
    isThreatening: row.isThreatening,
    crisis: row.crisis,
    counsellor: ref(row.counsellorId, names),
    nextClock: next ? presentClock(next) : null,
    clocksMetLate: clocks.filter((c) => c.state === 'met_late').map((c) => c.clock),
    debtCurrentCents: row.debtCurrentCents,
    uitstroomOn: row.uitstroomOn,
  };
}
