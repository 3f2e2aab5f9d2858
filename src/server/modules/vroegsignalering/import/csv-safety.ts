// Writing CSV for download (the error report): quoting, and neutralising cells a spreadsheet would run as a
// formula (CSV injection): partner data is untrusted and goes back to the partner and to municipal staff.

/** Characters that make Excel/LibreOffice treat a cell as a formula or DDE call (and their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a single quote to a cell starting with =, +, -, @, tab or CR, so it is shown as text. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvDelimiter = ';' | ',' | '\t';

/** RFC 4180 quoting of one field (no neutralisation): quoted when it holds the delimiter, a quote, CR or LF. */
export function quoteCsvField(value: string, delimiter: CsvDelimiter = ';'): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type CsvCell = string | number | boolean | null | undefined;

/** One CSV line (without line ending); strings are neutralised, numbers and booleans written as they are. */
export function toCsvLine(values: readonly CsvCell[], delimiter: CsvDelimiter = ';'): string {
  return values
    .map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return quoteCsvField(neutraliseCell(v), delimiter);
    })
    .join(delimiter);
}

export type ToCsvOptions = {
  /** Default ';' (what Dutch Excel opens directly). */
  delimiter?: CsvDelimiter;
  /** A UTF-8 BOM so Excel reads the file as UTF-8; default true. */
  bom?: boolean;
};

/** A whole CSV document: the header line, then one line per row (values looked up by header), CRLF endings. */
export function toCsv(
  rows: Iterable<Readonly<Record<string, CsvCell>>>,
  headers: readonly string[],
  opts: ToCsvOptions = {},
): string {
  const delimiter = opts.delimiter ?? ';';
  const lines = [toCsvLine(headers, delimiter)];
  for (const row of rows) {
    lines.push(
      toCsvLine(
        headers.map((h) => (Object.hasOwn(row, h) ? row[h] : undefined)),
        delimiter,
      ),
    );
  }
  return `${opts.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

export type ErrorReportRow = { row: number; column: string; code: string; message: string };

export const ERROR_REPORT_HEADERS = ['row', 'column', 'code', 'message'] as const;

/** The downloadable error report: one line per problem (row, column, code, message). */
export function errorReportCsv(errors: Iterable<ErrorReportRow>, opts: ToCsvOptions = {}): string {
  return toCsv(errors, ERROR_REPORT_HEADERS, opts);
}
