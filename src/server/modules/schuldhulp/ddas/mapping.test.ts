import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SHV_BEGELEIDINGSSOORTEN,
  SHV_BESCHIKKINGSSOORTEN,
  SHV_OPLOSSINGSSOORTEN,
  SHV_SCHULDENSOORTEN,
  SHV_UITSTROOMREDENEN,
} from '../../../../shared/ddas-shv.ts';
import { mapSchuldhulptraject, type ShvTrajectoryRow } from './mapping.ts';
import { validateShvDocument } from './validate.ts';

const base: ShvTrajectoryRow = {
  id: '00000000-0000-4000-8000-000000000001',
  municipalityId: '00000000-0000-4000-8000-000000000002',
  cbsCode: '9901',
  requestedOn: '2025-01-06',
  crisis: false,
  aanmeldingEnd: null,
  infoAdviesStart: null,
  infoAdviesEnd: null,
  firstConversationOn: null,
  intakeEnd: null,
  beschikkingOn: null,
  beschikkingssoort: null,
  planVanAanpakOn: null,
  stabilisatieStart: null,
  stabilisatieEnd: null,
  oplossingSoort: null,
  oplossingStart: null,
  oplossingEnd: null,
  vtlbCents: null,
  schuldregelingOn: null,
  schuldregelingToegekend: null,
  schuldregelingAfgewezen: null,
  schuldregelingIngetrokken: null,
  dwangakkoord: false,
  dwangakkoordVerzoekOn: null,
  nazorgStart: null,
  nazorgEnd: null,
  uitstroomOn: null,
  uitstroomReden: null,
  beeindigingsbeschikkingOn: null,
  clients: [
    {
      bsn: '123456782',
      geboortedatum: '1980-02-03',
      geslacht: 'V',
      postcode: '9901AB',
      huisnummer: 12,
      huisletter: 'A',
      toevoeging: null,
    },
  ],
  periods: [],
  debts: [],
};

function envelope(records: unknown[]) {
  return {
    startdatumLevering: '2025-01-01',
    einddatumLevering: '2025-12-31',
    aanleverdatumEnTijd: '2026-01-02T03:04:05Z',
    codeGegevensleverancier: 'VANGNET',
    leveringen: [
      { teller: 1, aanleverende_organisatie: { '(Statutaire) Naam': 'Regio' }, schuldhulptrajecten: records },
    ],
  };
}

describe('mapping a trajectory to DDAS SHV v1.0', () => {
  it('maps a fresh aanmelding to the minimal record', () => {
    const m = mapSchuldhulptraject(base);
    expect(m).toEqual({
      ok: true,
      record: {
        gemeentecode: 'GM9901',
        startdatum: '2025-01-06',
        aanmelding: { crisisinterventie: false, startdatum: '2025-01-06' },
        client: [
          {
            Burgerservicenummer: '123456782',
            Geboortedatum: '1980-02-03',
            Geslachtsaanduiding: 'Vrouw',
            Postcode: '9901AB',
            Huisnummer: '12',
            Huisnummertoevoeging: 'A',
          },
        ],
      },
    });
  });

  it('maps every phase, whole euros, and hides the name of a private creditor', () => {
    const m = mapSchuldhulptraject({
      ...base,
      crisis: true,
      firstConversationOn: '2025-01-08',
      beschikkingOn: '2025-02-01',
      beschikkingssoort: 'Toelatingsbeschikking',
      planVanAanpakOn: '2025-02-10',
      oplossingSoort: 'Schuldbemiddeling',
      oplossingStart: '2025-03-01',
      vtlbCents: 150_050,
      schuldregelingOn: '2025-02-20',
      schuldregelingToegekend: '2025-03-01',
      dwangakkoord: true,
      dwangakkoordVerzoekOn: '2025-02-25',
      uitstroomOn: '2025-09-01',
      uitstroomReden: 'Afgerond',
      periods: [
        {
          kind: 'moratorium',
          startOn: '2025-01-10',
          endOn: '2025-07-10',
          requestedOn: '2025-01-09',
          approvedOn: '2025-01-10',
          begeleidingssoort: null,
        },
        {
          kind: 'begeleiding',
          startOn: '2025-02-01',
          endOn: null,
          requestedOn: null,
          approvedOn: null,
          begeleidingssoort: 'Budgetbeheer',
        },
      ],
      debts: [
        {
          creditorName: 'Jan Buurman',
          creditorKvk: null,
          creditorPostcode: '9901AA',
          creditorIsPrivate: true,
          schuldsoort: 'Overig',
          isBusiness: false,
          originalCents: 10_049,
          establishedOn: '2025-01-08',
        },
        {
          creditorName: 'Zorgverzekeraar',
          creditorKvk: '12345678',
          creditorPostcode: null,
          creditorIsPrivate: false,
          schuldsoort: 'Zorg',
          isBusiness: false,
          originalCents: 99_950,
          establishedOn: '2025-01-08',
        },
      ],
    });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const r = m.record;
    expect(r.toekenningsdatum).toBe('2025-02-01');
    expect(r.totaalSchuldbedragBijAanvangSchuld).toBe(1100);
    expect(r.oplossing).toEqual({ soort: 'Schuldbemiddeling', startdatum: '2025-03-01', vtlb: 1501 });
    expect(r.schulden?.[0]?.schuldeiser).toEqual({ privepersoon: true });
    expect(r.schulden?.[1]?.schuldeiser).toEqual({
      naam: 'Zorgverzekeraar',
      kvknummer: '12345678',
      privepersoon: false,
    });
    expect(r.begeleiding).toEqual([{ soort: 'Budgetbeheer', startdatum: '2025-02-01' }]);
    expect(r.uitstroom).toEqual({ datum: '2025-09-01', reden: 'Afgerond' });
    expect(validateShvDocument(envelope([r]))).toEqual([]);
  });

  it('refuses to guess: no client, a bad BSN, an uitstroom without reason, unknown codes', () => {
    const rules = (row: ShvTrajectoryRow) => {
      const m = mapSchuldhulptraject(row);
      return m.ok ? [] : m.issues.map((i) => i.rule);
    };
    expect(rules({ ...base, clients: [] })).toEqual(['client_ontbreekt']);
    expect(
      rules({
        ...base,
        clients: [{ ...(base.clients[0] as ShvTrajectoryRow['clients'][0]), bsn: '123456789' }],
      }),
    ).toEqual(['bsn_ongeldig']);
    expect(rules({ ...base, uitstroomOn: '2025-02-01' })).toEqual(['uitstroomreden_ontbreekt']);
    expect(rules({ ...base, uitstroomOn: '2025-02-01', uitstroomReden: 'Zelfstandig verder' })).toEqual([
      'uitstroomreden_ontbreekt',
    ]);
    expect(
      rules({ ...base, beschikkingssoort: 'Toewijzingsbeschikking', beschikkingOn: '2025-02-01' }),
    ).toEqual(['beschikkingssoort_onbekend']);
  });
});

// --- Property: any valid domain data exports valid ---------------------------------------------------------

const day = fc
  .integer({ min: 0, max: 3000 })
  .map((n) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const bsn = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
  .map((d) => {
    const sum = d.reduce((s, x, i) => s + x * (9 - i), 0) % 11;
    return sum === 10 ? null : `${d.join('')}${sum}`;
  })
  .filter((b): b is string => b !== null && b !== '000000000');
const client = fc.record({
  bsn,
  geboortedatum: day,
  geslacht: fc.constantFrom('M', 'V', 'O'),
  postcode: fc.constantFrom('9901AB', '1234 cd', '0123AB', 'onbekend'),
  huisnummer: fc.integer({ min: 1, max: 99_999 }),
  huisletter: maybe(fc.constantFrom('A', 'b')),
  toevoeging: maybe(fc.constantFrom('1', 'bis', ' ', 'II')),
});
const period = fc.record({
  kind: fc.constantFrom('crisisinterventie', 'moratorium', 'voorlopige_voorziening', 'begeleiding'),
  startOn: day,
  endOn: maybe(day),
  requestedOn: maybe(day),
  approvedOn: maybe(day),
  begeleidingssoort: fc.constantFrom(...SHV_BEGELEIDINGSSOORTEN),
});
const debt = fc.record({
  creditorName: fc.string({ minLength: 1, maxLength: 200 }),
  creditorKvk: maybe(fc.stringMatching(/^[0-9]{8}$/)),
  creditorPostcode: maybe(fc.constantFrom('9901AB', '1011AA')),
  creditorIsPrivate: fc.boolean(),
  schuldsoort: fc.constantFrom(...SHV_SCHULDENSOORTEN),
  isBusiness: fc.boolean(),
  originalCents: fc.integer({ min: 0, max: 100_000_000_000 }),
  establishedOn: day,
});
const trajectory: fc.Arbitrary<ShvTrajectoryRow> = fc
  .record({
    requestedOn: day,
    crisis: fc.boolean(),
    dates: fc.array(maybe(day), { minLength: 19, maxLength: 19 }),
    beschikkingssoort: fc.constantFrom(...SHV_BESCHIKKINGSSOORTEN),
    oplossingSoort: fc.constantFrom(...SHV_OPLOSSINGSSOORTEN),
    vtlbCents: maybe(fc.integer({ min: 0, max: 1_000_000 })),
    dwangakkoord: fc.boolean(),
    uitstroomReden: fc.constantFrom(...SHV_UITSTROOMREDENEN),
    clients: fc.array(client, { minLength: 1, maxLength: 2 }),
    periods: fc.array(period, { maxLength: 6 }),
    debts: fc.array(debt, { maxLength: 8 }),
    cbsCode: fc.stringMatching(/^[0-9]{4}$/),
  })
  .map((g) => {
    const d = g.dates;
    return {
      ...base,
      cbsCode: g.cbsCode,
      requestedOn: g.requestedOn,
      crisis: g.crisis,
      aanmeldingEnd: d[0] ?? null,
      infoAdviesStart: d[1] ?? null,
      infoAdviesEnd: d[2] ?? null,
      firstConversationOn: d[3] ?? null,
      intakeEnd: d[4] ?? null,
      beschikkingOn: d[5] ?? null,
      beschikkingssoort: d[5] ? g.beschikkingssoort : null,
      planVanAanpakOn: d[6] ?? null,
      stabilisatieStart: d[7] ?? null,
      stabilisatieEnd: d[8] ?? null,
      oplossingSoort: d[9] ? g.oplossingSoort : null,
      oplossingStart: d[9] ?? null,
      oplossingEnd: d[10] ?? null,
      vtlbCents: g.vtlbCents,
      schuldregelingOn: d[11] ?? null,
      schuldregelingToegekend: d[12] ?? null,
      schuldregelingAfgewezen: d[13] ?? null,
      schuldregelingIngetrokken: d[14] ?? null,
      dwangakkoord: g.dwangakkoord,
      dwangakkoordVerzoekOn: g.dwangakkoord ? (d[15] ?? null) : null,
      nazorgStart: d[16] ?? null,
      nazorgEnd: d[17] ?? null,
      uitstroomOn: d[18] ?? null,
      uitstroomReden: d[18] ? g.uitstroomReden : null,
      beeindigingsbeschikkingOn: null,
      clients: g.clients,
      periods: g.periods.map((p) => ({
        ...p,
        begeleidingssoort: p.kind === 'begeleiding' ? p.begeleidingssoort : null,
      })),
      debts: g.debts,
    };
  });

describe('property: valid domain data always exports a valid DDAS SHV document', () => {
  it('maps every generated trajectory and the whole document validates', () => {
    fc.assert(
      fc.property(fc.array(trajectory, { minLength: 0, maxLength: 5 }), (rows) => {
        const records = rows.map((row) => {
          const m = mapSchuldhulptraject(row);
          if (!m.ok) throw new Error(JSON.stringify(m.issues));
          return m.record;
        });
        expect(validateShvDocument(envelope(records))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
