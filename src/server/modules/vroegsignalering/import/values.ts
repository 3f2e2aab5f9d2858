// Parsers for Dutch cell values. None of them throws: each returns the value or a stable code. Range checks
// (negative or absurd amounts, dates before 1900 or in the future, an 11-test-valid BSN) are left to
// validateSignal where the schema owns them, so the codes stay the same for every intake channel.
import { isValidBsn } from '../../../../shared/bsn.ts';

export const VALUE_ERROR_CODES = [
  'invalid_amount',
  'invalid_date',
  'invalid_boolean',
  'invalid_huisnummer',
  'invalid_postcode',
  'invalid_bsn',
  'invalid_number',
] as const;
export type ValueErrorCode = (typeof VALUE_ERROR_CODES)[number];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: ValueErrorCode };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(code: ValueErrorCode): ParseResult<T> => ({ ok: false, code });

/** Trims, normalises to NFC and collapses inner whitespace (keepLines: only line endings become LF). */
export function cleanText(raw: string, keepLines = false): string {
  const text = raw.normalize('NFC');
  return keepLines ? text.replace(/\r\n?/g, '\n').trim() : text.replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------------------------------------------------
// Amounts

const CURRENCY_START = /^(€|eur(?:os?)?)/i;
const CURRENCY_END = /(€|eur(?:os?)?)$/i;
/** Amounts above this many euro digits are absurd anyway; they become a value validateSignal refuses. */
const MAX_EURO_DIGITS = 13;

function groupsOfThree(text: string, separator: string): boolean {
  const parts = text.split(separator);
  return (
    (parts[0]?.length ?? 0) >= 1 &&
    (parts[0]?.length ?? 0) <= 3 &&
    parts.slice(1).every((p) => p.length === 3)
  );
}

/**
 * An amount in euro to integer cents. Dutch and English notation: "1.234,56", "1234,56", "1,234.56", "€ 75",
 * "EUR 75,-", "75", "1.234" (Dutch thousands: 1234 euro), "-75", "75-" and "(75,00)" (negative). More than two
 * decimals round to the cent. Negative and absurd amounts are returned as they are: validateSignal refuses them.
 */
export function parseAmountCents(raw: string): ParseResult<number> {
  let s = raw.normalize('NFKC').replace(/\s+/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  for (let changed = true; changed; ) {
    changed = false;
    const currency = CURRENCY_START.exec(s);
    if (currency) {
      s = s.slice(currency[0].length);
      changed = true;
    }
    if (/^[-\u2212\u2013]/.test(s)) {
      if (negative) return fail('invalid_amount');
      negative = true;
      s = s.slice(1);
      changed = true;
    } else if (s.startsWith('+')) {
      s = s.slice(1);
      changed = true;
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    const currency = CURRENCY_END.exec(s);
    if (currency) {
      s = s.slice(0, -currency[0].length);
      changed = true;
    }
    const wholeEuros = /[.,](-{1,2}|=)$/.exec(s);
    if (wholeEuros) {
      s = s.slice(0, -wholeEuros[0].length);
      changed = true;
    } else if (/[-\u2212]$/.test(s)) {
      if (negative) return fail('invalid_amount');
      negative = true;
      s = s.slice(0, -1);
      changed = true;
    }
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]{2}|[.,]$/.test(s)) return fail('invalid_amount');

  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let euros: string;
  let fraction = '';
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    if ((decimal === '.' ? dots : commas) !== 1) return fail('invalid_amount');
    const [whole = '', frac = ''] = s.split(decimal);
    if (!groupsOfThree(whole, thousands)) return fail('invalid_amount');
    euros = whole.split(thousands).join('');
    fraction = frac;
  } else if (dots + commas > 1) {
    const separator = dots > 0 ? '.' : ',';
    if (!groupsOfThree(s, separator)) return fail('invalid_amount');
    euros = s.split(separator).join('');
  } else if (dots + commas === 1) {
    const [whole = '', frac = ''] = s.split(dots > 0 ? '.' : ',');
    // One separator before exactly three digits is a thousands separator ("1.234"), unless the whole part is 0
    // or longer than three digits.
    if (frac.length === 3 && whole.length <= 3 && !whole.startsWith('0')) {
      euros = whole + frac;
    } else {
      euros = whole;
      fraction = frac;
    }
  } else {
    euros = s;
  }
  euros = euros.replace(/^0+(?=\d)/, '');
  let cents: number;
  if (euros.length > MAX_EURO_DIGITS) {
    cents = Number.MAX_SAFE_INTEGER;
  } else {
    const first = Number(fraction.slice(0, 2).padEnd(2, '0'));
    const roundUp = fraction.length > 2 && (fraction[2] ?? '0') >= '5' ? 1 : 0;
    cents = Number(euros) * 100 + first + roundUp;
  }
  return ok(negative && cents !== 0 ? -cents : cents);
}

// ------------------------------------------------------------------------------------------------------------
// Dates

export type DateOrder = 'dmy' | 'ymd';

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  febr: 2,
  februari: 2,
  february: 2,
  mrt: 3,
  maa: 3,
  mar: 3,
  maart: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  augustus: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoFrom(year: number, month: number, day: number): ParseResult<string> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return fail('invalid_date');
  if (!Number.isInteger(month) || month < 1 || month > 12) return fail('invalid_date');
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return fail('invalid_date');
  return ok(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** Two-digit years: 00 up to this year's two digits are 20xx, the rest 19xx. */
function fullYear(digits: string, today: Date): number {
  const year = Number(digits);
  if (digits.length !== 2) return year;
  return year <= today.getFullYear() % 100 ? 2000 + year : 1900 + year;
}

/**
 * A date to ISO 'YYYY-MM-DD': "dd-mm-jjjj", "d-m-jj", "dd/mm/yyyy", "dd.mm.yyyy", ISO "yyyy-mm-dd", "ddmmjjjj" or
 * "jjjjmmdd", "15 januari 2026", an Excel serial number (5 digits, e.g. 46037) and any of these followed by a time.
 * Impossible dates (31-02-2026) are 'invalid_date'; before-1900 and future dates are left to validateSignal.
 * `order` decides all-two-digit dates ("26-01-15") and eight digits that read both ways.
 */
export function parseDate(raw: string, opts: { order?: DateOrder; today?: Date } = {}): ParseResult<string> {
  const order = opts.order ?? 'dmy';
  const today = opts.today ?? new Date();
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/(?:T|\s+)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|u(?:ur)?)?$/i, '');

  const serial = /^(\d{5})(?:\.\d+)?$/.exec(s);
  if (serial?.[1]) {
    const date = new Date(EXCEL_EPOCH + Number(serial[1]) * DAY_MS);
    return isoFrom(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  const ymd = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (ymd) return isoFrom(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]));
  const dmy = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s);
  if (dmy?.[1] && dmy[4]) {
    if (order === 'ymd' && dmy[1].length === 2 && dmy[4].length === 2) {
      return isoFrom(fullYear(dmy[1], today), Number(dmy[3]), Number(dmy[4]));
    }
    return isoFrom(fullYear(dmy[4], today), Number(dmy[3]), Number(dmy[1]));
  }
  if (/^\d{8}$/.test(s)) {
    const asDmy = isoFrom(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
    const asYmd = isoFrom(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6)));
    const [first, second] = order === 'ymd' ? [asYmd, asDmy] : [asDmy, asYmd];
    return first.ok ? first : second;
  }
  const named = /^(\d{1,2})[\s.-]*([a-z]+)\.?[\s.-]*(\d{4}|\d{2})$/i.exec(s);
  if (named?.[1] && named[2] && named[3]) {
    const month = MONTHS[named[2].toLowerCase()];
    if (month === undefined) return fail('invalid_date');
    return isoFrom(fullYear(named[3], today), month, Number(named[1]));
  }
  return fail('invalid_date');
}

// ------------------------------------------------------------------------------------------------------------
// Booleans, numbers, address parts, BSN

const TRUE_WORDS = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', 'wel', '1', 'x', '✓', '✔']);
const FALSE_WORDS = new Set(['', 'nee', 'n', 'no', 'false', 'onwaar', 'niet', 'geen', '0', '-']);

/** "ja/nee", "j/n", "x", "1/0", "true/false", "yes/no", "waar/onwaar"; empty is false. */
export function parseBoolean(raw: string): ParseResult<boolean> {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail('invalid_boolean');
}

/** A whole number ("3", "3,0", "-2"); the schema checks the range. */
export function parseInteger(raw: string): ParseResult<number> {
  const match = /^([-+]?\d+)(?:[.,]0+)?$/.exec(raw.normalize('NFKC').trim());
  if (!match?.[1]) return fail('invalid_number');
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) return ok(value < 0 ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER);
  return ok(value === 0 ? 0 : value);
}

export type HuisnummerParts = { huisnummer: number; huisletter?: string; toevoeging?: string };

/**
 * A house number with letter and/or addition in one cell: "12" → 12; "12A", "12 a", "12-A" → 12 + letter A;
 * "12-2", "12 bis", "12-II", "12 hs" → 12 + toevoeging; "12A-3", "12 A 3" → 12 + A + 3. The schema checks range
 * and length.
 */
export function parseHuisnummer(raw: string): ParseResult<HuisnummerParts> {
  const match = /^(\d+)(.*)$/s.exec(raw.normalize('NFKC').trim());
  if (!match?.[1]) return fail('invalid_huisnummer');
  const huisnummer = Math.min(Number(match[1]), Number.MAX_SAFE_INTEGER);
  const rest = (match[2] ?? '')
    .replace(/^[\s\-/]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (rest === '') return ok({ huisnummer });
  if (/^[A-Za-z]$/.test(rest)) return ok({ huisnummer, huisletter: rest.toUpperCase() });
  const letterAndMore = /^([A-Za-z])(?:[\s\-/]+(\S.*)|(\d{1,4}))$/.exec(rest);
  if (letterAndMore?.[1]) {
    const toevoeging = (letterAndMore[2] ?? letterAndMore[3] ?? '').trim();
    return ok({ huisnummer, huisletter: letterAndMore[1].toUpperCase(), toevoeging });
  }
  return ok({ huisnummer, toevoeging: rest });
}

/** "1234 ab", "1234-AB" → "1234AB"; anything else is 'invalid_postcode'. */
export function parsePostcode(raw: string): ParseResult<string> {
  const s = raw
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(s) ? ok(s) : fail('invalid_postcode');
}

/**
 * A BSN with separators removed ("123.456.782", "123 456 782"); an 8-digit BSN (a spreadsheet dropped the leading
 * zero) is padded to 9 digits as the BRP does. Must pass the 11-test.
 */
export function parseBsn(raw: string): ParseResult<string> {
  let s = raw.normalize('NFKC').replace(/[\s.-]+/g, '');
  if (!/^\d{8,9}$/.test(s)) return fail('invalid_bsn');
  if (s.length === 8) s = `0${s}`;
  return isValidBsn(s) ? ok(s) : fail('invalid_bsn');
}
