// Validation against the official DDAS schuldhulpverlening v1.0 JSON Schema (draft 2020-12), the same way as the
// vroegsignalering export (modules/ddas/validate.ts): Ajv2020 + ajv-formats, strict: false. The schema beside this
// module is a byte-exact copy of ../shared/standards/ddas/schuldhulpverlening/v1.0/json_schema_Uitwisselmodel.json
// (validate.test.ts proves it); it keeps the upstream 4-space layout, so it carries the extension .orig that the
// formatter leaves alone.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { type SchemaError, schemaErrors } from '../../ddas/validate.ts';

export const SHV_SCHEMA_PATH = path.join(
  import.meta.dirname,
  'schema',
  'json_schema_Uitwisselmodel.json.orig',
);

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export type ShvValidators = {
  /** The whole Uitwisselmodel document. */
  document: ValidateFunction;
  /** One item of leveringen[].schuldhulptrajecten, by the schema's own subschema. */
  schuldhulptraject: ValidateFunction;
};

let cached: ShvValidators | null = null;

/** Compiled once per process. */
export function shvValidators(): ShvValidators {
  if (cached) return cached;
  const schema = JSON.parse(fs.readFileSync(SHV_SCHEMA_PATH, 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(schema);
  const pick = (pointer: string): ValidateFunction => {
    const fn = ajv.getSchema(`${schema.$id}#${pointer}`);
    if (!fn) throw new Error(`DDAS SHV schema has no ${pointer}`);
    return fn;
  };
  cached = {
    document: pick(''),
    schuldhulptraject: pick('/properties/leveringen/items/properties/schuldhulptrajecten/items'),
  };
  return cached;
}

/** Validates a complete document; [] when it is valid. */
export function validateShvDocument(doc: unknown): SchemaError[] {
  const v = shvValidators();
  return v.document(doc) ? [] : schemaErrors(v.document.errors);
}
