import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SHV_BEGELEIDINGSSOORTEN,
  SHV_BESCHIKKINGSSOORTEN,
  SHV_GESLACHTEN,
  SHV_OPLOSSINGSSOORTEN,
  SHV_SCHULDENSOORTEN,
  SHV_UITSTROOMREDENEN,
} from './ddas-shv.ts';

const schemaPath = path.resolve(
  import.meta.dirname,
  '../../../shared/standards/ddas/schuldhulpverlening/v1.0/json_schema_Uitwisselmodel.json',
);

describe('DDAS schuldhulpverlening v1.0 code lists', () => {
  const defs = JSON.parse(fs.readFileSync(schemaPath, 'utf8')).$defs as Record<string, { enum?: string[] }>;

  it.each([
    ['EnumBeschikkingssoort', SHV_BESCHIKKINGSSOORTEN],
    ['geslacht', SHV_GESLACHTEN],
    ['EnumBegeleidingssoort', SHV_BEGELEIDINGSSOORTEN],
    ['EnumUitstroomreden', SHV_UITSTROOMREDENEN],
    ['EnumSchuldensoort', SHV_SCHULDENSOORTEN],
    ['EnumOplossingssoort', SHV_OPLOSSINGSSOORTEN],
  ] as const)('%s is copied verbatim, in order', (name, list) => {
    expect([...list]).toEqual(defs[name]?.enum);
  });

  it('covers every code list of the schema', () => {
    const lists = Object.entries(defs)
      .filter(([, d]) => Array.isArray(d.enum))
      .map(([name]) => name)
      .sort();
    expect(lists).toEqual(
      [
        'EnumBegeleidingssoort',
        'EnumBeschikkingssoort',
        'EnumOplossingssoort',
        'EnumSchuldensoort',
        'EnumUitstroomreden',
        'geslacht',
      ].sort(),
    );
  });
});
