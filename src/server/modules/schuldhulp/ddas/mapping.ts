// The explicit mapping from a Vangnet debt-help trajectory to a DDAS schuldhulpverlening v1.0 schuldhulptraject.
// Pure: a row in, a DDAS record or a list of problems out. docs/ddas-shv-mapping.md documents every line of this
// file in one table; change both together.
import { isValidBsn } from '../../../../shared/bsn.ts';
import {
  SHV_BEGELEIDINGSSOORTEN,
  SHV_BESCHIKKINGSSOORTEN,
  SHV_OPLOSSINGSSOORTEN,
  SHV_SCHULDENSOORTEN,
  SHV_UITSTROOMREDENEN,
  type ShvBegeleidingssoort,
  type ShvBeschikkingssoort,
  type ShvGeslacht,
  type ShvOplossingssoort,
  type ShvSchuldensoort,
  type ShvUitstroomreden,
} from '../../../../shared/ddas-shv.ts';
import { huisnummertoevoeging, normalisePostcode, toWholeEuros } from '../../ddas/mapping.ts';

/** A trajectory as the export query reads it: dates as YYYY-MM-DD text, amounts in cents. */
export type ShvTrajectoryRow = {
  id: string;
  municipalityId: string;
  cbsCode: string;
  requestedOn: string;
  crisis: boolean;
  aanmeldingEnd: string | null;
  infoAdviesStart: string | null;
  infoAdviesEnd: string | null;
  firstConversationOn: string | null;
  intakeEnd: string | null;
  beschikkingOn: string | null;
  beschikkingssoort: string | null;
  planVanAanpakOn: string | null;
  stabilisatieStart: string | null;
  stabilisatieEnd: string | null;
  oplossingSoort: string | null;
  oplossingStart: string | null;
  oplossingEnd: string | null;
  vtlbCents: number | null;
  schuldregelingOn: string | null;
  schuldregelingToegekend: string | null;
  schuldregelingAfgewezen: string | null;
  schuldregelingIngetrokken: string | null;
  dwangakkoord: boolean;
  dwangakkoordVerzoekOn: string | null;
  nazorgStart: string | null;
  nazorgEnd: string | null;
  uitstroomOn: string | null;
  uitstroomReden: string | null;
  beeindigingsbeschikkingOn: string | null;
  clients: {
    bsn: string;
    geboortedatum: string;
    geslacht: string;
    postcode: string;
    huisnummer: number;
    huisletter: string | null;
    toevoeging: string | null;
  }[];
  periods: {
    kind: string;
    startOn: string;
    endOn: string | null;
    requestedOn: string | null;
    approvedOn: string | null;
    begeleidingssoort: string | null;
  }[];
  debts: {
    creditorName: string;
    creditorKvk: string | null;
    creditorPostcode: string | null;
    creditorIsPrivate: boolean;
    schuldsoort: string;
    isBusiness: boolean;
    originalCents: number;
    establishedOn: string;
  }[];
};

type Span = { startdatum: string; einddatum?: string };

export type ShvClient = {
  Burgerservicenummer: string;
  Geboortedatum: string;
  Geslachtsaanduiding: ShvGeslacht;
  Postcode?: string;
  Huisnummer?: string;
  Huisnummertoevoeging?: string;
};

export type ShvSchuld = {
  bedrag: number;
  peildatum: string;
  schuldsoort: ShvSchuldensoort;
  zakelijkeSchuld: boolean;
  schuldeiser: { naam?: string; kvknummer?: string; postcode?: string; privepersoon: boolean };
};

export type ShvSchuldhulptraject = {
  gemeentecode: string;
  startdatum: string;
  einddatum?: string;
  toekenningsdatum?: string;
  totaalSchuldbedragBijAanvangSchuld?: number;
  aanmelding: { crisisinterventie: boolean; startdatum: string; einddatum?: string };
  informatieEnAdvies?: Span;
  intake?: {
    startdatum: string;
    einddatum?: string;
    beschikkingsdatum?: string;
    beschikkingssoort?: ShvBeschikkingssoort;
  };
  planVanAanpak?: { datumAfronding: string };
  stabilisatie?: Span;
  oplossing?: { soort: ShvOplossingssoort; startdatum: string; einddatum?: string; vtlb?: number };
  schuldregeling?: {
    datum: string;
    toegekend?: string;
    afgewezen?: string;
    ingetrokken?: string;
    dwangakkoord: boolean;
    datumVerzoekDwangakkoord?: string;
  };
  crisisinterventies?: Span[];
  moratoria?: (Span & { datumAanvraag?: string; datumGoedkeuring?: string })[];
  voorlopigeVoorzieningen?: Span[];
  begeleiding?: (Span & { soort: ShvBegeleidingssoort })[];
  nazorg?: Span;
  uitstroom?: { datum: string; reden: ShvUitstroomreden; datumBeeindigingsbeschikking?: string };
  client: ShvClient[];
  schulden?: ShvSchuld[];
};

/** Why a trajectory cannot be delivered; `rule` is stable (docs/ddas-shv-mapping.md lists them). */
export type ShvExportIssue = {
  recordType: 'schuldhulptraject';
  recordId: string;
  municipalityId: string;
  rule: string;
  message: string;
};

export type ShvMapped = { ok: true; record: ShvSchuldhulptraject } | { ok: false; issues: ShvExportIssue[] };

function member<T extends string>(list: readonly T[], value: string | null | undefined): T | undefined {
  return list.find((v) => v === value);
}

/** BRP geslachtsaanduiding (M, V, O) to DDAS geslacht. */
const GESLACHT: Record<string, ShvGeslacht> = { M: 'Man', V: 'Vrouw', O: 'Onbekend' };

/** DDAS SHV gemeentecode: "GM" and the four-digit CBS code, as the standard's examples write it. */
export function shvGemeentecode(cbsCode: string): string {
  return `GM${cbsCode}`;
}

const span = (start: string | null, end: string | null): Span | undefined =>
  start ? { startdatum: start, ...(end ? { einddatum: end } : {}) } : undefined;

const opt = <K extends string, V>(k: K, v: V | null | undefined): Partial<Record<K, V>> =>
  v === null || v === undefined ? {} : ({ [k]: v } as Record<K, V>);

export function mapSchuldhulptraject(row: ShvTrajectoryRow): ShvMapped {
  const issues: ShvExportIssue[] = [];
  const issue = (rule: string, message: string) =>
    issues.push({
      recordType: 'schuldhulptraject',
      recordId: row.id,
      municipalityId: row.municipalityId,
      rule,
      message,
    });

  if (row.clients.length === 0)
    issue('client_ontbreekt', 'The trajectory names no resident from the BRP (DDAS client needs 1 or 2).');
  if (row.clients.length > 2) issue('te_veel_clienten', 'DDAS allows at most 2 clients per trajectory.');
  const client: ShvClient[] = [];
  for (const c of row.clients) {
    if (!isValidBsn(c.bsn)) issue('bsn_ongeldig', 'A client BSN fails the 11-test.');
    const postcode = normalisePostcode(c.postcode);
    const toevoeging = huisnummertoevoeging(c.huisletter, c.toevoeging);
    client.push({
      Burgerservicenummer: c.bsn,
      Geboortedatum: c.geboortedatum,
      Geslachtsaanduiding: GESLACHT[c.geslacht] ?? 'Onbekend',
      ...opt('Postcode', postcode),
      ...(postcode ? { Huisnummer: String(c.huisnummer) } : {}),
      ...(postcode ? opt('Huisnummertoevoeging', toevoeging) : {}),
    });
  }

  const beschikkingssoort = member(SHV_BESCHIKKINGSSOORTEN, row.beschikkingssoort);
  if (row.beschikkingssoort && !beschikkingssoort)
    issue('beschikkingssoort_onbekend', `Unknown beschikkingssoort "${row.beschikkingssoort}".`);
  const oplossingssoort = member(SHV_OPLOSSINGSSOORTEN, row.oplossingSoort);
  if (row.oplossingStart && !oplossingssoort)
    issue('oplossingssoort_onbekend', `Unknown or missing oplossingssoort "${row.oplossingSoort ?? ''}".`);
  const reden = member(SHV_UITSTROOMREDENEN, row.uitstroomReden);
  if (row.uitstroomOn && !reden)
    issue('uitstroomreden_ontbreekt', 'An uitstroom needs a DDAS uitstroomreden.');

  const periods = (kind: string) => row.periods.filter((p) => p.kind === kind);
  const begeleiding: (Span & { soort: ShvBegeleidingssoort })[] = [];
  for (const p of periods('begeleiding')) {
    const soort = member(SHV_BEGELEIDINGSSOORTEN, p.begeleidingssoort);
    if (!soort)
      issue('begeleidingssoort_onbekend', `Unknown begeleidingssoort "${p.begeleidingssoort ?? ''}".`);
    else begeleiding.push({ soort, startdatum: p.startOn, ...opt('einddatum', p.endOn) });
  }
  const schulden: ShvSchuld[] = [];
  for (const d of row.debts) {
    const schuldsoort = member(SHV_SCHULDENSOORTEN, d.schuldsoort);
    if (!schuldsoort) {
      issue('schuldsoort_onbekend', `Unknown schuldsoort "${d.schuldsoort}".`);
      continue;
    }
    schulden.push({
      bedrag: toWholeEuros(d.originalCents),
      peildatum: d.establishedOn,
      schuldsoort,
      zakelijkeSchuld: d.isBusiness,
      // A private creditor is a person: the name stays home (data minimisation), only the fact is delivered.
      schuldeiser: {
        ...(d.creditorIsPrivate ? {} : { naam: d.creditorName }),
        ...opt('kvknummer', d.creditorKvk),
        ...(d.creditorIsPrivate ? {} : opt('postcode', d.creditorPostcode)),
        privepersoon: d.creditorIsPrivate,
      },
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  const spans = (kind: string) =>
    periods(kind).map((p) => ({ startdatum: p.startOn, ...opt('einddatum', p.endOn) }));
  const crisisinterventies = spans('crisisinterventie');
  const voorlopigeVoorzieningen = spans('voorlopige_voorziening');
  const moratoria = periods('moratorium').map((p) => ({
    ...opt('datumAanvraag', p.requestedOn),
    ...opt('datumGoedkeuring', p.approvedOn),
    startdatum: p.startOn,
    ...opt('einddatum', p.endOn),
  }));

  const record: ShvSchuldhulptraject = {
    gemeentecode: shvGemeentecode(row.cbsCode),
    startdatum: row.requestedOn,
    ...opt('einddatum', row.uitstroomOn),
    ...(beschikkingssoort === 'Toelatingsbeschikking' ? opt('toekenningsdatum', row.beschikkingOn) : {}),
    ...(row.debts.length > 0
      ? {
          totaalSchuldbedragBijAanvangSchuld: toWholeEuros(
            row.debts.reduce((s, d) => s + d.originalCents, 0),
          ),
        }
      : {}),
    aanmelding: {
      crisisinterventie: row.crisis,
      startdatum: row.requestedOn,
      ...opt('einddatum', row.aanmeldingEnd),
    },
    ...opt('informatieEnAdvies', span(row.infoAdviesStart, row.infoAdviesEnd)),
    ...(row.firstConversationOn
      ? {
          intake: {
            startdatum: row.firstConversationOn,
            ...opt('einddatum', row.intakeEnd),
            ...opt('beschikkingsdatum', row.beschikkingOn),
            ...opt('beschikkingssoort', beschikkingssoort),
          },
        }
      : {}),
    ...(row.planVanAanpakOn ? { planVanAanpak: { datumAfronding: row.planVanAanpakOn } } : {}),
    ...opt('stabilisatie', span(row.stabilisatieStart, row.stabilisatieEnd)),
    ...(row.oplossingStart && oplossingssoort
      ? {
          oplossing: {
            soort: oplossingssoort,
            startdatum: row.oplossingStart,
            ...opt('einddatum', row.oplossingEnd),
            ...(row.vtlbCents !== null ? { vtlb: toWholeEuros(row.vtlbCents) } : {}),
          },
        }
      : {}),
    ...(row.schuldregelingOn
      ? {
          schuldregeling: {
            datum: row.schuldregelingOn,
            ...opt('toegekend', row.schuldregelingToegekend),
            ...opt('afgewezen', row.schuldregelingAfgewezen),
            ...opt('ingetrokken', row.schuldregelingIngetrokken),
            dwangakkoord: row.dwangakkoord,
            ...opt('datumVerzoekDwangakkoord', row.dwangakkoordVerzoekOn),
          },
        }
      : {}),
    ...(crisisinterventies.length > 0 ? { crisisinterventies } : {}),
    ...(moratoria.length > 0 ? { moratoria } : {}),
    ...(voorlopigeVoorzieningen.length > 0 ? { voorlopigeVoorzieningen } : {}),
    ...(begeleiding.length > 0 ? { begeleiding } : {}),
    ...opt('nazorg', span(row.nazorgStart, row.nazorgEnd)),
    ...(row.uitstroomOn && reden
      ? {
          uitstroom: {
            datum: row.uitstroomOn,
            reden,
            ...opt('datumBeeindigingsbeschikking', row.beeindigingsbeschikkingOn),
          },
        }
      : {}),
    client,
    ...(schulden.length > 0 ? { schulden } : {}),
  };
  return { ok: true, record };
}
