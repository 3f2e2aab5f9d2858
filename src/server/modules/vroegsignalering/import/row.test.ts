import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './mapping.ts';
import { mapFileRow, mapRow } from './row.ts';

const mapping: ColumnMapping = {
  columns: {
    externalId: 'Kenmerk',
    bsn: 'BSN',
    achternaam: 'Naam',
    postcode: 'Postcode',
    huisnummer: 'Huisnr',
    toevoeging: 'Toev',
    amountCents: 'Bedrag',
    signalDate: 'Datum signaal',
    arrearsSince: 'Ontstaan',
    geboortedatum: 'Geboortedatum',
    warmHandover: 'Warme overdracht',
    monthsInArrears: 'Maanden',
    email: 'E-mail',
  },
};

const good = {
  Kenmerk: 'S-1',
  BSN: '',
  Naam: '  Jansen ',
  Postcode: '1234 ab',
  Huisnr: '12A',
  Toev: '',
  Bedrag: '1.234,56',
  'Datum signaal': '15-01-2026',
  Ontstaan: '01-11-2025',
  Geboortedatum: '03-02-1980',
  'Warme overdracht': 'ja',
  Maanden: '3',
  'E-mail': '',
};

function errorsOf(cells: Record<string, string>, m: ColumnMapping = mapping) {
  const result = mapRow(cells, m);
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => [e.column, e.field, e.code]);
}

describe('mapRow', () => {
  it('maps and parses a good row into a validated signal', () => {
    const result = mapRow(good, mapping);
    expect(result).toEqual({
      ok: true,
      signal: {
        externalId: 'S-1',
        achternaam: 'Jansen',
        postcode: '1234AB',
        huisnummer: 12,
        huisletter: 'A',
        amountCents: 123456,
        signalDate: '2026-01-15',
        arrearsSince: '2025-11-01',
        geboortedatum: '1980-02-03',
        warmHandover: true,
        monthsInArrears: 3,
        isBusiness: false,
        endOfSupply: false,
        evictionAnnounced: false,
        insuranceTermination: false,
      },
    });
  });

  it('lets a separate toevoeging column win over the one in the huisnummer cell', () => {
    const result = mapRow({ ...good, Huisnr: '12-2', Toev: 'bis' }, mapping);
    expect(result.ok && [result.signal.huisnummer, result.signal.toevoeging]).toEqual([12, 'bis']);
    const derived = mapRow({ ...good, Huisnr: '12-2' }, mapping);
    expect(derived.ok && derived.signal.toevoeging).toBe('2');
  });

  it('reports every problem of a row with the partner column names', () => {
    const cells = {
      ...good,
      Naam: ' ',
      Postcode: '0123 AB',
      Huisnr: 'twaalf',
      Bedrag: 'veel',
      'Datum signaal': '31-02-2026',
      Geboortedatum: '01-01-1850',
      'Warme overdracht': 'misschien',
      'E-mail': 'geen-mail',
    };
    // In the order of the partner's columns.
    expect(errorsOf(cells)).toEqual([
      ['Naam', 'achternaam', 'required'],
      ['Postcode', 'postcode', 'invalid_postcode'],
      ['Huisnr', 'huisnummer', 'invalid_huisnummer'],
      ['Bedrag', 'amountCents', 'invalid_amount'],
      ['Datum signaal', 'signalDate', 'invalid_date'],
      ['Geboortedatum', 'geboortedatum', 'date_before_1900'],
      ['Warme overdracht', 'warmHandover', 'invalid_boolean'],
      ['E-mail', 'email', 'invalid_format'],
    ]);
  });

  it('leaves negative and absurd amounts to validateSignal', () => {
    expect(errorsOf({ ...good, Bedrag: '-75' })).toEqual([['Bedrag', 'amountCents', 'too_small']]);
    expect(errorsOf({ ...good, Bedrag: '€ 2.000.000,00' })).toEqual([['Bedrag', 'amountCents', 'too_big']]);
  });

  it('refuses future dates, dates before 1900 and arrears after the signal', () => {
    expect(errorsOf({ ...good, 'Datum signaal': '01-01-2099' })).toEqual([
      ['Datum signaal', 'signalDate', 'date_in_future'],
    ]);
    expect(errorsOf({ ...good, 'Datum signaal': '31-12-1899', Ontstaan: '' })).toEqual([
      ['Datum signaal', 'signalDate', 'date_before_1900'],
    ]);
    expect(errorsOf({ ...good, Ontstaan: '01-02-2026' })).toEqual([
      ['Ontstaan', 'arrearsSince', 'after_signal_date'],
    ]);
  });

  it('refuses an invalid BSN and asks for an address or BSN', () => {
    expect(errorsOf({ ...good, BSN: '123456789' })).toEqual([['BSN', 'bsn', 'invalid_bsn']]);
    const noAddress = { ...good, Postcode: '', Huisnr: '' };
    expect(errorsOf(noAddress)).toEqual([['Postcode', 'postcode', 'address_or_bsn_required']]);
    const withBsn = mapRow({ ...noAddress, BSN: '12345672' }, mapping);
    expect(withBsn.ok && withBsn.signal.bsn).toBe('012345672');
    expect(errorsOf({ ...good, Huisnr: '' })).toEqual([['Huisnr', 'huisnummer', 'required']]);
  });

  it('uses constants and reports their problems under the field name', () => {
    const m: ColumnMapping = {
      columns: { achternaam: 'Naam', bsn: 'BSN', amountCents: 'Bedrag' },
      constants: { signalDate: '01-03-2026', endOfSupply: 'ja' },
    };
    const result = mapRow({ Naam: 'Jansen', BSN: '123456782', Bedrag: '10' }, m);
    expect(result.ok && [result.signal.signalDate, result.signal.endOfSupply]).toEqual(['2026-03-01', true]);
    const bad: ColumnMapping = { ...m, constants: { signalDate: '01-03-2099' } };
    expect(errorsOf({ Naam: 'Jansen', BSN: '123456782', Bedrag: '10' }, bad)).toEqual([
      ['signalDate', 'signalDate', 'date_in_future'],
    ]);
  });

  it('reports a required field without a column under the field name', () => {
    const m: ColumnMapping = { columns: { achternaam: 'Naam', bsn: 'BSN' } };
    expect(errorsOf({ Naam: 'Jansen', BSN: '123456782' }, m)).toEqual([
      ['amountCents', 'amountCents', 'required'],
      ['signalDate', 'signalDate', 'required'],
    ]);
  });

  it('attributes problems of parts derived from the huisnummer cell to that column', () => {
    expect(errorsOf({ ...good, Huisnr: '12 achterhuis' })).toEqual([['Huisnr', 'toevoeging', 'too_big']]);
    expect(errorsOf({ ...good, Huisnr: '0' })).toEqual([['Huisnr', 'huisnummer', 'too_small']]);
  });

  it('flags cells with undecodable characters', () => {
    expect(errorsOf({ ...good, Naam: 'Jan\uFFFDen' })).toEqual([['Naam', 'achternaam', 'invalid_encoding']]);
  });

  it('keeps the raw value in the error', () => {
    const result = mapRow({ ...good, Bedrag: 'veel' }, mapping);
    expect(!result.ok && result.errors[0]).toMatchObject({ value: 'veel', message: 'Not an amount' });
  });
});

describe('mapFileRow', () => {
  it('adds a column count problem to the row errors', () => {
    const mapped = mapFileRow(
      { rowNumber: 7, cells: good, columnError: { code: 'too_many_columns', expected: 13, actual: 14 } },
      mapping,
    );
    expect(mapped.rowNumber).toBe(7);
    expect(!mapped.ok && mapped.errors.map((e) => [e.column, e.code])).toEqual([
      ['(row)', 'too_many_columns'],
    ]);
    expect(mapFileRow({ rowNumber: 2, cells: good }, mapping).ok).toBe(true);
  });
});
