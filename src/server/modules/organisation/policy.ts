// Rules of the organisation module that do not need the database.
import type { InvalidParam } from '../../../shared/problem.ts';
import type { MunicipalityPatch } from '../../../shared/schemas/organisation.ts';

/** A CBS wijkcode belongs to a municipality when its four digits after WK are the municipality's CBS code. */
export function wijkCodeBelongsTo(code: string, cbsCode: string): boolean {
  return code.slice(2, 6) === cbsCode;
}

export function wijkCodeProblem(code: string, cbsCode: string): InvalidParam | null {
  return wijkCodeBelongsTo(code, cbsCode)
    ? null
    : {
        name: 'body.code',
        code: 'wrong_municipality',
        reason: `The wijkcode must start with WK${cbsCode} (the CBS code of this municipality).`,
      };
}

/** The settings a client may see and change; other keys in the stored JSON are kept but never shown. */
export type VisibleSettings = { theme?: string; contactEmail?: string };

export function visibleSettings(stored: Record<string, unknown>): VisibleSettings {
  const out: VisibleSettings = {};
  if (typeof stored.theme === 'string') out.theme = stored.theme;
  if (typeof stored.contactEmail === 'string') out.contactEmail = stored.contactEmail;
  return out;
}

/** Applies a settings patch: a given value replaces, null removes, a missing key stays as it was. */
export function mergeSettings(
  stored: Record<string, unknown>,
  patch: NonNullable<MunicipalityPatch['settings']>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...stored };
  if (patch.theme !== undefined) next.theme = patch.theme;
  if (patch.contactEmail === null) delete next.contactEmail;
  else if (patch.contactEmail !== undefined) next.contactEmail = patch.contactEmail;
  return next;
}
