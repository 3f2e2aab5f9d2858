import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { huisnummertoevoeging, normalisePostcode, toWholeEuros } from './mapping.ts';
import { ddasValidators, SCHEMA_PATH, validateDocument } from './validate.ts';

const OFFICIAL = path.resolve(import.meta.dirname, '../../../../../shared/standards/ddas/vroegsignalering');

describe('DDAS schema and validators', () => {
  it('uses a byte-identical copy of the official v1.2 schema', () => {
    // Byte for byte (sha256): the copy is excluded from the formatter (biome.json), so not even whitespace may differ.
    const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(sha256(SCHEMA_PATH)).toBe(sha256(path.join(OFFICIAL, 'v1.2/json_schema_Uitwisselmodel.json')));
  });

  it.each(['enkelvoudigVoorbeeld', 'meervoudigVoorbeeld', 'uitgebreidVoorbeeld'])(
    'accepts the official example %s, also record by record',
    (name) => {
      const doc = JSON.parse(fs.readFileSync(path.join(OFFICIAL, `v1.2-draft/${name}.json`), 'utf8'));
      expect(validateDocument(doc)).toEqual([]);
      const v = ddasValidators();
      for (const l of doc.leveringen) {
        for (const s of l.vroegsignalen ?? []) expect(v.vroegsignaal(s)).toBe(true);
        for (const z of l.vroegsignaalzaken ?? []) expect(v.vroegsignaalzaak(z)).toBe(true);
      }
    },
  );

  it('refuses what the schema refuses: a BSN beside an address, old field names, unknown codes', () => {
    const v = ddasValidators();
    const base = { ID: '1', signaalpartner: { type: 'Huur' } };
    expect(v.vroegsignaal({ ...base, client: { burgerservicenummer: '123456782' } })).toBe(true);
    expect(
      v.vroegsignaal({ ...base, client: { burgerservicenummer: '123456782', postcode: '1234AB' } }),
    ).toBe(false);
    expect(v.vroegsignaal({ ...base, client: { postcode: '1234AB' } })).toBe(false);
    expect(
      v.vroegsignaal({
        ...base,
        signaalpartner: { type: 'Telecom' },
        client: { burgerservicenummer: '123456782' },
      }),
    ).toBe(false);
    expect(v.vroegsignaalzaak({ datum_opgepakt: '2025-01-01' })).toBe(false);
    expect(v.vroegsignaalzaak({ resultaat: 'Verwijzing zonder toestemming' })).toBe(false);
    expect(v.vroegsignaalzaak({ matchingsdatum: '2025-02-30' })).toBe(false);
  });

  it('rounds cents to whole euros and normalises address parts', () => {
    expect([0, 49, 50, 149, 150, 12_345_678].map(toWholeEuros)).toEqual([0, 0, 1, 1, 2, 123_457]);
    expect(normalisePostcode(' 1234 ab ')).toBe('1234AB');
    expect(normalisePostcode('0123AB')).toBeNull();
    expect(huisnummertoevoeging('A', null)).toBe('A');
    expect(huisnummertoevoeging('A', 'bis')).toBe('A bis');
    expect(huisnummertoevoeging(null, ' ')).toBeUndefined();
  });
});
