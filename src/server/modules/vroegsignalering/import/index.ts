// Public API of the file import parser: bytes → headers → rows → signals, plus the error report CSV.

export type { ErrorReportRow } from './csv-safety.ts';
export {
  ERROR_REPORT_HEADERS,
  errorReportCsv,
  neutraliseCell,
  quoteCsvField,
  toCsv,
  toCsvLine,
} from './csv-safety.ts';
export type { Delimiter, FileFormat, FileFormatErrorCode, TextEncoding } from './detect.ts';
export {
  decodeSample,
  detectDelimiter,
  detectEncoding,
  detectFormat,
  FILE_FORMAT_ERROR_CODES,
  FileFormatError,
  SAMPLE_BYTES,
} from './detect.ts';
export type { SignalField } from './fields.ts';
export { FIELD_KINDS, parseFieldValue, REQUIRED_FIELDS } from './fields.ts';
export type { ColumnMapping, MappingError, MappingErrorCode } from './mapping.ts';
export {
  ColumnMappingSchema,
  MAPPING_ERROR_CODES,
  normaliseHeader,
  suggestMapping,
  validateMapping,
} from './mapping.ts';
export type { ByteSource, ColumnCountError, FileRow, OpenedFile, OpenFileOptions } from './read.ts';
export { cellText, normaliseHeaders, numberText, openFile, readRows } from './read.ts';
export type { MappedFileRow, MapRowOptions, MapRowResult, RowError, RowErrorCode } from './row.ts';
export { mapFileRow, mapRow, ROW_ERROR_CODES } from './row.ts';
export type { ParseResult, ValueErrorCode } from './values.ts';
export {
  parseAmountCents,
  parseBoolean,
  parseBsn,
  parseDate,
  parseHuisnummer,
  parseInteger,
  parsePostcode,
  VALUE_ERROR_CODES,
} from './values.ts';
