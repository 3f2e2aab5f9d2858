import { describe, expect, it } from 'vitest';
import { presentPerson } from './presenter.ts';

const row = {
  person: {
    id: '0b0f7d36-8f0e-4c54-9a55-0d7f3c1a2b3c',
    municipalityId: '1b0f7d36-8f0e-4c54-9a55-0d7f3c1a2b3c',
    bsn: '111222333',
    voornamen: 'Zoë',
    voorvoegsel: 'van',
    geslachtsnaam: 'Dijk',
    partnerVoorvoegsel: null,
    partnerGeslachtsnaam: 'Çelik',
    naamgebruik: 'N' as const,
    geslacht: 'V' as const,
    geboortedatum: '1990-02-03',
    householdId: '2b0f7d36-8f0e-4c54-9a55-0d7f3c1a2b3c',
    addressId: '3b0f7d36-8f0e-4c54-9a55-0d7f3c1a2b3c',
    householdRole: 'hoofd' as const,
    monthlyIncomeCents: 180000,
    incomeSource: 'loon',
    brpStatus: 'ingeschreven' as const,
  },
  address: {
    id: '3b0f7d36-8f0e-4c54-9a55-0d7f3c1a2b3c',
    municipalityId: '1b0f7d36-8f0e-4c54-9a55-0d7f3c1a2b3c',
    straat: 'Dorpsstraat',
    huisnummer: 1,
    huisletter: null,
    toevoeging: null,
    postcode: '1234AB',
    woonplaats: 'Voorbeeldstad',
    wijkId: null,
  },
};

describe('person presenter', () => {
  it('strips the BSN when the role may not see it', () => {
    const shown = presentPerson(row, { withBsn: false });
    expect('bsn' in shown).toBe(false);
    expect(JSON.stringify(shown)).not.toContain('111222333');
    expect(shown.naam).toBe('Zoë van Dijk-Çelik');
  });

  it('includes the BSN for professionals and never the income', () => {
    const shown = presentPerson(row, { withBsn: true });
    expect(shown.bsn).toBe('111222333');
    expect(JSON.stringify(shown)).not.toContain('180000');
  });
});
