import { describe, expect, it } from 'vitest';
import type { Assumptions } from '../../../shared/schemas/businesscase.ts';
import { avoidedRange, computeBusinessCase, DEFAULT_SETTINGS, indexed } from './calc.ts';
import { parsePriceCsv, priceItemProblems } from './service.ts';

const assumptions: Assumptions = {
  ...DEFAULT_SETTINGS,
  hourlyRateCents: 8_000,
  indexPercent: 0,
  targetYear: 2026,
  prices: [
    {
      code: 'huisuitzetting',
      label: 'Huisuitzetting',
      amountCents: 1_000_000,
      unit: 'per_gebeurtenis',
      priceYear: 2026,
      source: 'Voorbeeldbron p. 1',
      confidence: 'hoog',
      isExample: true,
    },
  ],
};

describe('business case arithmetic', () => {
  it('indexes a price compounded per year', () => {
    expect(indexed(10_000, 2024, 2026, 10)).toBeCloseTo(12_100, 6);
    expect(indexed(10_000, 2026, 2026, 10)).toBe(10_000);
  });

  it('gives a range from the probability of the confidence, widened by the price uncertainty', () => {
    const r = avoidedRange(assumptions, { riskCode: 'huisuitzetting', confidence: 'midden', quantity: 2 });
    // 2 x 10,000 euro x [0.3, 0.6] x [0.95, 1.05]
    expect(r.low).toBeCloseTo(2 * 1_000_000 * 0.3 * 0.95, 6);
    expect(r.high).toBeCloseTo(2 * 1_000_000 * 0.6 * 1.05, 6);
    expect(avoidedRange(assumptions, { riskCode: 'onbekend', confidence: 'hoog', quantity: 1 })).toEqual({
      low: 0,
      high: 0,
      priced: false,
    });
  });

  it('adds hours at the hourly rate to the costs and reports unpriced risks', () => {
    const view = computeBusinessCase(
      assumptions,
      [
        {
          interventionType: 'maatwerkbudget',
          interventions: 2,
          households: 2,
          moneyCents: 50_000,
          hours: 2.5,
        },
      ],
      [
        {
          interventionType: 'maatwerkbudget',
          riskCode: 'huisuitzetting',
          confidence: 'hoog',
          outcomes: 1,
          quantity: 1,
        },
        {
          interventionType: 'maatwerkbudget',
          riskCode: 'afsluiting_water',
          confidence: 'laag',
          outcomes: 1,
          quantity: 1,
        },
      ],
      2,
    );
    const [row] = view.rows;
    expect(row?.costsCents).toBe(50_000 + 20_000);
    expect(row?.avoidedLowCents).toBe(Math.round(1_000_000 * 0.6 * 0.95));
    expect(row?.avoidedHighCents).toBe(Math.round(1_000_000 * 0.9 * 1.05));
    expect(row?.ratioLow).toBeCloseTo(row ? Math.round((row.avoidedLowCents / 70_000) * 100) / 100 : 0, 6);
    expect(view.missingPrices).toEqual(['afsluiting_water']);
    expect(view.total.avoidedHighCents).toBe(row?.avoidedHighCents);
    // Without costs there is no ratio rather than an infinite one.
    const free = computeBusinessCase(assumptions, [], [], 0);
    expect(free.total.ratioLow).toBeNull();
  });
});

describe('price list input', () => {
  it('refuses an item without source, naming it', () => {
    const problems = priceItemProblems(
      [
        {
          code: 'a_b',
          label: 'AB',
          amountCents: 1,
          unit: 'per_jaar',
          priceYear: 2025,
          confidence: 'laag',
          isExample: false,
        },
        {
          code: 'a_b',
          label: 'AB',
          amountCents: 1,
          unit: 'per_jaar',
          priceYear: 2025,
          source: 'x',
          confidence: 'laag',
          isExample: false,
        },
      ],
      (i) => `body.items.${i}`,
    );
    expect(problems).toEqual([
      expect.objectContaining({ name: 'body.items.0.source', code: 'bron_ontbreekt' }),
      expect.objectContaining({ name: 'body.items.1.code', code: 'duplicate_code' }),
    ]);
  });

  it('reads the CSV format with Dutch amounts and names bad lines', () => {
    const ok = parsePriceCsv(
      'code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid\n' +
        'huisuitzetting;Huisuitzetting;1.234,50;per_gebeurtenis;2024;Rapport X, p. 3;midden\n',
    );
    expect(ok.problems).toEqual([]);
    expect(ok.items[0]).toMatchObject({ code: 'huisuitzetting', amountCents: 123_450, priceYear: 2024 });
    const bad = parsePriceCsv(
      'code,omschrijving,bedrag,eenheid,prijsjaar,bron,betrouwbaarheid\nx,Y,abc,per_week,20,,zeker\n',
    );
    expect(bad.problems.map((p) => p.name)).toEqual([
      'body.csv.line2.code',
      'body.csv.line2.bedrag',
      'body.csv.line2.eenheid',
      'body.csv.line2.prijsjaar',
      'body.csv.line2.betrouwbaarheid',
      'body.csv.line2.omschrijving',
      'body.csv.line2.source',
    ]);
    expect(parsePriceCsv('code;bedrag\nx;1\n').problems[0]?.code).toBe('missing_column');
  });
});
