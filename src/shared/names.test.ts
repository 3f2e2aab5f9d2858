import { describe, expect, it } from 'vitest';
import { isValidBsn } from './bsn.ts';
import { displayName, displaySurname, type NameParts } from './names.ts';

const base: NameParts = {
  voornamen: 'Anaïs Marie',
  voorvoegsel: 'van der',
  geslachtsnaam: 'Berg',
  partnerVoorvoegsel: 'de',
  partnerGeslachtsnaam: 'Vries',
  naamgebruik: 'E',
};

describe('naamgebruik', () => {
  it.each([
    ['E', 'van der Berg'],
    ['P', 'de Vries'],
    ['V', 'de Vries-van der Berg'],
    ['N', 'van der Berg-de Vries'],
  ] as const)('naamgebruik %s gives %s', (naamgebruik, expected) => {
    expect(displaySurname({ ...base, naamgebruik })).toBe(expected);
  });

  it('falls back to the own name without a partner', () => {
    expect(
      displayName({ ...base, naamgebruik: 'P', partnerGeslachtsnaam: null, partnerVoorvoegsel: null }),
    ).toBe('Anaïs Marie van der Berg');
  });
});

describe('BSN 11-test', () => {
  it('accepts valid and rejects invalid numbers', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });
});
