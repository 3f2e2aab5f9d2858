import { describe, expect, it } from 'vitest';
import { SIGNAL_FIELDS } from '../../../../shared/schemas/signals.ts';
import type { SignalField } from './fields.ts';
import {
  type ColumnMapping,
  ColumnMappingSchema,
  normaliseHeader,
  SYNONYMS,
  suggestMapping,
  synonymIndex,
  validateMapping,
} from './mapping.ts';

describe('suggestMapping', () => {
  it('recognises Dutch headers regardless of case, diacritics and punctuation', () => {
    const headers = [
      'Signaal-id',
      'BSN',
      'Voorletters',
      'TUSSENVOEGSEL',
      'Geslachtsnaam',
      'Geboortedatum (dd-mm-jjjj)',
      'Postcode',
      'Huisnummer',
      'Toevoeging',
      'Openstaand bedrag (€)',
      'Contractnummer',
      'Datum signaal',
      'Ontstaansdatum',
      'Aantal maanden achterstand',
      'Afsluiting',
      'Ontruiming',
      'Opzegging',
      'Warme overdracht',
      'Opmerking',
      'Telefoon',
      'E-mail',
      'Onbekende kolom',
    ];
    expect(suggestMapping(headers).columns).toEqual({
      externalId: 'Signaal-id',
      bsn: 'BSN',
      voorletters: 'Voorletters',
      voorvoegsel: 'TUSSENVOEGSEL',
      achternaam: 'Geslachtsnaam',
      geboortedatum: 'Geboortedatum (dd-mm-jjjj)',
      postcode: 'Postcode',
      huisnummer: 'Huisnummer',
      toevoeging: 'Toevoeging',
      amountCents: 'Openstaand bedrag (€)',
      customerNumber: 'Contractnummer',
      signalDate: 'Datum signaal',
      arrearsSince: 'Ontstaansdatum',
      monthsInArrears: 'Aantal maanden achterstand',
      endOfSupply: 'Afsluiting',
      evictionAnnounced: 'Ontruiming',
      insuranceTermination: 'Opzegging',
      warmHandover: 'Warme overdracht',
      remark: 'Opmerking',
      telefoon: 'Telefoon',
      email: 'E-mail',
    });
  });

  it('knows the other synonyms from the brief', () => {
    const m = suggestMapping([
      'Naam',
      'Huisnr toev',
      'Bedrag',
      'Klantnummer',
      'Signaaldatum',
      'Kenmerk',
      'Huisnr',
    ]);
    expect(m.columns).toEqual({
      achternaam: 'Naam',
      toevoeging: 'Huisnr toev',
      amountCents: 'Bedrag',
      customerNumber: 'Klantnummer',
      signalDate: 'Signaaldatum',
      externalId: 'Kenmerk',
      huisnummer: 'Huisnr',
    });
    expect(suggestMapping(['Achterstand', 'Datum']).columns).toEqual({
      amountCents: 'Achterstand',
      signalDate: 'Datum',
    });
  });

  it('prefers the better synonym when two headers fit one field', () => {
    expect(suggestMapping(['Naam', 'Achternaam']).columns.achternaam).toBe('Achternaam');
    expect(suggestMapping(['Contractnummer', 'Klantnummer']).columns.customerNumber).toBe('Klantnummer');
  });

  it('matches English headers and headers that start with a long synonym', () => {
    expect(
      suggestMapping(['Last name', 'Zip code', 'House number', 'Amount', 'Signal date']).columns,
    ).toEqual({
      achternaam: 'Last name',
      postcode: 'Zip code',
      huisnummer: 'House number',
      amountCents: 'Amount',
      signalDate: 'Signal date',
    });
    expect(suggestMapping(['Postcode klant', 'Achternaam debiteur']).columns).toEqual({
      postcode: 'Postcode klant',
      achternaam: 'Achternaam debiteur',
    });
    expect(suggestMapping(['Afsluitingskosten', 'Datum laatste betaling']).columns).toEqual({});
  });

  it('has every synonym for one field only, and synonyms for every field', () => {
    const fields = new Set([...synonymIndex().values()].map((v) => v.field));
    expect([...fields].sort()).toEqual([...SIGNAL_FIELDS].sort());
    const clashes: string[] = [];
    for (const [field, synonyms] of Object.entries(SYNONYMS) as [SignalField, readonly string[]][]) {
      for (const synonym of synonyms) {
        const owner = synonymIndex().get(normaliseHeader(synonym))?.field;
        if (owner !== field) clashes.push(`${synonym}: ${field} and ${owner}`);
      }
    }
    expect(clashes).toEqual([]);
    expect(normaliseHeader(' Ê-mail (privé) ')).toBe('email');
  });
});

describe('validateMapping', () => {
  const headers = ['Naam', 'Postcode', 'Huisnummer', 'Bedrag', 'Datum', 'BSN'];

  it('accepts a complete mapping', () => {
    const mapping = suggestMapping(headers);
    expect(validateMapping(mapping, headers)).toEqual([]);
    expect(ColumnMappingSchema.safeParse(mapping).success).toBe(true);
  });

  it('reports each missing required column', () => {
    const errors = validateMapping({ columns: { voornamen: 'Naam' } }, headers);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['missing_required_column', 'achternaam'],
      ['missing_required_column', 'amountCents'],
      ['missing_required_column', 'signalDate'],
      ['missing_required_column', 'postcode'],
      ['missing_required_column', 'huisnummer'],
    ]);
  });

  it('accepts BSN instead of an address, but not a postcode without huisnummer', () => {
    const base = { achternaam: 'Naam', amountCents: 'Bedrag', signalDate: 'Datum' };
    expect(validateMapping({ columns: { ...base, bsn: 'BSN' } }, headers)).toEqual([]);
    expect(
      validateMapping({ columns: { ...base, bsn: 'BSN', postcode: 'Postcode' } }, headers).map(
        (e) => e.field,
      ),
    ).toEqual(['huisnummer']);
  });

  it('lets constants fill required fields and checks them', () => {
    const columns = { achternaam: 'Naam', amountCents: 'Bedrag', bsn: 'BSN' };
    expect(validateMapping({ columns, constants: { signalDate: '01-03-2026' } }, headers)).toEqual([]);
    const errors = validateMapping(
      { columns, constants: { signalDate: 'gisteren', amountCents: '5' } },
      headers,
    );
    expect(errors.map((e) => [e.code, e.field, e.detail])).toEqual([
      ['invalid_constant', 'signalDate', 'invalid_date'],
      ['mapped_twice', 'amountCents', undefined],
    ]);
  });

  it('reports unknown columns and unknown fields', () => {
    const mapping = {
      columns: {
        achternaam: 'Achternaam',
        amountCents: 'Bedrag',
        signalDate: 'Datum',
        bsn: 'BSN',
        iban: 'IBAN',
      },
    };
    const errors = validateMapping(mapping as unknown as ColumnMapping, headers);
    expect(errors.map((e) => [e.code, e.field, e.column])).toEqual([
      ['unknown_column', 'achternaam', 'Achternaam'],
      ['unknown_field', 'iban', undefined],
    ]);
  });
});
