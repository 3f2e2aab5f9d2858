// Which parser each signal field takes, and parsing one raw cell (or mapping constant) for one field.
import type { SIGNAL_FIELDS } from '../../../../shared/schemas/signals.ts';
import {
  cleanText,
  type DateOrder,
  parseAmountCents,
  parseBoolean,
  parseBsn,
  parseDate,
  parseHuisnummer,
  parseInteger,
  parsePostcode,
  type ValueErrorCode,
} from './values.ts';

export type SignalField = (typeof SIGNAL_FIELDS)[number];

export type FieldKind =
  | 'text'
  | 'longText'
  | 'amount'
  | 'date'
  | 'boolean'
  | 'integer'
  | 'huisnummer'
  | 'postcode'
  | 'bsn';

/** Every field of SignalInput with its parser; TypeScript makes this complete when the schema gains a field. */
export const FIELD_KINDS: Record<SignalField, FieldKind> = {
  externalId: 'text',
  bsn: 'bsn',
  voornamen: 'text',
  voorletters: 'text',
  voorvoegsel: 'text',
  achternaam: 'text',
  geboortedatum: 'date',
  straat: 'text',
  huisnummer: 'huisnummer',
  huisletter: 'text',
  toevoeging: 'text',
  postcode: 'postcode',
  woonplaats: 'text',
  telefoon: 'text',
  email: 'text',
  isBusiness: 'boolean',
  customerNumber: 'text',
  amountCents: 'amount',
  arrearsSince: 'date',
  signalDate: 'date',
  monthsInArrears: 'integer',
  daysInArrears: 'integer',
  endOfSupply: 'boolean',
  endOfSupplyDate: 'date',
  evictionAnnounced: 'boolean',
  evictionDate: 'date',
  insuranceTermination: 'boolean',
  warmHandover: 'boolean',
  remark: 'longText',
};

export function isSignalField(value: string): value is SignalField {
  return Object.hasOwn(FIELD_KINDS, value);
}

/** The fields a file must provide (as a column or a constant); postcode + huisnummer may be replaced by bsn. */
export const REQUIRED_FIELDS: readonly SignalField[] = ['achternaam', 'amountCents', 'signalDate'];

export type FieldParseResult =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; code: ValueErrorCode };

/**
 * Parses one raw value for `field`. An empty value gives no value (booleans: false). The huisnummer parser also
 * yields huisletter and toevoeging when the cell holds them ("12A-3").
 */
export function parseFieldValue(
  field: SignalField,
  raw: string,
  opts: { dateOrder?: DateOrder; today?: Date } = {},
): FieldParseResult {
  const kind = FIELD_KINDS[field];
  if (kind === 'boolean') {
    const parsed = parseBoolean(raw);
    return parsed.ok ? { ok: true, values: { [field]: parsed.value } } : parsed;
  }
  if (raw.trim() === '') return { ok: true, values: {} };
  const one = <T>(parsed: { ok: true; value: T } | { ok: false; code: ValueErrorCode }): FieldParseResult =>
    parsed.ok ? { ok: true, values: { [field]: parsed.value } } : parsed;
  switch (kind) {
    case 'text':
      return { ok: true, values: { [field]: cleanText(raw) } };
    case 'longText':
      return { ok: true, values: { [field]: cleanText(raw, true) } };
    case 'amount':
      return one(parseAmountCents(raw));
    case 'date':
      return one(parseDate(raw, { order: opts.dateOrder, today: opts.today }));
    case 'integer':
      return one(parseInteger(raw));
    case 'postcode':
      return one(parsePostcode(raw));
    case 'bsn':
      return one(parseBsn(raw));
    case 'huisnummer': {
      const parsed = parseHuisnummer(raw);
      if (!parsed.ok) return parsed;
      const values: Record<string, unknown> = { huisnummer: parsed.value.huisnummer };
      if (parsed.value.huisletter) values.huisletter = parsed.value.huisletter;
      if (parsed.value.toevoeging) values.toevoeging = parsed.value.toevoeging;
      return { ok: true, values };
    }
  }
}
