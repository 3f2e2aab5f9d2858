import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHV_SCHEMA_PATH, shvValidators, validateShvDocument } from './validate.ts';

const OFFICIAL = path.resolve(
  import.meta.dirname,
  '../../../../../../shared/standards/ddas/schuldhulpverlening/v1.0',
);

describe('DDAS SHV v1.0 schema and validators', () => {
  it('uses a byte-exact copy of the official v1.0 schema', () => {
    expect(fs.readFileSync(SHV_SCHEMA_PATH)).toEqual(
      fs.readFileSync(path.join(OFFICIAL, 'json_schema_Uitwisselmodel.json')),
    );
  });

  it.each([
    'enkelvoudigVoorbeeld',
    'meervoudigVoorbeeld',
    'meerdereLeveringenVoorbeeld',
    'samenloopVoorbeeldDeel1',
    'samenloopVoorbeeldDeel2',
  ])('accepts the official example %s, also trajectory by trajectory', (name) => {
    const doc = JSON.parse(fs.readFileSync(path.join(OFFICIAL, `${name}.json`), 'utf8'));
    expect(validateShvDocument(doc)).toEqual([]);
    const v = shvValidators();
    for (const l of doc.leveringen)
      for (const t of l.schuldhulptrajecten ?? []) expect(v.schuldhulptraject(t)).toBe(true);
  });

  it('refuses UitgebreidMeervoudigVoorbeeld, which fails its own schema (see the README of the standards)', () => {
    const doc = JSON.parse(
      fs.readFileSync(path.join(OFFICIAL, 'UitgebreidMeervoudigVoorbeeld.json'), 'utf8'),
    );
    const errors = validateShvDocument(doc).map((e) => `${e.path} ${e.message}`);
    expect(errors.some((e) => /additionalProperties/.test(e))).toBe(true);
    expect(errors.some((e) => /beschikkingssoort/.test(e) && /enum/.test(e))).toBe(true);
    expect(errors.some((e) => /uitstroom\/reden/.test(e))).toBe(true);
    expect(errors.some((e) => /einddatum type/.test(e))).toBe(true);
  });

  it('refuses what the schema refuses: unknown codes, a missing gemeentecode, three clients, old names', () => {
    const v = shvValidators();
    const base = { gemeentecode: 'GM9901', client: [{ Burgerservicenummer: '123456782' }] };
    expect(v.schuldhulptraject(base)).toBe(true);
    expect(v.schuldhulptraject({ ...base, gemeentecode: undefined })).toBe(false);
    expect(
      v.schuldhulptraject({ ...base, uitstroom: { datum: '2025-01-01', reden: 'Zelfstandig verder' } }),
    ).toBe(false);
    expect(v.schuldhulptraject({ ...base, oplossing: { soort: 'Kwijtschelding' } })).toBe(false);
    expect(v.schuldhulptraject({ ...base, client: [{}, {}, {}] })).toBe(false);
    expect(v.schuldhulptraject({ ...base, schulden: [{ bedrag: 12.5 }] })).toBe(false);
    expect(v.schuldhulptraject({ ...base, startdatum: '2025-02-30' })).toBe(false);
    expect(v.schuldhulptraject({ ...base, aanleverendeOrganisatie: {} })).toBe(false);
  });
});
