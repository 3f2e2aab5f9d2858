// Property tests of the rules engine (fast-check): monotonicity in income, the published maximum as a ceiling, and
// independence of input order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEEFSITUATIES_BVV } from '../../../shared/schemas/berekeningen.ts';
import { bereken } from './rules/index.ts';

const datum = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const inkomen = fc.integer({ min: 0, max: 150_000 });
const paar = fc.tuple(inkomen, inkomen).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

describe('rules engine properties', () => {
  it('more income never gives more zorgtoeslag', () => {
    fc.assert(
      fc.property(
        datum,
        paar,
        fc.boolean(),
        fc.integer({ min: 0, max: 200_000 }),
        (peildatum, [laag, hoog], toeslagpartner, vermogen) => {
          const a = bereken('zorgtoeslag', { peildatum, toetsingsinkomen: laag, toeslagpartner, vermogen });
          const b = bereken('zorgtoeslag', { peildatum, toetsingsinkomen: hoog, toeslagpartner, vermogen });
          expect(b.zorgtoeslagPerJaar).toBeLessThanOrEqual(a.zorgtoeslagPerJaar);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('more income never gives more huurtoeslag', () => {
    fc.assert(
      fc.property(
        datum,
        paar,
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 200, max: 1500 }),
        fc.integer({ min: 18, max: 90 }),
        (peildatum, [laag, hoog], toeslagpartner, huishoudgrootte, kaleHuur, leeftijdOudste) => {
          const input = { peildatum, toeslagpartner, huishoudgrootte, kaleHuur, leeftijdOudste };
          const a = bereken('huurtoeslag', { ...input, toetsingsinkomen: laag });
          const b = bereken('huurtoeslag', { ...input, toetsingsinkomen: hoog });
          expect(b.huurtoeslagPerMaand).toBeLessThanOrEqual(a.huurtoeslagPerMaand);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('more income never gives more kindgebonden budget', () => {
    fc.assert(
      fc.property(
        datum,
        paar,
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 17 }), { maxLength: 6 }),
        (peildatum, [laag, hoog], toeslagpartner, leeftijdenKinderen) => {
          const a = bereken('kindgebonden-budget', {
            peildatum,
            toetsingsinkomen: laag,
            toeslagpartner,
            leeftijdenKinderen,
          });
          const b = bereken('kindgebonden-budget', {
            peildatum,
            toetsingsinkomen: hoog,
            toeslagpartner,
            leeftijdenKinderen,
          });
          expect(b.kindgebondenBudgetPerJaar).toBeLessThanOrEqual(a.kindgebondenBudgetPerJaar);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the beslagvrije voet never exceeds the published maximum for the leefsituatie', () => {
    fc.assert(
      fc.property(
        datum,
        fc.constantFrom(...LEEFSITUATIES_BVV),
        inkomen,
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 18, max: 95 }),
        fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
        (
          peildatum,
          leefsituatie,
          belastbaarJaarinkomen,
          maandinkomen,
          bijstand,
          woonadresInNederland,
          leeftijd,
          partnerInkomen,
        ) => {
          const r = bereken('beslagvrije-voet', {
            peildatum,
            leefsituatie,
            belastbaarJaarinkomen,
            maandinkomen,
            bijstand,
            woonadresInNederland,
            leeftijd,
            partnerInkomen,
          });
          expect(r.beslagvrijeVoet).toBeLessThanOrEqual(r.maximum);
          expect(r.beslagvrijeVoet).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('more belastbaar inkomen never lowers the beslagvrije voet in the formula group', () => {
    fc.assert(
      fc.property(
        datum,
        fc.constantFrom(...LEEFSITUATIES_BVV),
        paar,
        (peildatum, leefsituatie, [laag, hoog]) => {
          // Same (high) monthly income, so both are computed by the formula of art. 475da lid 1.
          const input = { peildatum, leefsituatie, maandinkomen: 9000, bijstand: false };
          const a = bereken('beslagvrije-voet', { ...input, belastbaarJaarinkomen: laag });
          const b = bereken('beslagvrije-voet', { ...input, belastbaarJaarinkomen: hoog });
          expect(b.beslagvrijeVoet).toBeGreaterThanOrEqual(a.beslagvrijeVoet);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same kindgebonden budget whatever the order of the children', () => {
    fc.assert(
      fc.property(
        datum,
        inkomen,
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 1, maxLength: 6 }),
        (peildatum, toetsingsinkomen, toeslagpartner, kinderen) => {
          const shuffled = [...kinderen].reverse();
          const a = bereken('kindgebonden-budget', {
            peildatum,
            toetsingsinkomen,
            toeslagpartner,
            leeftijdenKinderen: kinderen,
          });
          const b = bereken('kindgebonden-budget', {
            peildatum,
            toetsingsinkomen,
            toeslagpartner,
            leeftijdenKinderen: shuffled,
          });
          expect(b.kindgebondenBudgetPerJaar).toBe(a.kindgebondenBudgetPerJaar);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same bijstandsnorm whichever partner is named first', () => {
    fc.assert(
      fc.property(
        datum,
        fc.integer({ min: 18, max: 90 }),
        fc.integer({ min: 18, max: 90 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (peildatum, a, b, kostendelers, metKinderen) => {
          const x = bereken('bijstandsnorm', {
            peildatum,
            leefsituatie: 'gehuwd',
            leeftijd: a,
            leeftijdPartner: b,
            kostendelers,
            metKinderen,
          });
          const y = bereken('bijstandsnorm', {
            peildatum,
            leefsituatie: 'gehuwd',
            leeftijd: b,
            leeftijdPartner: a,
            kostendelers,
            metKinderen,
          });
          expect(y.normPerMaand).toBe(x.normPerMaand);
        },
      ),
      { numRuns: 200 },
    );
  });
});
