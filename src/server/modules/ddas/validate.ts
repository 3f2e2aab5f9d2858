// Validation against the official DDAS vroegsignalering v1.2 JSON Schema (draft 2020-12). The schema file beside
// this module is a byte-identical copy of ../shared/standards/ddas/vroegsignalering/v1.2/json_schema_Uitwisselmodel.json
// (validate.test.ts compares sha256; biome.json excludes the folder so no formatter touches it), so the check also
// runs where that folder is not deployed.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const SCHEMA_PATH = path.join(import.meta.dirname, 'schema', 'json_schema_Uitwisselmodel.json');

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export type SchemaError = { path: string; message: string };

export type DdasValidators = {
  /** The whole Uitwisselmodel document. */
  document: ValidateFunction;
  /** One item of leveringen[].vroegsignalen, by the schema's own subschema. */
  vroegsignaal: ValidateFunction;
  /** One item of leveringen[].vroegsignaalzaken. */
  vroegsignaalzaak: ValidateFunction;
};

let cached: DdasValidators | null = null;

/**
 * Compiled once per process. Ajv2020 with ajv-formats and strict: false: the official schema puts `maxLength`
 * without a `type` inside the client `oneOf`, which strict mode refuses.
 */
export function ddasValidators(): DdasValidators {
  if (cached) return cached;
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(schema);
  const pick = (pointer: string): ValidateFunction => {
    const fn = ajv.getSchema(`${schema.$id}#${pointer}`);
    if (!fn) throw new Error(`DDAS schema has no ${pointer}`);
    return fn;
  };
  cached = {
    document: pick(''),
    vroegsignaal: pick('/properties/leveringen/items/properties/vroegsignalen/items'),
    vroegsignaalzaak: pick('/properties/leveringen/items/properties/vroegsignaalzaken/items'),
  };
  return cached;
}

export function schemaErrors(errors: ErrorObject[] | null | undefined, prefix = ''): SchemaError[] {
  return (errors ?? []).map((e) => ({
    path: `${prefix}${e.instancePath}` || '/',
    message: `${e.keyword}: ${e.message ?? 'invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`,
  }));
}

/** Validates a complete document; [] when it is valid. */
export function validateDocument(doc: unknown): SchemaError[] {
  const v = ddasValidators();
  return v.document(doc) ? [] : schemaErrors(v.document.errors);
}
