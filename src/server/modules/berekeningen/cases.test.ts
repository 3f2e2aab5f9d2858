// Tests as data: every YAML file in ./cases holds cases (input, date, expected output) for the rules engine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { REGELS } from '../../../shared/schemas/berekeningen.ts';
import { RegelInputError } from './parameters.ts';
import { berekenOnbewerkt } from './rules/index.ts';

const Case = z.strictObject({
  naam: z.string(),
  regel: z.enum(REGELS),
  input: z.record(z.string(), z.unknown()),
  verwacht: z.record(z.string(), z.unknown()).optional(),
  fout: z.string().optional(),
});

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const cases = files.flatMap((f) =>
  z
    .array(Case)
    .parse(parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .map((c) => ({ ...c, file: f })),
);

describe('rules engine cases (cases/*.yaml)', () => {
  it('has cases for every rule', () => {
    expect(new Set(cases.map((c) => c.regel))).toEqual(new Set(REGELS));
  });

  it.each(cases.map((c) => [`${c.file}: ${c.naam}`, c] as const))('%s', (_name, c) => {
    if (c.fout) {
      let caught: unknown;
      try {
        berekenOnbewerkt(c.regel, c.input);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(RegelInputError);
      expect((caught as RegelInputError).code).toBe(c.fout);
      return;
    }
    const result = berekenOnbewerkt(c.regel, c.input) as unknown as Record<string, unknown> & {
      toelichting: { betrouwbaarheid: string; stappen: unknown[]; parameters: unknown[] };
    };
    expect(c.verwacht, 'a case needs verwacht or fout').toBeDefined();
    for (const [key, value] of Object.entries(c.verwacht ?? {})) {
      if (key === 'betrouwbaarheid') expect(result.toelichting.betrouwbaarheid).toBe(value);
      else if (key === 'positief') expect(result[String(value)] as number).toBeGreaterThan(0);
      else expect(result[key], key).toEqual(value);
    }
    // Every result explains itself: steps, and the parameters with their sources.
    expect(result.toelichting.stappen.length).toBeGreaterThan(0);
    for (const p of result.toelichting.parameters as { wet: { bwbr: string }; bron: { titel: string } }[]) {
      expect(p.wet.bwbr).toMatch(/^BWBR\d{7}$/);
      expect(p.bron.titel.length).toBeGreaterThan(5);
    }
  });
});
