import type { meldingen, signals } from '../../../db/schema.ts';

type Signal = typeof signals.$inferSelect;
type Melding = typeof meldingen.$inferSelect;

function joined(parts: (string | number | null | undefined)[], sep = ' '): string {
  return parts.filter((p) => p !== null && p !== undefined && p !== '').join(sep);
}

/** A signal as staff see it: the name and address as the partner wrote them; never the BSN. */
export function presentSignal(row: {
  signal: Signal;
  partnerName: string | null;
  partnerType: string | null;
}) {
  const s = row.signal;
  const flags = (
    [
      ['endOfSupply', s.endOfSupply],
      ['evictionAnnounced', s.evictionAnnounced],
      ['insuranceTermination', s.insuranceTermination],
      ['warmHandover', s.warmHandover],
    ] as const
  ).flatMap(([flag, on]) => (on ? [flag] : []));
  return {
    id: s.id,
    source: s.source,
    partnerId: s.partnerId,
    partnerName: row.partnerName,
    partnerType: row.partnerType as never,
    externalId: s.externalId,
    version: s.version,
    naam: joined([s.voornamen ?? s.voorletters, s.voorvoegsel, s.achternaam]),
    geboortedatum: s.geboortedatum,
    adres: s.postcode
      ? joined(
          [
            joined([
              s.straat,
              joined([s.huisnummer, s.huisletter, s.toevoeging ? `-${s.toevoeging}` : null], ''),
            ]),
            s.postcode,
            s.woonplaats,
          ],
          ', ',
        )
      : null,
    amountCents: s.amountCents,
    signalDate: s.signalDate,
    arrearsSince: s.arrearsSince,
    isCrisis: Boolean(s.isCrisis),
    flags: [...flags],
    remark: s.remark,
    matchStatus: s.matchStatus,
    matchScore: s.matchScore,
    matchReasons: (s.matchReasons as unknown[]).map(String),
    personId: s.personId,
    householdId: s.householdId,
    ddasStatus: s.ddasStatus as never,
    statusReason: s.statusReason,
    relatedSignalId: s.relatedSignalId,
    meldingId: s.meldingId,
  };
}

export function presentMeldingSummary(row: { melding: Melding; queueName: string | null }) {
  const m = row.melding;
  return {
    id: m.id,
    periodStart: m.periodStart,
    status: m.status,
    queueId: m.queueId,
    queueName: row.queueName,
    priority: m.priority,
    deadline: m.deadline,
    contactStrategy: m.contactStrategy,
    isCrisis: m.isCrisis,
    enkelvoudig: m.enkelvoudig,
    meervoudig: m.meervoudig,
    opeenvolgend: m.opeenvolgend,
    knownToShv: m.knownToShv,
    partnerTypes: m.partnerTypes,
    totalAmountCents: m.totalAmountCents,
    signalCount: m.signalCount,
    wijkId: m.wijkId,
    youngestAdultAge: m.youngestAdultAge,
    hasMinorChildren: m.hasMinorChildren,
  };
}
