import { describe, expect, it } from 'vitest';
import {
  parseAmountCents,
  parseBoolean,
  parseBsn,
  parseDate,
  parseHuisnummer,
  parseInteger,
  parsePostcode,
} from './values.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; code: string }): T | string =>
  r.ok ? r.value : `!${r.code}`;

describe('parseAmountCents', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1,234.56', 123456],
    ['1234.56', 123456],
    ['€ 75', 7500],
    ['€75,00', 7500],
    ['EUR 75,-', 7500],
    ['75,-', 7500],
    ['75 euro', 7500],
    ['75', 7500],
    ['0,5', 50],
    ['1.234', 123400],
    ['1,234', 123400],
    ['1.234.567', 123456700],
    ['1 234,56', 123456],
    ['12,345', 1234500],
    ['0,125', 13],
    ['12,3456', 1235],
    ['1.2340', 123],
    ['-75', -7500],
    ['75-', -7500],
    ['- € 75,50', -7550],
    ['(75,00)', -7500],
    ['+75', 7500],
    ['0', 0],
    ['-0', 0],
    ['12345678901234567890', Number.MAX_SAFE_INTEGER],
  ])('%s → %d cents', (raw, cents) => {
    expect(value(parseAmountCents(raw))).toBe(cents);
  });

  it.each([
    '',
    'abc',
    '12a',
    '1,2,3',
    '1.23.4',
    '1.234,5,6',
    '1,,5',
    '75,',
    '--75',
    '€',
    '1.2345.678',
    '12.34,56',
    'NaN',
    'Infinity',
    '1e5',
  ])('%j → invalid_amount', (raw) => {
    expect(value(parseAmountCents(raw))).toBe('!invalid_amount');
  });
});

describe('parseDate', () => {
  const today = new Date('2026-06-15T12:00:00Z');
  it.each([
    ['15-01-2026', '2026-01-15'],
    ['5-1-2026', '2026-01-05'],
    ['15/01/2026', '2026-01-15'],
    ['15.01.2026', '2026-01-15'],
    ['2026-01-15', '2026-01-15'],
    ['2026/1/5', '2026-01-05'],
    ['1-2-26', '2026-02-01'],
    ['1-2-27', '1927-02-01'],
    ['01-02-00', '2000-02-01'],
    ['15012026', '2026-01-15'],
    ['20260115', '2026-01-15'],
    ['15 januari 2026', '2026-01-15'],
    ['15 mrt 2026', '2026-03-15'],
    ['15-okt-2026', '2026-10-15'],
    ['46037', '2026-01-15'],
    ['46037.75', '2026-01-15'],
    ['2026-01-15T00:00:00Z', '2026-01-15'],
    ['15-01-2026 13:45', '2026-01-15'],
    ['15-01-2026 13:45:10', '2026-01-15'],
    ['29-02-2024', '2024-02-29'],
    ['31-12-1899', '1899-12-31'],
    ['01-01-2099', '2099-01-01'],
  ])('%s → %s', (raw, iso) => {
    expect(value(parseDate(raw, { today }))).toBe(iso);
  });

  it.each([
    '',
    'morgen',
    '31-02-2026',
    '29-02-2025',
    '00-01-2026',
    '15-13-2026',
    '2026-02-30',
    '15-01-0026',
    '15-01-26-1',
    '15 foo 2026',
    '15-01/2026',
    '1234',
  ])('%j → invalid_date', (raw) => {
    expect(value(parseDate(raw, { today }))).toBe('!invalid_date');
  });

  it('reads all-two-digit dates in the configured order', () => {
    expect(value(parseDate('26-01-15', { today, order: 'ymd' }))).toBe('2026-01-15');
    expect(value(parseDate('26-01-15', { today, order: 'dmy' }))).toBe('2015-01-26');
  });
});

describe('parseBoolean', () => {
  it.each([
    ['ja', true],
    ['Ja', true],
    ['J', true],
    ['x', true],
    ['X', true],
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['nee', false],
    ['n', false],
    ['0', false],
    ['false', false],
    ['no', false],
    ['', false],
    ['  ', false],
  ])('%j → %s', (raw, expected) => {
    expect(value(parseBoolean(raw))).toBe(expected);
  });

  it('refuses anything else', () => {
    expect(value(parseBoolean('misschien'))).toBe('!invalid_boolean');
    expect(value(parseBoolean('2'))).toBe('!invalid_boolean');
  });
});

describe('parseHuisnummer', () => {
  it.each([
    ['12', { huisnummer: 12 }],
    [' 12 ', { huisnummer: 12 }],
    ['12A', { huisnummer: 12, huisletter: 'A' }],
    ['12a', { huisnummer: 12, huisletter: 'A' }],
    ['12 A', { huisnummer: 12, huisletter: 'A' }],
    ['12-2', { huisnummer: 12, toevoeging: '2' }],
    ['12 bis', { huisnummer: 12, toevoeging: 'bis' }],
    ['12-II', { huisnummer: 12, toevoeging: 'II' }],
    ['12 hs', { huisnummer: 12, toevoeging: 'hs' }],
    ['12A-3', { huisnummer: 12, huisletter: 'A', toevoeging: '3' }],
    ['12 A 3', { huisnummer: 12, huisletter: 'A', toevoeging: '3' }],
    ['12A3', { huisnummer: 12, huisletter: 'A', toevoeging: '3' }],
  ])('%j → %o', (raw, parts) => {
    expect(value(parseHuisnummer(raw))).toEqual(parts);
  });

  it('refuses cells without a leading number', () => {
    expect(value(parseHuisnummer('A12'))).toBe('!invalid_huisnummer');
    expect(value(parseHuisnummer(''))).toBe('!invalid_huisnummer');
    expect(value(parseHuisnummer('-3'))).toBe('!invalid_huisnummer');
  });
});

describe('parsePostcode', () => {
  it('normalises spacing and case', () => {
    expect(value(parsePostcode('1234 ab'))).toBe('1234AB');
    expect(value(parsePostcode(' 1234AB '))).toBe('1234AB');
    expect(value(parsePostcode('1234-ab'))).toBe('1234AB');
  });

  it.each(['0123AB', '1234', '12345AB', '1234 A', 'ABCDEF', '1234 ÄB'])('%j → invalid_postcode', (raw) => {
    expect(value(parsePostcode(raw))).toBe('!invalid_postcode');
  });
});

describe('parseBsn', () => {
  it('keeps leading zeros and pads an 8-digit BSN', () => {
    expect(value(parseBsn('012345672'))).toBe('012345672');
    expect(value(parseBsn('12345672'))).toBe('012345672');
    expect(value(parseBsn('123.456.782'))).toBe('123456782');
    expect(value(parseBsn(' 123 456 782 '))).toBe('123456782');
  });

  it('refuses a BSN that fails the 11-test or has the wrong length', () => {
    expect(value(parseBsn('123456789'))).toBe('!invalid_bsn');
    expect(value(parseBsn('1234567'))).toBe('!invalid_bsn');
    expect(value(parseBsn('1234567890'))).toBe('!invalid_bsn');
    expect(value(parseBsn('12345678x'))).toBe('!invalid_bsn');
    expect(value(parseBsn('000000000'))).toBe('!invalid_bsn');
  });
});

describe('parseInteger', () => {
  it('reads whole numbers', () => {
    expect(value(parseInteger('3'))).toBe(3);
    expect(value(parseInteger('3,0'))).toBe(3);
    expect(value(parseInteger('-2'))).toBe(-2);
    expect(value(parseInteger('3,5'))).toBe('!invalid_number');
    expect(value(parseInteger('drie'))).toBe('!invalid_number');
  });
});
