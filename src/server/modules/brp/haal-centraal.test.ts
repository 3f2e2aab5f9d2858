import { describe, expect, it } from 'vitest';
import { BrpUnavailableError } from './adapter.ts';
import {
  HaalCentraalBrpAdapter,
  type HcPersoon,
  hcSurnameSearchTerms,
  hcToBrpPerson,
} from './haal-centraal.ts';

const GEMEENTE = '0363';

function persoon(extra: Partial<HcPersoon> = {}): HcPersoon {
  return {
    burgerservicenummer: '999993653',
    naam: {
      voornamen: 'Maria Johanna',
      voorvoegsel: 'de',
      geslachtsnaam: 'Vries',
      aanduidingNaamgebruik: { code: 'V', omschrijving: 'partner voor eigen' },
    },
    partners: [
      { naam: { geslachtsnaam: 'Jansen' }, ontbindingHuwelijkPartnerschap: { datum: { type: 'Datum' } } },
      { naam: { voorvoegsel: 'van den', geslachtsnaam: 'Berg' } },
    ],
    geboorte: { datum: { type: 'Datum', datum: '1964-11-23' } },
    geslacht: { code: 'V', omschrijving: 'vrouw' },
    verblijfplaats: {
      type: 'Adres',
      verblijfadres: { postcode: '1234 AB', huisnummer: 10, huisletter: 'A', huisnummertoevoeging: '2' },
    },
    gemeenteVanInschrijving: { code: GEMEENTE, omschrijving: 'Amsterdam' },
    ...extra,
  };
}

describe('hcToBrpPerson', () => {
  it('maps a Haal Centraal person onto a BrpPerson, with the BSN as id and the address as household', () => {
    expect(hcToBrpPerson(persoon(), GEMEENTE)).toEqual({
      id: '999993653',
      bsn: '999993653',
      voornamen: 'Maria Johanna',
      voorvoegsel: 'de',
      geslachtsnaam: 'Vries',
      // The current partner, not the dissolved marriage listed first.
      partnerVoorvoegsel: 'van den',
      partnerGeslachtsnaam: 'Berg',
      naamgebruik: 'V',
      geboortedatum: '1964-11-23',
      geslacht: 'V',
      householdId: 'hc:1234AB|10|A|2',
      addressId: 'hc:1234AB|10|A|2',
      postcode: '1234AB',
      huisnummer: 10,
      huisletter: 'A',
      toevoeging: '2',
      brpStatus: 'ingeschreven',
    });
  });

  it('derives the status from opschortingBijhouding and the gemeente van inschrijving', () => {
    const status = (extra: Partial<HcPersoon>) => hcToBrpPerson(persoon(extra), GEMEENTE)?.brpStatus;
    expect(status({ opschortingBijhouding: { reden: { code: 'O', omschrijving: 'overlijden' } } })).toBe(
      'overleden',
    );
    expect(status({ opschortingBijhouding: { reden: { code: 'E', omschrijving: 'emigratie' } } })).toBe(
      'verhuisd',
    );
    expect(status({ opschortingBijhouding: { reden: { code: 'R' } } })).toBe('verhuisd');
    // Moved to another municipality: that address is not kept.
    const moved = hcToBrpPerson(persoon({ gemeenteVanInschrijving: { code: '0599' } }), GEMEENTE);
    expect(moved).toMatchObject({ brpStatus: 'verhuisd', postcode: '', huisnummer: 0, huisletter: null });
    expect(hcToBrpPerson(persoon({ opschortingBijhouding: { reden: { code: 'F' } } }), GEMEENTE)).toBeNull();
    expect(hcToBrpPerson(persoon({ burgerservicenummer: undefined }), GEMEENTE)).toBeNull();
  });

  it('keeps incomplete birth dates with 00 for the unknown parts', () => {
    const p = persoon({ geboorte: { datum: { type: 'JaarMaandDatum', jaar: 1950, maand: 3 } } });
    expect(hcToBrpPerson(p, GEMEENTE)?.geboortedatum).toBe('1950-03-00');
  });
});

describe('hcSurnameSearchTerms', () => {
  it('searches each part of the surname by three letters and a wildcard, with ij/y variants', () => {
    expect(hcSurnameSearchTerms('van den Berg')).toEqual(['ber*']);
    expect(hcSurnameSearchTerms('Berg, van den')).toEqual(['ber*']);
    expect(hcSurnameSearchTerms('Meyer')).toEqual(['mey*', 'mei*']);
    expect(hcSurnameSearchTerms('Müller')).toEqual(['mul*']);
    expect(hcSurnameSearchTerms('Os')).toEqual(['os']);
    expect(hcSurnameSearchTerms('Jansen-de Vries')).toEqual(['jan*', 'vri*']);
    expect(hcSurnameSearchTerms('Bosch van Drakestein')).toContain('bosch van drakestein');
    expect(hcSurnameSearchTerms('Savornin Lohman, de')).toContain('savornin lohman');
  });
});

describe('HaalCentraalBrpAdapter requests and failures', () => {
  type Call = { url: string; headers: Headers; body: Record<string, unknown> };

  function adapter(respond: (body: Record<string, unknown>) => Response) {
    const calls: Call[] = [];
    const fake: typeof fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      calls.push({ url: String(input), headers: new Headers(init?.headers), body });
      return respond(body);
    };
    const a = new HaalCentraalBrpAdapter({
      baseUrl: 'https://brp.example.nl/haalcentraal/api/brp/',
      apiKey: 'secret',
      gemeentecodes: (id) => (id === 'm1' ? GEMEENTE : undefined),
      concurrency: 2,
      fetch: fake,
    });
    return { a, calls };
  }

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('asks for at most 20 BSNs per request, only the needed fields, with the API key', async () => {
    const { a, calls } = adapter((body) =>
      json({
        type: body.type,
        personen: (body.burgerservicenummer as string[]).map((bsn) => persoon({ burgerservicenummer: bsn })),
      }),
    );
    const bsns = Array.from({ length: 45 }, (_, i) => String(100000000 + i));
    const found = await a.findByBsn('m1', [...bsns, 'not-a-bsn']);
    expect(found.size).toBe(45);
    expect(calls.map((c) => (c.body.burgerservicenummer as string[]).length)).toEqual([20, 20, 5]);
    expect(calls[0]?.url).toBe('https://brp.example.nl/haalcentraal/api/brp/personen');
    expect(calls[0]?.headers.get('x-api-key')).toBe('secret');
    expect(calls[0]?.body.type).toBe('RaadpleegMetBurgerservicenummer');
    expect(calls[0]?.body.fields).toContain('naam.aanduidingNaamgebruik');
  });

  it('searches an address for BSNs only, then fetches the persons', async () => {
    const { a, calls } = adapter((body) =>
      body.type === 'ZoekMetPostcodeEnHuisnummer'
        ? json({ type: body.type, personen: [{ burgerservicenummer: '999993653' }] })
        : json({ type: body.type, personen: [persoon()] }),
    );
    const map = await a.findByAddresses('m1', [
      { postcode: '1234 ab', huisnummer: 10 },
      { postcode: '1234AB', huisnummer: 10 },
    ]);
    expect([...map.keys()]).toEqual(['1234AB|10']);
    expect(map.get('1234AB|10')?.map((p) => p.bsn)).toEqual(['999993653']);
    expect(calls[0]?.body).toEqual({
      type: 'ZoekMetPostcodeEnHuisnummer',
      postcode: '1234AB',
      huisnummer: 10,
      inclusiefOverledenPersonen: true,
      gemeenteVanInschrijving: GEMEENTE,
      fields: ['burgerservicenummer'],
    });
    expect(calls).toHaveLength(2);
  });

  it('turns every failure into a BrpUnavailableError', async () => {
    const reason = async (respond: () => Response, municipality = 'm1') => {
      const { a } = adapter(respond);
      try {
        await a.findByBsn(municipality, ['999993653']);
      } catch (err) {
        expect(err).toBeInstanceOf(BrpUnavailableError);
        return (err as BrpUnavailableError).reason;
      }
      return 'no error';
    };
    expect(await reason(() => json({ title: 'Interne fout' }, 500))).toBe('server_error');
    expect(await reason(() => json({ title: 'Niet correct geauthenticeerd.' }, 401))).toBe('unauthorized');
    expect(await reason(() => json({ title: 'Fout', invalidParams: [{ name: 'fields' }] }, 400))).toBe(
      'bad_request',
    );
    expect(await reason(() => new Response('<html>', { status: 200 }))).toBe('invalid_response');
    expect(await reason(() => json({ personen: 'nee' }))).toBe('invalid_response');
    expect(await reason(() => json({ personen: [] }), 'unknown-municipality')).toBe('configuration');
  });
});
