import type { TFunction } from 'i18next';
import { codeMessage } from '../components/codes.ts';
import { type FieldErrors, problemFieldErrors } from '../components/problem.tsx';

/**
 * The field errors of an API problem keyed by the form's field ids: `signal.postcode` and `person.postcode`
 * (the names of nested bodies) both become `postcode`; the first error of a field wins.
 */
export function nestedFieldErrors(t: TFunction, error: unknown, prefixes: string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, message] of Object.entries(problemFieldErrors(t, error))) {
    const prefix = prefixes.find((p) => name.startsWith(p));
    const key = prefix ? name.slice(prefix.length) : name;
    if (out[key] === undefined) out[key] = message;
  }
  return out;
}

/** Errors of a rejected signal in an intake answer ({field, code, message}) as field errors. */
export function intakeFieldErrors(
  t: TFunction,
  errors: { field: string; code: string; message: string }[] | undefined,
): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors ?? []) {
    const key = e.field.split('.')[0] ?? e.field;
    if (out[key] === undefined) out[key] = codeMessage(t, e.code, e.message);
  }
  return out;
}

/** Field errors of the form's own checks (codes) merged before the server's. */
export function mergeErrors(...all: FieldErrors[]): FieldErrors {
  const out: FieldErrors = {};
  for (const errors of all) {
    for (const [k, v] of Object.entries(errors)) if (v && out[k] === undefined) out[k] = v;
  }
  return out;
}
