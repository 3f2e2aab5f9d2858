import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../db/client.ts';
import { DdasExportError, exportUitwisselmodel } from './service.ts';
import { fixtureArb, insertFixture } from './test-fixtures.ts';
import { validateDocument } from './validate.ts';

const opts = {
  codeGegevensleverancier: 'VANGNET-TEST',
  ctx: { actor: { type: 'system' as const, name: 'test' }, requestId: 'test-export' },
  now: new Date('2026-02-05T10:15:30.123Z'),
};

async function run(db: Database, input: { organisation?: string; van?: string; tot?: string }) {
  const chunks: string[] = [];
  const summary = await exportUitwisselmodel(db.orm, input, (c) => chunks.push(c), opts);
  return { summary, text: chunks.join('') };
}

async function failure(db: Database, input: { organisation?: string; van?: string; tot?: string }) {
  const chunks: string[] = [];
  try {
    await exportUitwisselmodel(db.orm, input, (c) => chunks.push(c), opts);
  } catch (err) {
    expect(chunks).toEqual([]);
    if (err instanceof DdasExportError) return err;
    throw err;
  }
  throw new Error('the export should have failed');
}

describe('DDAS vroegsignalering v1.2 export', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.close());

  it('validates against the official schema for any valid domain data (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fixtureArb, fc.integer({ min: 1, max: 3 }), async (fixture, municipalities) => {
        const ids = await insertFixture(db, fixture, { municipalities });
        const { summary, text } = await run(db, {
          organisation: ids.regionId,
          van: '2025-01-01',
          tot: '2025-12-31',
        });
        const doc = JSON.parse(text);
        expect(validateDocument(doc)).toEqual([]);
        // Everything of the fixture is in it, once: every signal, and every melding as a vroegsignaalzaak.
        const exported = doc.leveringen.flatMap((l: { vroegsignalen: { ID: string }[] }) =>
          l.vroegsignalen.map((s) => s.ID),
        );
        expect(exported.sort()).toEqual([...ids.signalIds].sort());
        const zaken = doc.leveringen.reduce(
          (n: number, l: { vroegsignaalzaken: unknown[] }) => n + l.vroegsignaalzaken.length,
          0,
        );
        expect(zaken).toBe(fixture.meldingen.length);
        expect(doc.leveringen.map((l: { gemeentecode: string }) => l.gemeentecode)).toEqual(
          ids.municipalities.map((m) => m.cbsCode),
        );
        expect(summary.bytes).toBe(Buffer.byteLength(text));
      }),
      { numRuns: 20 },
    );
  }, 300_000);

  it('maps one melding to the DDAS fields and codes', async () => {
    const ids = await insertFixture(db, {
      meldingen: [
        {
          lifecycle: 'afgesloten',
          continuous: false,
          takenUpAfter: 3,
          eindresultaat: 'Vervolghulp en/of verwijzing financieel',
          attempts: [
            { soort: 'Telefoon', dagdeel: 'Ochtend', bereikt: false, after: 4 },
            { soort: 'Huisbezoek', dagdeel: null, bereikt: true, after: 6 },
          ],
          signals: [
            {
              partnerType: 'Energie',
              identity: 'brp',
              huisletter: null,
              toevoeging: null,
              withBirthDate: true,
              amountCents: 12_350,
              arrearsDays: 30,
              dayOffset: 40,
              status: 'Nog niet opgepakt',
              crisis: true,
              warmHandover: false,
            },
          ],
        },
      ],
      loose: [
        {
          partnerType: null,
          identity: 'adres',
          huisletter: 'a',
          toevoeging: 'bis',
          withBirthDate: true,
          amountCents: 49,
          arrearsDays: null,
          dayOffset: 10,
          status: 'Niet opgepakt: onterecht signaal',
          crisis: false,
          warmHandover: true,
        },
      ],
    });
    const { text } = await run(db, { organisation: ids.regionId, van: '2025-01-01', tot: '2025-12-31' });
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({
      startdatumLevering: '2025-01-01',
      einddatumLevering: '2025-12-31',
      aanleverdatumEnTijd: '2026-02-05T10:15:30Z',
      codeGegevensleverancier: 'VANGNET-TEST',
    });
    const [levering] = doc.leveringen;
    expect(levering.aanleverendeOrganisatie.naam).toMatch(/^Regio fixture/);
    const [loose, matched] = levering.vroegsignalen;
    // Referral without a partner: Overige; address identity with the BRP-less sex "Onbekend"; cents to euros.
    expect(loose).toMatchObject({
      signaalpartner: { type: 'Overige' },
      bedrag: 0,
      status: 'Niet opgepakt: onterecht signaal',
      warmeOverdracht: true,
      client: { huisnummertoevoeging: 'a bis', geslachtsaanduiding: 'Onbekend', geboortedatum: '1975-03-04' },
    });
    expect(loose.client.postcode).toMatch(/^[1-9]\d{3}AB$/);
    // Matched with the BRP: the BSN alone; the melding was taken up, so the signal is "Opgepakt".
    expect(Object.keys(matched.client)).toEqual(['burgerservicenummer']);
    expect(matched).toMatchObject({
      bedrag: 124,
      crisissignaal: true,
      status: 'Opgepakt',
      signaaldatum: '2025-02-01',
    });
    expect(matched.signaalpartner.type).toBe('Energie');
    const [zaak] = levering.vroegsignaalzaken;
    expect(zaak).toMatchObject({
      resultaat: 'Vervolghulp en/of verwijzing financieel',
      startdatumMatchingperiode: '2025-02-01',
      einddatumMatchingperiode: '2025-02-28',
      datumOpgepakt: '2025-02-04',
      vroegsignalen: [{ ID: matched.ID }],
      contactpogingen: [
        { soort: 'Telefoon', bereikt: false, datum: '2025-02-05', dagdeel: 'Ochtend' },
        { soort: 'Huisbezoek', bereikt: true, datum: '2025-02-07' },
      ],
    });
  });

  it('stops with every offending record and rule, and writes nothing', async () => {
    const ids = await insertFixture(db, { meldingen: [], loose: [] });
    const [m] = ids.municipalities;
    const [melding] = await db.query<{ id: string }>(
      `INSERT INTO meldingen (municipality_id, address_fingerprint, period_start, status)
       VALUES ($1, 'fp-x', '2025-03-01', 'in_behandeling') RETURNING id::text AS id`,
      [m?.id],
    );
    const [signal] = await db.query<{ id: string }>(
      `INSERT INTO signals (municipality_id, source, content_hash, created_by_type, created_by, achternaam,
         amount_cents, signal_date, melding_id)
       VALUES ($1, 'verwijzing', 'x', 'user', 'x', 'Zonder Adres', 100, '2025-03-02', $2) RETURNING id::text AS id`,
      [m?.id, melding?.id],
    );
    const err = await failure(db, { organisation: m?.cbsCode, van: '2025-01-01', tot: '2025-12-31' });
    expect(err.code).toBe('records_niet_exporteerbaar');
    expect(err.issues.map((i) => [i.recordType, i.recordId, i.rule]).sort()).toEqual(
      [
        ['vroegsignaal', signal?.id, 'client_identiteit_ontbreekt'],
        ['vroegsignaalzaak', melding?.id, 'datum_opgepakt_ontbreekt'],
      ].sort(),
    );
    // Fixed by a worker: the export goes through.
    await db.query(`UPDATE signals SET postcode = '1234AB', huisnummer = 5 WHERE id = $1`, [signal?.id]);
    await db.query(`UPDATE meldingen SET taken_up_on = '2025-03-03' WHERE id = $1`, [melding?.id]);
    const { text } = await run(db, { organisation: `GM${m?.cbsCode}`, van: '2025-01-01', tot: '2025-12-31' });
    expect(validateDocument(JSON.parse(text))).toEqual([]);
  });

  it('delivers a municipality of a region on behalf of the region, and only that municipality', async () => {
    const ids = await insertFixture(db, { meldingen: [], loose: [] }, { municipalities: 2 });
    const [first, second] = ids.municipalities;
    const { text } = await run(db, { organisation: second?.cbsCode, van: '2025-01-01', tot: '2025-01-31' });
    const doc = JSON.parse(text);
    expect(doc.leveringen).toHaveLength(1);
    expect(doc.leveringen[0]).toMatchObject({ teller: 1, gemeentecode: second?.cbsCode, vroegsignalen: [] });
    const both = JSON.parse(
      (await run(db, { organisation: ids.regionId, van: '2025-01-01', tot: '2025-01-31' })).text,
    );
    expect(both.leveringen.map((l: { gemeentecode: string }) => l.gemeentecode)).toEqual([
      first?.cbsCode,
      second?.cbsCode,
    ]);
    const [audit] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'ddas.export' AND municipality_id = $1`,
      [second?.id],
    );
    expect(audit?.n).toBe(2);
  });

  it('refuses bad periods and unknown organisations with specific codes', async () => {
    const cases: [Record<string, string | undefined>, string, string][] = [
      [{ van: '2025-02-01', tot: '2025-01-01' }, 'periode_ongeldig', 'period_end_before_start'],
      [{ van: '2020-01-01', tot: '2025-01-01' }, 'periode_ongeldig', 'period_too_long'],
      [{ van: '2025-02-30', tot: '2025-03-01' }, 'periode_ongeldig', 'invalid_date'],
      [{ van: '01-01-2025', tot: '2025-03-01' }, 'periode_ongeldig', 'invalid_date'],
      [{ organisation: '0000', van: '2025-01-01', tot: '2025-03-01' }, 'organisatie_onbekend', 'unknown'],
      [{ organisation: 'Utrecht', van: '2025-01-01', tot: '2025-03-01' }, 'organisatie_onbekend', 'unknown'],
      [
        { organisation: '00000000-0000-4000-8000-000000000000', van: '2025-01-01', tot: '2025-03-01' },
        'organisatie_onbekend',
        'unknown',
      ],
      // Several regions in this database: the installation's own organisation is ambiguous.
      [{ van: '2025-01-01', tot: '2025-03-01' }, 'organisatie_vereist', 'required'],
    ];
    for (const [input, code, param] of cases) {
      const err = await failure(db, input);
      expect([err.code, err.invalidParams[0]?.code], JSON.stringify(input)).toEqual([code, param]);
    }
    // Exactly five years minus a day is allowed.
    const ids = await insertFixture(db, { meldingen: [], loose: [] });
    await run(db, { organisation: ids.regionId, van: '2020-01-01', tot: '2024-12-31' });
  });
});
