import { describe, expect, it } from 'vitest';
import {
  knownRange,
  loadParameterFile,
  PARAMETER_SETS,
  ParameterReader,
  RegelInputError,
} from './parameters.ts';

describe('dated parameters', () => {
  it.each(PARAMETER_SETS.map((s) => [s] as const))(
    '%s loads, covers 2025-2026 and cites a law for every value',
    (set) => {
      const file = loadParameterFile(set);
      expect(file.bereik).toEqual({ van: '2025-01-01', tot: '2026-12-31' });
      for (const p of Object.values(file.parameters)) {
        expect(p.waarden[0]?.vanaf).toBe('2025-01-01');
        expect(p.wet.bwbr).toMatch(/^BWBR\d{7}$/);
      }
    },
  );

  it('picks the value in force on the peildatum, including the 1 July change', () => {
    expect(new ParameterReader('2025-06-30').get('bijstandsnormen', 'norm_gehuwden_21_aow')).toBe(1922.07);
    expect(new ParameterReader('2025-07-01').get('bijstandsnormen', 'norm_gehuwden_21_aow')).toBe(1955.8);
  });

  it('refuses a date outside the known range with a clear error', () => {
    expect(knownRange()).toEqual({ van: '2025-01-01', tot: '2026-12-31' });
    for (const d of ['2024-12-31', '2027-01-01']) {
      let err: unknown;
      try {
        new ParameterReader(d);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RegelInputError);
      expect((err as RegelInputError).code).toBe('peildatum_buiten_bereik');
      expect((err as Error).message).toContain('2025-01-01 through 2026-12-31');
    }
  });

  it('lists every parameter it handed out, with status and source', () => {
    const r = new ParameterReader('2025-03-01');
    r.get('beslagvrije-voet', 'maximum_alleenstaande');
    expect(r.parameters()).toEqual([
      expect.objectContaining({
        set: 'beslagvrije-voet',
        naam: 'maximum_alleenstaande',
        waarde: 2071.24,
        status: 'gepubliceerd',
        geldigVanaf: '2025-01-01',
        wet: { bwbr: 'BWBR0001827', artikel: '475da, eerste lid' },
      }),
    ]);
  });
});

describe('docs/berekeningen.md', () => {
  it('lists every parameter with its source', async () => {
    const fs = await import('node:fs');
    const doc = fs.readFileSync(new URL('../../../../docs/berekeningen.md', import.meta.url), 'utf8');
    for (const set of PARAMETER_SETS) {
      expect(doc).toContain(`### ${set}`);
      for (const [naam, p] of Object.entries(loadParameterFile(set).parameters)) {
        expect(doc, `${set}.${naam}`).toContain(`\`${naam}\``);
        for (const w of p.waarden) expect(doc).toContain(w.bron.titel.replace(/\|/g, '/'));
      }
    }
  });
});
