// The voorliggende-voorzieningen scan as pure rules: known cases and properties (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VoorzieningenScanInput, type VoorzieningenScanVraag } from '../../../shared/schemas/berekeningen.ts';
import { bereken } from './rules/index.ts';
import { evalueerHuishouden, type RegelingRegel, totaal } from './rules/scan.ts';
import { legUit } from './rules/scan-teksten.ts';
import { ageOn, schemesInForce } from './service.ts';

const kwijtschelding: RegelingRegel = {
  id: '00000000-0000-4000-8000-000000000001',
  versieIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
  soort: 'kwijtschelding',
  naam: 'Kwijtschelding',
  inkomensgrensPercentage: 100,
  vermogensgrens: 3000,
  bedrag: 480,
  bedragPerKind: 0,
  bedragPeriode: 'jaar',
  minimumLeeftijd: null,
  hoeAanvragen: 'Bij de gemeente.',
  aanvraagUrl: null,
};

const vraag = (x: Record<string, unknown>): VoorzieningenScanVraag => VoorzieningenScanInput.parse(x);
const codes = (v: VoorzieningenScanVraag, r: RegelingRegel[] = []) =>
  evalueerHuishouden(v, r).kansen.map((k) => k.voorziening);

describe('voorliggende-voorzieningen scan', () => {
  it('finds the zorgtoeslag of a single person with a low income, equal to the calculator', () => {
    const v = vraag({
      peildatum: '2025-03-01',
      leden: [{ rol: 'aanvrager', leeftijd: 40, nettoMaandinkomen: 1500 }],
    });
    const kans = evalueerHuishouden(v, []).kansen.find((k) => k.voorziening === 'zorgtoeslag');
    const calc = bereken('zorgtoeslag', {
      peildatum: '2025-03-01',
      toetsingsinkomen: 18000,
      toeslagpartner: false,
    });
    expect(kans?.perJaar).toBe(calc.zorgtoeslagPerJaar);
    expect(kans?.perMaand).toBe(calc.zorgtoeslagPerMaand);
  });

  it('tops up to the bijstandsnorm below the norm, and not above it or with too much vermogen', () => {
    const laag = vraag({
      peildatum: '2025-07-01',
      leden: [{ rol: 'aanvrager', leeftijd: 30, nettoMaandinkomen: 1000 }],
    });
    const bijstand = evalueerHuishouden(laag, []).kansen.find((k) => k.voorziening === 'bijstand');
    expect(bijstand?.perMaand).toBe(369.06);
    expect(codes({ ...laag, vermogen: 20_000 })).not.toContain('bijstand');
    expect(
      codes({ ...laag, leden: [{ rol: 'aanvrager', leeftijd: 30, nettoMaandinkomen: 1400 }] }),
    ).not.toContain('bijstand');
    // Kostendelers: an adult child of 30 at home lowers the norm (art. 22a).
    const metKostendeler = evalueerHuishouden(
      { ...laag, leden: [...laag.leden, { rol: 'overig', leeftijd: 30, nettoMaandinkomen: 2000 }] },
      [],
    );
    expect(metKostendeler.feiten.bijstandsnorm).toBeLessThan(1369.06);
  });

  it('skips what the household already receives, including any version of a municipal scheme', () => {
    const v = vraag({
      peildatum: '2025-07-01',
      leden: [{ rol: 'aanvrager', leeftijd: 30, nettoMaandinkomen: 1000 }],
      ontvangt: ['zorgtoeslag', 'bijstand'],
    });
    expect(codes(v, [kwijtschelding])).toEqual(['kwijtschelding']);
    expect(
      codes({ ...v, ontvangtRegelingen: ['00000000-0000-4000-8000-000000000002'] }, [kwijtschelding]),
    ).toEqual([]);
  });

  it('applies the income limit, asset limit and minimum age of a municipal scheme', () => {
    const v = vraag({
      peildatum: '2025-07-01',
      leden: [{ rol: 'aanvrager', leeftijd: 30, nettoMaandinkomen: 1360 }],
    });
    expect(codes(v, [kwijtschelding])).toContain('kwijtschelding');
    expect(
      codes({ ...v, leden: [{ rol: 'aanvrager', leeftijd: 30, nettoMaandinkomen: 1400 }] }, [kwijtschelding]),
    ).not.toContain('kwijtschelding');
    expect(codes({ ...v, vermogen: 3500 }, [kwijtschelding])).not.toContain('kwijtschelding');
    expect(codes(v, [{ ...kwijtschelding, minimumLeeftijd: 35 }])).not.toContain('kwijtschelding');
  });

  it('writes reasons, checks and how to apply in Dutch and English', () => {
    const v = vraag({
      peildatum: '2026-02-01',
      leden: [
        { rol: 'aanvrager', leeftijd: 70, nettoMaandinkomen: 900 },
        { rol: 'kind', leeftijd: 15 },
      ],
      kaleHuur: 600,
    });
    const r = legUit('2026-02-01', evalueerHuishouden(v, []));
    const bijstand = r.kansen.find((k) => k.voorziening === 'bijstand');
    expect(bijstand?.naam.nl).toContain('AIO');
    expect(bijstand?.aanvragen.nl).toContain('SVB');
    for (const k of r.kansen) {
      expect(k.reden.nl.length).toBeGreaterThan(20);
      expect(k.reden.en.length).toBeGreaterThan(20);
      expect(k.controleren.en.length).toBe(k.controleren.nl.length);
    }
    expect(r.waarschuwingen.some((w) => w.includes('onzeker'))).toBe(true);
  });

  it('takes the version of a scheme in force on the peildatum', () => {
    const row = (id: string, from: string, amount: number, active = true) => ({
      id,
      kind: 'kwijtschelding',
      name: 'K',
      income_limit_percent: '100.00',
      asset_limit_cents: null,
      amount_cents: amount,
      amount_per_child_cents: 0,
      amount_period: 'jaar' as const,
      min_age: null,
      how_to_apply: '',
      application_url: null,
      effective_from: from,
      effective_until: null,
      is_active: active,
      updated_at: '2025-01-01T00:00:00Z',
    });
    const all = [
      row('a', '2025-01-01', 10000),
      row('b', '2026-01-01', 20000),
      row('c', '2026-07-01', 30000, false),
    ];
    expect(schemesInForce(all, '2025-12-31').map((s) => [s.id, s.bedrag])).toEqual([['a', 100]]);
    expect(schemesInForce(all, '2026-08-01').map((s) => [s.id, s.bedrag, s.versieIds])).toEqual([
      ['b', 200, ['a', 'b', 'c']],
    ]);
    expect(ageOn('1990-03-02', '2025-03-01')).toBe(34);
    expect(ageOn('1990-03-01', '2025-03-01')).toBe(35);
  });

  const datum = fc
    .date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2026-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const lid = fc.record({
    rol: fc.constantFrom('kind', 'overig'),
    leeftijd: fc.integer({ min: 0, max: 80 }),
    nettoMaandinkomen: fc.integer({ min: 0, max: 3000 }),
  });
  const huishouden = fc.record({
    peildatum: datum,
    aanvrager: fc.integer({ min: 18, max: 90 }),
    inkomen: fc.integer({ min: 0, max: 6000 }),
    partner: fc.option(fc.integer({ min: 18, max: 90 }), { nil: undefined }),
    overigen: fc.array(lid, { maxLength: 4 }),
    kaleHuur: fc.option(fc.integer({ min: 200, max: 1400 }), { nil: undefined }),
    vermogen: fc.integer({ min: 0, max: 60_000 }),
  });
  type Huishouden = typeof huishouden extends fc.Arbitrary<infer T> ? T : never;
  const build = (h: Huishouden, inkomen: number) =>
    vraag({
      peildatum: h.peildatum,
      leden: [
        { rol: 'aanvrager', leeftijd: h.aanvrager, nettoMaandinkomen: inkomen },
        ...(h.partner ? [{ rol: 'partner', leeftijd: h.partner, nettoMaandinkomen: 0 }] : []),
        ...h.overigen.map((l) => ({
          ...l,
          leeftijd: l.rol === 'overig' ? Math.max(18, l.leeftijd) : Math.min(17, l.leeftijd),
        })),
      ],
      kaleHuur: h.kaleHuur,
      vermogen: h.vermogen,
    });

  it('never gives more in total for more income', () => {
    fc.assert(
      fc.property(huishouden, fc.integer({ min: 0, max: 2000 }), (h, extra) => {
        const a = totaal(evalueerHuishouden(build(h, h.inkomen), [kwijtschelding]).kansen);
        const b = totaal(evalueerHuishouden(build(h, h.inkomen + extra), [kwijtschelding]).kansen);
        expect(b.perJaar).toBeLessThanOrEqual(a.perJaar + 0.01);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the members', () => {
    fc.assert(
      fc.property(huishouden, (h) => {
        const v = build(h, h.inkomen);
        const reversed = { ...v, leden: [...v.leden].reverse() };
        const x = evalueerHuishouden(v, [kwijtschelding]).kansen.map((k) => [k.voorziening, k.perJaar]);
        const y = evalueerHuishouden(reversed, [kwijtschelding]).kansen.map((k) => [
          k.voorziening,
          k.perJaar,
        ]);
        expect(y).toEqual(x);
      }),
      { numRuns: 200 },
    );
  });
});
