import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DDAS_CONTACTSOORTEN,
  DDAS_EINDRESULTATEN,
  DDAS_SIGNAALPARTNERS,
  DDAS_SIGNAALSTATUSSEN,
} from './ddas.ts';

const schemaPath = path.resolve(
  import.meta.dirname,
  '../../../shared/standards/ddas/vroegsignalering/v1.2/json_schema_Uitwisselmodel.json',
);

describe('DDAS vroegsignalering v1.2 code lists', () => {
  const defs = JSON.parse(fs.readFileSync(schemaPath, 'utf8')).$defs as Record<string, { enum: string[] }>;
  it.each([
    ['EnumSignaalpartner', DDAS_SIGNAALPARTNERS],
    ['EnumSignaalstatus', DDAS_SIGNAALSTATUSSEN],
    ['EnumContactsoort', DDAS_CONTACTSOORTEN],
    ['EnumEindresultaat', DDAS_EINDRESULTATEN],
  ] as const)('%s is copied verbatim', (name, list) => {
    expect([...list]).toEqual(defs[name]?.enum);
  });
});
