// The explicit mapping from Vangnet's internal states to DDAS vroegsignalering v1.2 (Uitwisselmodel). Pure: rows in,
// DDAS records or a list of problems out. docs/ddas-mapping.md documents every line of this file in one table;
// change both together.

import { isValidBsn } from '../../../shared/bsn.ts';
import {
  DDAS_CONTACTSOORTEN,
  DDAS_DAGDELEN,
  DDAS_EINDRESULTATEN,
  DDAS_SIGNAALPARTNERS,
  DDAS_SIGNAALSTATUSSEN,
  type DdasContactsoort,
  type DdasDagdeel,
  type DdasEindresultaat,
  type DdasGeslacht,
  type DdasSignaalpartner,
  type DdasSignaalstatus,
} from '../../../shared/ddas.ts';

/** A signal as the export query reads it (dates as YYYY-MM-DD text, amounts in cents). */
export type SignalRecordRow = {
  id: string;
  municipalityId: string;
  source: 'api' | 'bestand' | 'handmatig' | 'verwijzing';
  partnerType: string | null;
  ddasStatus: string;
  isCrisis: boolean;
  warmHandover: boolean;
  amountCents: number;
  arrearsSince: string | null;
  signalDate: string;
  /** The BSN of the matched BRP person, when matched. */
  personBsn: string | null;
  personGeslacht: string | null;
  personGeboortedatum: string | null;
  /** What the partner sent. */
  bsn: string | null;
  geboortedatum: string | null;
  postcode: string | null;
  huisnummer: number | null;
  huisletter: string | null;
  toevoeging: string | null;
  /** The melding (vroegsignaalzaak) the signal belongs to and whether that was taken up. */
  meldingId: string | null;
  meldingTakenUpOn: string | null;
};

/** A melding as the export query reads it, with its signals and contact attempts. */
export type ZaakRecordRow = {
  id: string;
  municipalityId: string;
  status: 'open' | 'in_behandeling' | 'afgesloten';
  eindresultaat: string | null;
  periodStart: string;
  periodEnd: string | null;
  matchingPeriod: 'kalendermaand' | 'doorlopend';
  /** The day the signals were matched and bundled into this melding. */
  matchedOn: string;
  takenUpOn: string | null;
  signalIds: string[];
  contactAttempts: { soort: string; datum: string; dagdeel: string | null; bereikt: boolean }[];
};

export type DdasClient =
  | { burgerservicenummer: string }
  | {
      postcode: string;
      huisnummer: string;
      huisnummertoevoeging?: string;
      geslachtsaanduiding?: DdasGeslacht;
      geboortedatum?: string;
    };

export type DdasVroegsignaal = {
  ID: string;
  crisissignaal: boolean;
  warmeOverdracht: boolean;
  bedrag: number;
  ontstaansdatum?: string;
  signaaldatum: string;
  status: DdasSignaalstatus;
  signaalpartner: { type: DdasSignaalpartner };
  client: DdasClient;
};

export type DdasContactpoging = {
  soort: DdasContactsoort;
  bereikt: boolean;
  datum: string;
  dagdeel?: DdasDagdeel;
};

export type DdasVroegsignaalzaak = {
  resultaat?: DdasEindresultaat;
  matchingsdatum: string;
  startdatumMatchingperiode: string;
  einddatumMatchingperiode?: string;
  datumOpgepakt?: string;
  vroegsignalen: { ID: string }[];
  contactpogingen: DdasContactpoging[];
};

/** Why a record cannot be delivered; `rule` is stable (docs/ddas-mapping.md lists them). */
export type ExportIssue = {
  recordType: 'vroegsignaal' | 'vroegsignaalzaak';
  recordId: string;
  municipalityId: string;
  rule: string;
  message: string;
};

export type Mapped<T> = { ok: true; record: T } | { ok: false; issues: ExportIssue[] };

// --- Code lists: every internal value is named here; anything else is an export error, never a guess. ------------

function member<T extends string>(list: readonly T[], value: string | null | undefined): T | undefined {
  return list.find((v) => v === value);
}

/** BRP geslachtsaanduiding (M, V, O) to DDAS geslacht. */
export const GESLACHT_MAP: Record<string, DdasGeslacht> = { M: 'Man', V: 'Vrouw', O: 'Onbekend' };

/** Signals that came in as a referral (verwijzing) have no signalling partner; DDAS knows them as Overige. */
export const REFERRAL_PARTNER_TYPE: DdasSignaalpartner = 'Overige';

/** Amounts are stored in cents; DDAS wants whole euros (rounded half up; arrears are never negative). */
export function toWholeEuros(cents: number): number {
  return Math.floor((cents + 50) / 100);
}

/** 1234 ab, 1234AB -> 1234AB; anything else -> null. */
export function normalisePostcode(value: string | null): string | null {
  const compact = (value ?? '').replace(/\s+/g, '').toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(compact) ? compact : null;
}

/** DDAS has one field for huisletter and toevoeging (as BAG prints them: letter first, then the addition). */
export function huisnummertoevoeging(
  huisletter: string | null,
  toevoeging: string | null,
): string | undefined {
  const parts = [huisletter?.trim(), toevoeging?.trim()].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * The signal status for DDAS. The intake sets a verbatim EnumSignaalstatus; a signal still "Nog niet opgepakt"
 * whose melding was taken up is reported as "Opgepakt" (the follow-up sets taken_up_on, not the signal).
 */
export function signaalstatus(row: SignalRecordRow): DdasSignaalstatus | undefined {
  const status = member(DDAS_SIGNAALSTATUSSEN, row.ddasStatus);
  if (status === 'Nog niet opgepakt' && row.meldingTakenUpOn) return 'Opgepakt';
  return status;
}

export function mapVroegsignaal(row: SignalRecordRow): Mapped<DdasVroegsignaal> {
  const issues: ExportIssue[] = [];
  const issue = (rule: string, message: string) =>
    issues.push({
      recordType: 'vroegsignaal',
      recordId: row.id,
      municipalityId: row.municipalityId,
      rule,
      message,
    });

  const partnerType =
    row.source === 'verwijzing' && !row.partnerType
      ? REFERRAL_PARTNER_TYPE
      : member(DDAS_SIGNAALPARTNERS, row.partnerType);
  if (!partnerType)
    issue('signaalpartner_onbekend', `Signaalpartnertype "${row.partnerType ?? ''}" heeft geen DDAS-code.`);
  const status = signaalstatus(row);
  if (!status) issue('status_onbekend', `Status "${row.ddasStatus}" heeft geen DDAS-code.`);

  let client: DdasClient | undefined;
  const bsn = row.personBsn ?? row.bsn;
  if (bsn) {
    // The identity rule of Client: a BSN alone (exactly 9 characters), nothing else beside it.
    if (isValidBsn(bsn)) client = { burgerservicenummer: bsn };
    else issue('bsn_ongeldig', 'Het BSN voldoet niet aan de 11-proef.');
  } else {
    const postcode = normalisePostcode(row.postcode);
    if (!row.postcode || !row.huisnummer) {
      issue(
        'client_identiteit_ontbreekt',
        'Geen BSN en geen postcode met huisnummer: koppel het signaal aan de BRP.',
      );
    } else if (!postcode) {
      issue('postcode_ongeldig', 'De postcode is geen geldige Nederlandse postcode (1234AB).');
    } else {
      const toevoeging = huisnummertoevoeging(row.huisletter, row.toevoeging);
      const geslacht = row.personGeslacht ? GESLACHT_MAP[row.personGeslacht] : undefined;
      const geboortedatum = row.personGeboortedatum ?? row.geboortedatum ?? undefined;
      client = {
        postcode,
        huisnummer: String(row.huisnummer),
        ...(toevoeging ? { huisnummertoevoeging: toevoeging } : {}),
        geslachtsaanduiding: geslacht ?? 'Onbekend',
        ...(geboortedatum ? { geboortedatum } : {}),
      };
    }
  }
  if (row.amountCents < 0 || !Number.isSafeInteger(row.amountCents))
    issue('bedrag_ongeldig', 'Het bedrag is geen geldig bedrag.');

  if (issues.length > 0 || !partnerType || !status || !client) return { ok: false, issues };
  return {
    ok: true,
    record: {
      ID: row.id,
      crisissignaal: row.isCrisis,
      warmeOverdracht: row.warmHandover,
      bedrag: toWholeEuros(row.amountCents),
      ...(row.arrearsSince ? { ontstaansdatum: row.arrearsSince } : {}),
      signaaldatum: row.signalDate,
      status,
      signaalpartner: { type: partnerType },
      client,
    },
  };
}

function lastDayOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function mapVroegsignaalzaak(row: ZaakRecordRow): Mapped<DdasVroegsignaalzaak> {
  const issues: ExportIssue[] = [];
  const issue = (rule: string, message: string) =>
    issues.push({
      recordType: 'vroegsignaalzaak',
      recordId: row.id,
      municipalityId: row.municipalityId,
      rule,
      message,
    });

  let resultaat: DdasEindresultaat | undefined;
  if (row.eindresultaat !== null) {
    resultaat = member(DDAS_EINDRESULTATEN, row.eindresultaat);
    if (!resultaat) issue('resultaat_onbekend', `Eindresultaat "${row.eindresultaat}" heeft geen DDAS-code.`);
    if (row.status !== 'afgesloten')
      issue(
        'resultaat_bij_open_zaak',
        'Er is een eindresultaat vastgelegd, maar de melding is niet afgesloten.',
      );
  } else if (row.status === 'afgesloten') {
    issue('resultaat_ontbreekt', 'De melding is afgesloten zonder eindresultaat.');
  }
  // "In behandeling" means opgepakt: DDAS then needs the day it was taken up.
  if (row.status === 'in_behandeling' && !row.takenUpOn)
    issue('datum_opgepakt_ontbreekt', 'De melding is in behandeling, maar de datum opgepakt ontbreekt.');
  if (row.signalIds.length === 0)
    issue('zaak_zonder_signalen', 'De melding heeft geen vroegsignalen (meer) om naar te verwijzen.');

  const contactpogingen: DdasContactpoging[] = [];
  for (const [i, a] of row.contactAttempts.entries()) {
    const soort = member(DDAS_CONTACTSOORTEN, a.soort);
    const dagdeel = a.dagdeel === null ? undefined : member(DDAS_DAGDELEN, a.dagdeel);
    if (!soort)
      issue('contactsoort_onbekend', `Contactpoging ${i + 1}: soort "${a.soort}" heeft geen DDAS-code.`);
    if (a.dagdeel !== null && !dagdeel)
      issue('dagdeel_onbekend', `Contactpoging ${i + 1}: dagdeel "${a.dagdeel}" heeft geen DDAS-code.`);
    if (soort)
      contactpogingen.push({ soort, bereikt: a.bereikt, datum: a.datum, ...(dagdeel ? { dagdeel } : {}) });
  }

  if (issues.length > 0) return { ok: false, issues };
  // A calendar-month melding ends with its month; a continuous one only when it is closed (period_end).
  const einde =
    row.periodEnd ?? (row.matchingPeriod === 'kalendermaand' ? lastDayOfMonth(row.periodStart) : null);
  return {
    ok: true,
    record: {
      ...(resultaat ? { resultaat } : {}),
      matchingsdatum: row.matchedOn,
      startdatumMatchingperiode: row.periodStart,
      ...(einde ? { einddatumMatchingperiode: einde } : {}),
      ...(row.takenUpOn ? { datumOpgepakt: row.takenUpOn } : {}),
      vroegsignalen: [...new Set(row.signalIds)].map((ID) => ({ ID })),
      contactpogingen,
    },
  };
}
