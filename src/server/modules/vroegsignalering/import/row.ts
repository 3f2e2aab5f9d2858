// One file row → one signal: apply the column mapping and the value parsers, then validateSignal, and report every
// problem of the row against the partner's own column names.
import { SIGNAL_FIELDS, type ValidSignal, validateSignal } from '../../../../shared/schemas/signals.ts';
import { parseFieldValue } from './fields.ts';
import type { ColumnMapping } from './mapping.ts';
import type { FileRow } from './read.ts';
import { VALUE_ERROR_CODES } from './values.ts';

/**
 * Every code mapRow/mapFileRow can report: the value parsers' codes, 'invalid_encoding' (the cell held bytes that
 * are not valid in the file's encoding), 'required', the column count codes, and validateSignal's codes (zod's
 * issue codes and the schema's own params codes).
 */
export const ROW_ERROR_CODES = [
  ...VALUE_ERROR_CODES,
  'invalid_encoding',
  'required',
  'too_many_columns',
  'too_few_columns',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'custom',
  'date_before_1900',
  'date_in_future',
  'address_or_bsn_required',
  'after_signal_date',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export type RowError = {
  /** The partner's header; the field name for a constant or a missing column; '(row)' for the row as a whole. */
  column: string;
  /** The signal field ('(row)' for a column count problem, '(signal)' for the signal as a whole). */
  field: string;
  code: string;
  /** The raw cell value (at most 200 characters). */
  value?: string;
  message: string;
};

export type MapRowResult = { ok: true; signal: ValidSignal } | { ok: false; errors: RowError[] };

export type MapRowOptions = {
  /** The date that decides two-digit years; default now. */
  today?: Date;
};

const MESSAGES: Record<string, string> = {
  invalid_amount: 'Not an amount',
  invalid_date: 'Not a valid date',
  invalid_boolean: 'Not yes or no',
  invalid_huisnummer: 'Not a house number',
  invalid_postcode: 'Invalid postcode',
  invalid_bsn: 'Not a valid BSN',
  invalid_number: 'Not a whole number',
  invalid_encoding: 'The cell holds characters that cannot be read; save the file as UTF-8',
  required: 'Required',
  too_many_columns: 'The row has more columns than the header',
  too_few_columns: 'The row has fewer columns than the header',
};

const own = (record: object | undefined | null, key: string): boolean =>
  record !== undefined && record !== null && Object.hasOwn(record, key);

const clip = (value: string): string => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

/**
 * Maps one row's cells (header → raw text) to a signal. Fields come from their mapped column, or from the
 * mapping's constant. A huisnummer cell like "12A-3" also fills huisletter and toevoeging unless those have their
 * own non-empty column. Returns the validated signal, or every problem of the row.
 */
export function mapRow(
  cells: Readonly<Record<string, string>>,
  mapping: ColumnMapping,
  opts: MapRowOptions = {},
): MapRowResult {
  const columns: Readonly<Record<string, unknown>> = mapping.columns ?? {};
  const constants: Readonly<Record<string, unknown>> = mapping.constants ?? {};
  const input: Record<string, unknown> = {};
  const errors: RowError[] = [];
  const sources = new Map<string, { column: string; value: string }>();
  const failed = new Set<string>();

  for (const field of SIGNAL_FIELDS) {
    let column: string;
    let raw: string;
    const header = own(columns, field) ? columns[field] : undefined;
    if (typeof header === 'string' && header !== '') {
      column = header;
      const cell = own(cells, header) ? cells[header] : undefined;
      raw = typeof cell === 'string' ? cell : '';
    } else {
      const constant = own(constants, field) ? constants[field] : undefined;
      if (typeof constant !== 'string') continue;
      column = field;
      raw = constant;
    }
    if (raw.includes('\uFFFD')) {
      errors.push({
        column,
        field,
        code: 'invalid_encoding',
        value: clip(raw),
        message: MESSAGES.invalid_encoding ?? '',
      });
      failed.add(field);
      continue;
    }
    const parsed = parseFieldValue(field, raw, { dateOrder: mapping.dateOrder, today: opts.today });
    if (!parsed.ok) {
      errors.push({
        column,
        field,
        code: parsed.code,
        value: clip(raw),
        message: MESSAGES[parsed.code] ?? parsed.code,
      });
      failed.add(field);
      continue;
    }
    for (const [key, value] of Object.entries(parsed.values)) {
      // Derived parts (huisletter, toevoeging from the huisnummer cell) never overwrite a value of their own.
      if (key !== field && input[key] !== undefined) continue;
      input[key] = value;
      sources.set(key, { column, value: raw });
    }
  }

  const result = validateSignal(input);
  if (result.ok && errors.length === 0) return { ok: true, signal: result.value };
  if (!result.ok) {
    for (const issue of result.errors) {
      const field = issue.field.split('.')[0] ?? issue.field;
      if (failed.has(field)) continue;
      const source = sources.get(field);
      const header = own(columns, field) ? columns[field] : undefined;
      const column = source?.column ?? (typeof header === 'string' && header !== '' ? header : field);
      const missing = input[field] === undefined && issue.code === 'invalid_type';
      const code = missing ? 'required' : issue.code;
      const error: RowError = { column, field, code, message: missing ? 'Required' : issue.message };
      if (source) error.value = clip(source.value);
      errors.push(error);
    }
  }
  // One error per field and code, in the order of the partner's columns (constants and missing columns last).
  const seen = new Set<string>();
  const position = new Map(Object.keys(cells).map((header, i) => [header, i]));
  const unique = errors.filter((e) => {
    const key = `${e.field}\u0000${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const order = (e: RowError) => position.get(e.column) ?? Number.MAX_SAFE_INTEGER;
  return { ok: false, errors: unique.sort((a, b) => order(a) - order(b)) };
}

export type MappedFileRow = { rowNumber: number } & MapRowResult;

/** mapRow for a row from openFile/readRows; a row with too many or too few columns is an error as well. */
export function mapFileRow(row: FileRow, mapping: ColumnMapping, opts: MapRowOptions = {}): MappedFileRow {
  const mapped = mapRow(row.cells, mapping, opts);
  if (!row.columnError) return { rowNumber: row.rowNumber, ...mapped };
  const { code, expected, actual } = row.columnError;
  const columnError: RowError = {
    column: '(row)',
    field: '(row)',
    code,
    value: String(actual),
    message: `${MESSAGES[code] ?? code}: ${actual} instead of ${expected}`,
  };
  return { rowNumber: row.rowNumber, ok: false, errors: [columnError, ...(mapped.ok ? [] : mapped.errors)] };
}
