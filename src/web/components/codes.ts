// Stable problem codes of the API (field errors, file and line errors, mapping errors) in the user's language.
import type { TFunction } from 'i18next';

/**
 * The API answers some refinements of the shared schemas with code "custom" and only the message (their stable
 * code lives in zod's params, which the problem details leave out). These messages come from src/shared/schemas.
 */
const CODE_BY_REASON: Record<string, string> = {
  'Date before 1900': 'date_before_1900',
  'Date in the future': 'date_in_future',
  'Invalid postcode': 'invalid_postcode',
  'Fails the BSN 11-test': 'invalid_bsn',
  'Give a postcode and huisnummer, or a BSN': 'address_or_bsn_required',
  'Huisnummer is required with a postcode': 'huisnummer_required',
  'Arrears cannot start after the signal date': 'after_signal_date',
  'The maximum age is below the minimum age': 'min_above_max',
  'Negative amount': 'invalid_amount',
  'Absurd amount': 'absurd_amount',
};

/** The stable code of a problem: its own code, or for "custom" the code its message stands for. */
export function stableCode(code: string, reason = ''): string {
  if (code === 'custom' || code === 'too_small' || code === 'too_big') {
    const fromReason = CODE_BY_REASON[reason.trim()];
    if (fromReason) return fromReason;
  }
  if (code === 'invalid_type' && /undefined|required/i.test(reason)) return 'required';
  if (code === 'too_small' && /string to have >=1 character/.test(reason)) return 'required';
  if ((code === 'too_small' || code === 'too_big') && /expected string/.test(reason)) {
    return code === 'too_small' ? 'too_short' : 'too_long';
  }
  if ((code === 'too_small' || code === 'too_big') && /expected array/.test(reason)) {
    return code === 'too_small' ? 'too_few' : 'too_many';
  }
  return code;
}

/** The message for a code in the user's language; an unknown code shows the server's text (or the code). */
export function codeMessage(t: TFunction, code: string, reason?: string): string {
  const stable = stableCode(code, reason);
  const text = t(`errorCodes.${stable}` as 'errorCodes.required', { defaultValue: '' });
  return text || reason || stable;
}

/** Whether there is a translation for this code (else the caller may prefer a message of its own). */
export function knowsCode(t: TFunction, code: string, reason?: string): boolean {
  const stable = stableCode(code, reason);
  return t(`errorCodes.${stable}` as 'errorCodes.required', { defaultValue: '' }) !== '';
}
