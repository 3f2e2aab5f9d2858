import { describe, expect, it } from 'vitest';
import { toMeldingFilters, validateMeldingenSearch } from './meldingenSearch.ts';

describe('melding list filters in the address bar', () => {
  it('keeps known values and drops the rest', () => {
    expect(
      validateMeldingenSearch({
        queueId: '814a5ea1-3ffc-4c52-881f-8cc692aa2350',
        wijkId: 'not-a-uuid',
        status: 'open',
        partnerType: 'Huur,Onbekend,Energie,Huur',
        minAmount: '75,50',
        maxAmount: 'veel',
        minAge: 18,
        maxAge: '200',
        flags: 'crisis,foo',
        sort: 'amount',
      }),
    ).toEqual({
      queueId: '814a5ea1-3ffc-4c52-881f-8cc692aa2350',
      status: 'open',
      partnerType: 'Huur,Energie',
      minAmount: 75.5,
      minAge: 18,
      flags: 'crisis',
      sort: 'amount',
    });
  });

  it('leaves the default sort out of the address', () => {
    expect(validateMeldingenSearch({ sort: 'priority' })).toEqual({});
  });

  it('gives the API amounts in cents and a sort', () => {
    expect(toMeldingFilters({ minAmount: 75.5, maxAmount: 1000 })).toMatchObject({
      minAmountCents: 7550,
      maxAmountCents: 100000,
      sort: 'priority',
    });
  });
});
