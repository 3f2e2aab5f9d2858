// Streaming reader of partner files: CSV (csv-parse) and XLSX (exceljs WorkbookReader, first worksheet). Rows come
// out one at a time as header → raw cell text; nothing holds the whole file. Problems with the file as a whole
// throw FileFormatError; a row with too many or too few columns is yielded with a columnError.
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, type InfoRecord, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  type Delimiter,
  decodeSample,
  detectDelimiter,
  detectEncoding,
  detectFormat,
  type FileFormat,
  FileFormatError,
  isAscii,
  isValidUtf8,
  SAMPLE_BYTES,
  type TextEncoding,
} from './detect.ts';

/** A file as bytes: a Node readable stream or any async iterable of chunks (strings are taken as UTF-8). */
export type ByteSource = AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream;

export type ColumnCountError = {
  code: 'too_many_columns' | 'too_few_columns';
  /** Number of columns in the header. */
  expected: number;
  /** Number of columns in this row (for too many: up to the last non-empty one). */
  actual: number;
};

export type FileRow = {
  /** 1-based line (CSV: where the record starts) or sheet row (XLSX) of this data row; the header is row 1. */
  rowNumber: number;
  /** Header → raw cell text (untrimmed). Every header has a key; missing cells are ''. */
  cells: Record<string, string>;
  columnError?: ColumnCountError;
};

export type OpenFileOptions = {
  /** 'auto' (default) detects from the content; an explicit format that the content contradicts is refused. */
  format?: FileFormat | 'auto';
  /** Only used in messages. */
  fileName?: string;
  /** CSV: overrides encoding detection. */
  encoding?: TextEncoding;
  /** CSV: overrides delimiter detection. */
  delimiter?: Delimiter;
  /** CSV: a record larger than this (characters) is refused as 'record_too_large'. Default 1 MiB. */
  maxRecordSize?: number;
};

export type OpenedFile = {
  readonly format: FileFormat;
  /** Header names, trimmed; an empty header becomes "Kolom N", a duplicate "Naam (2)". */
  readonly headers: readonly string[];
  readonly headerRowNumber: number;
  /** The data rows; fully blank rows are skipped. Throws FileFormatError when the rest of the file is broken. */
  readonly rows: AsyncGenerator<FileRow, void, undefined>;
  /**
   * CSV: the encoding. For a file that is plain ASCII in the sample this is decided at the first non-ASCII byte,
   * so read it after the rows for the final answer. Undefined for XLSX.
   */
  readonly encoding: TextEncoding | undefined;
  /** CSV: the delimiter. Undefined for XLSX. */
  readonly delimiter: Delimiter | undefined;
  /** Stops reading and releases the source; safe to call more than once and after the rows are done. */
  close(): Promise<void>;
};

const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;

/**
 * Opens a partner file: detects format (and for CSV encoding and delimiter), reads the header row and returns
 * the headers with a generator of the data rows. Throws FileFormatError when the file cannot be read.
 */
export async function openFile(source: ByteSource, opts: OpenFileOptions = {}): Promise<OpenedFile> {
  const bytes = new ByteReader(source);
  try {
    await bytes.fillSample(SAMPLE_BYTES);
    const detected = detectFormat(bytes.sample, opts.fileName);
    const format = opts.format && opts.format !== 'auto' ? opts.format : detected;
    if (format !== detected) {
      throw new FileFormatError(
        'unsupported_format',
        `The file was given as ${format.toUpperCase()} but its content is ${detected.toUpperCase()}.`,
      );
    }
    return format === 'csv' ? await openCsv(bytes, opts) : await openXlsx(bytes, opts);
  } catch (error) {
    await bytes.close();
    throw error;
  }
}

/** The data rows of a file (see openFile); the headers are the keys of `cells`. */
export async function* readRows(
  source: ByteSource,
  opts: OpenFileOptions = {},
): AsyncGenerator<FileRow, void, undefined> {
  const file = await openFile(source, opts);
  try {
    yield* file.rows;
  } finally {
    await file.close();
  }
}

// ------------------------------------------------------------------------------------------------------------
// Source handling

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Reads a sample from the source, then hands out the sample followed by the rest as one chunk stream. */
class ByteReader {
  sample: Buffer = Buffer.alloc(0);
  done = false;
  /** An error of the source itself (not of the content), kept to rethrow instead of a parse error it causes. */
  sourceError: unknown;
  private readonly iterator: AsyncIterator<Uint8Array | string>;
  private closed = false;

  constructor(source: ByteSource) {
    this.iterator = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  }

  async fillSample(size: number): Promise<void> {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < size) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        break;
      }
      const chunk = toBuffer(next.value);
      if (chunk.length === 0) continue;
      chunks.push(chunk);
      length += chunk.length;
    }
    this.sample = Buffer.concat(chunks, length);
  }

  /** The whole file as chunks. With `swallowErrors` a source error ends the stream and is kept in sourceError. */
  async *chunks(swallowErrors = false): AsyncGenerator<Buffer, void, undefined> {
    try {
      if (this.sample.length > 0) yield this.sample;
      while (!this.done && !this.closed) {
        const next = await this.iterator.next();
        if (next.done) {
          this.done = true;
          return;
        }
        const chunk = toBuffer(next.value);
        if (chunk.length > 0) yield chunk;
      }
    } catch (error) {
      this.sourceError = error;
      if (!swallowErrors) throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.done) {
      this.done = true;
      try {
        await this.iterator.return?.();
      } catch {
        // The source failed while being released; nothing left to read from it.
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------------------
// Headers and rows (both formats)

function cleanHeader(value: string): string {
  return value
    .replace(/[\uFEFF\u200B]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trailing empty header cells are dropped; empty ones in between become "Kolom N"; duplicates get " (2)". */
export function normaliseHeaders(fields: readonly string[]): string[] {
  const cleaned = fields.map(cleanHeader);
  let count = cleaned.length;
  while (count > 0 && cleaned[count - 1] === '') count--;
  const headers: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    let header = cleaned[i] || `Kolom ${i + 1}`;
    if (seen.has(header)) {
      let n = 2;
      while (seen.has(`${header} (${n})`)) n++;
      header = `${header} (${n})`;
    }
    seen.add(header);
    headers.push(header);
  }
  return headers;
}

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

function toFileRow(
  rowNumber: number,
  fields: readonly string[],
  headers: readonly string[],
  csv: boolean,
): FileRow {
  const cells = Object.fromEntries(headers.map((h, i) => [h, fields[i] ?? '']));
  const row: FileRow = { rowNumber, cells };
  let lastFilled = fields.length - 1;
  while (lastFilled >= headers.length && isBlank(fields[lastFilled])) lastFilled--;
  if (lastFilled >= headers.length) {
    row.columnError = { code: 'too_many_columns', expected: headers.length, actual: lastFilled + 1 };
  } else if (csv && fields.length < headers.length) {
    row.columnError = { code: 'too_few_columns', expected: headers.length, actual: fields.length };
  }
  return row;
}

// ------------------------------------------------------------------------------------------------------------
// CSV

/**
 * Turns the bytes into UTF-8 for csv-parse. UTF-8 passes through; Windows-1252 and UTF-16 go through an
 * iconv-lite decoder. In 'auto' mode (the sample was plain ASCII) the choice between UTF-8 and Windows-1252 is
 * made at the first non-ASCII byte, so a Windows-1252 file whose first accented name comes late is still right.
 */
class ToUtf8 extends Transform {
  resolved: TextEncoding | undefined;
  private mode: 'auto' | 'pass' | 'iconv';
  private decoder: iconv.DecoderStream | undefined;
  private pending: Buffer | undefined;

  constructor(encoding: TextEncoding | 'auto') {
    super();
    if (encoding === 'auto') {
      this.mode = 'auto';
    } else {
      this.resolved = encoding;
      this.mode = encoding === 'utf-8' || encoding === 'utf-8-bom' ? 'pass' : 'iconv';
      if (this.mode === 'iconv') this.decoder = iconv.getDecoder(encoding);
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.handle(chunk, false);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.handle(Buffer.alloc(0), true);
    const tail = this.decoder?.end();
    if (tail) this.push(Buffer.from(tail, 'utf8'));
    callback();
  }

  private handle(chunk: Buffer, final: boolean): void {
    if (this.mode === 'pass') {
      if (chunk.length > 0) this.push(chunk);
      return;
    }
    if (this.mode === 'iconv') {
      const text = this.decoder?.write(chunk);
      if (text) this.push(Buffer.from(text, 'utf8'));
      return;
    }
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let i = 0;
    while (i < buf.length && (buf[i] ?? 0) < 0x80) i++;
    if (i === buf.length) {
      if (buf.length > 0) this.push(buf);
      return;
    }
    if (buf.length - i < 4 && !final) {
      if (i > 0) this.push(buf.subarray(0, i));
      this.pending = buf.subarray(i);
      return;
    }
    const window = buf.subarray(i, i + 4096);
    const utf8 = isValidUtf8(window, !(final && i + window.length === buf.length));
    this.resolved = utf8 ? 'utf-8' : 'windows-1252';
    this.mode = utf8 ? 'pass' : 'iconv';
    if (!utf8) this.decoder = iconv.getDecoder('windows-1252');
    if (i > 0) this.push(buf.subarray(0, i));
    this.handle(buf.subarray(i), final);
  }
}

/** Line breaks inside a record's fields (CRLF, LF or CR each count once), to find the line a record starts on. */
function lineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) {
    if (!field.includes('\n') && !field.includes('\r')) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 0x0a) n++;
      else if (c === 0x0d) {
        n++;
        if (field.charCodeAt(i + 1) === 0x0a) i++;
      }
    }
  }
  return n;
}

type CsvRecord = { fields: string[]; line: number };

async function openCsv(bytes: ByteReader, opts: OpenFileOptions): Promise<OpenedFile> {
  const sample = bytes.sample;
  const detected = opts.encoding ?? detectEncoding(sample);
  const delimiter = opts.delimiter ?? detectDelimiter(decodeSample(sample, detected));
  const auto = !opts.encoding && detected === 'utf-8' && !bytes.done && isAscii(sample);
  const decoder = new ToUtf8(auto ? 'auto' : detected);
  // Line bookkeeping, done as csv-parse produces each record (csv-parse counts a CRLF inside quotes twice, and
  // records it produced but nobody consumed yet are gone when it fails): where the next record would start, and
  // how many empty lines csv-parse had skipped by then.
  let nextLine = 1;
  let emptyLines = 0;
  const startLines = new WeakMap<string[], number>();
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: opts.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE,
    on_record: (record: string[], context: InfoRecord): string[] => {
      const line = nextLine + (context.empty_lines - emptyLines);
      emptyLines = context.empty_lines;
      nextLine = line + lineBreaks(record) + 1;
      startLines.set(record, line);
      return record;
    },
  });
  pipeline(Readable.from(bytes.chunks(), { objectMode: false }), decoder, parser, () => {
    // Errors reach the consumer through the parser's iterator.
  });
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;

  const fail = (error: unknown): Error => {
    if (bytes.sourceError !== undefined) return bytes.sourceError as Error;
    if (error instanceof CsvError) {
      const skipped = typeof error.empty_lines === 'number' ? error.empty_lines - emptyLines : 0;
      const line = nextLine + Math.max(0, skipped);
      switch (error.code) {
        case 'CSV_QUOTE_NOT_CLOSED':
          return new FileFormatError(
            'unterminated_quote',
            `The quoted field in the record starting on line ${line} is never closed: the file is incomplete or damaged.`,
            { line, cause: error },
          );
        case 'CSV_MAX_RECORD_SIZE':
          return new FileFormatError(
            'record_too_large',
            `The record starting on line ${line} is too large: probably a stray quote (").`,
            { line, cause: error },
          );
        default:
          return new FileFormatError('invalid_csv', `The CSV cannot be read from line ${line}.`, {
            line,
            cause: error,
          });
      }
    }
    return error instanceof Error ? error : new Error(String(error));
  };

  const nextRecord = async (): Promise<CsvRecord | undefined> => {
    try {
      const result = await records.next();
      if (result.done) return undefined;
      return { fields: result.value, line: startLines.get(result.value) ?? nextLine };
    } catch (error) {
      throw fail(error);
    }
  };

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    parser.destroy();
    await bytes.close();
  };

  try {
    let header = await nextRecord();
    while (header?.fields.every(isBlank)) header = await nextRecord();
    if (header && /^sep=.?$/i.test(header.fields.join(delimiter).trim())) {
      header = await nextRecord();
      while (header?.fields.every(isBlank)) header = await nextRecord();
    }
    if (!header) throw new FileFormatError('empty_file', 'The file has no header row.');
    const headers = normaliseHeaders(header.fields);
    if (headers.length === 0) throw new FileFormatError('empty_file', 'The file has no header row.');

    async function* rows(): AsyncGenerator<FileRow, void, undefined> {
      try {
        for (;;) {
          const record = await nextRecord();
          if (!record) return;
          if (record.fields.every(isBlank)) continue;
          yield toFileRow(record.line, record.fields, headers, true);
        }
      } finally {
        await close();
      }
    }

    return {
      format: 'csv',
      headers,
      headerRowNumber: header.line,
      rows: rows(),
      get encoding() {
        return decoder.resolved ?? 'utf-8';
      },
      delimiter,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

// ------------------------------------------------------------------------------------------------------------
// XLSX

const plainNumber = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

/**
 * A number as plain text: no thousands separators, no exponent, at most 15 significant digits (so 0.1 + 0.2 is
 * "0.3"). A fraction of exactly three digits gets a trailing 0 ("1.2340"): "1.234" would read as Dutch thousands.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  const text = plainNumber.format(n === 0 ? 0 : n);
  return /\.\d{3}$/.test(text) ? `${text}0` : text;
}

/** A date as 'YYYY-MM-DD' (Excel dates are wall-clock dates, stored by exceljs as UTC). */
function isoDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  return date.toISOString().slice(0, 10);
}

/** The text of one exceljs cell value. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return '';
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText
      .map((part: unknown) =>
        part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
  }
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value ? cellText(value.result) : '';
  if ('error' in value) return typeof value.error === 'string' ? value.error : '';
  if ('text' in value) return cellText(value.text);
  return '';
}

function rowTexts(row: ExcelJS.Row): string[] {
  const texts: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    texts[column - 1] = cellText(cell.value);
  });
  return Array.from(texts, (t) => t ?? '');
}

function xlsxError(bytes: ByteReader, error: unknown): Error {
  if (bytes.sourceError !== undefined) return bytes.sourceError as Error;
  if (error instanceof FileFormatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  const zip =
    code.startsWith('Z_') ||
    /FILE_ENDED|signature|end of|unexpected end|compression|invalid (distance|block|stored|code)|header check/i.test(
      message,
    );
  return zip
    ? new FileFormatError('truncated_xlsx', 'The Excel file is incomplete or damaged.', { cause: error })
    : new FileFormatError('invalid_xlsx', 'The Excel file cannot be read.', { cause: error });
}

/**
 * The byte stream handed to exceljs. exceljs pipes it into unzipper, and a damaged deflate stream in a worksheet
 * makes unzipper emit 'error' on that pipe destination while exceljs keeps waiting for the entry to finish (a
 * hang). So this stream listens for errors on whatever it is piped into and reports them through `failed`.
 */
class XlsxInput extends Readable {
  /** Rejects with the first error of a pipe destination (the unzipper stream). */
  readonly failed: Promise<never>;
  private reject: (error: unknown) => void = () => {};
  private readonly chunks: AsyncGenerator<Buffer, void, undefined>;

  constructor(chunks: AsyncGenerator<Buffer, void, undefined>) {
    super();
    this.chunks = chunks;
    this.failed = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.failed.catch(() => {
      // Observed through race(); never an unhandled rejection.
    });
  }

  override _read(): void {
    this.chunks.next().then(
      (next) => {
        this.push(next.done ? null : next.value);
      },
      (error: unknown) => {
        this.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.chunks.return(undefined).then(
      () => callback(error),
      () => callback(error),
    );
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    destination.on('error', (error: unknown) => this.reject(error));
    return super.pipe(destination, options);
  }

  /** Waits for `promise`, unless the unzipper stream fails first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.failed]);
  }
}

/** Closes the file stream exceljs opened on a worksheet's temp file (it has none for a worksheet read directly). */
function releaseSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader | undefined): void {
  const stream: unknown = sheet ? Reflect.get(sheet, 'iterator') : undefined;
  if (stream instanceof Readable) stream.destroy();
}

async function openXlsx(bytes: ByteReader, _opts: OpenFileOptions): Promise<OpenedFile> {
  const input = new XlsxInput(bytes.chunks(true));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = workbook[Symbol.asyncIterator]();
  let sheet: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  let sheetRows: AsyncIterator<ExcelJS.Row> | undefined;

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    releaseSheet(sheet);
    // exceljs copies worksheets that come before the shared strings in the ZIP (as Excel writes them) to temp
    // files, after reading the whole ZIP, and removes each only when iteration moves past it. Move past all of
    // them without parsing, so no temp file outlives this file. Bounded, in case exceljs stalls.
    if (bytes.done) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 5000);
        timer.unref();
      });
      try {
        for (;;) {
          const next = await Promise.race([input.race(sheets.next()), deadline]);
          if (next === 'timeout' || next.done) break;
          releaseSheet(next.value);
        }
      } catch {
        // A broken rest of the file has nothing left to release.
      } finally {
        clearTimeout(timer);
      }
    }
    input.destroy();
    await bytes.close();
  };

  const nextRow = async (): Promise<{ number: number; texts: string[] } | undefined> => {
    if (!sheetRows) return undefined;
    try {
      const next = await input.race(sheetRows.next());
      if (next.done) {
        // The first worksheet is complete; a broken rest of the ZIP would still surface as an error here.
        return undefined;
      }
      return { number: next.value.number, texts: rowTexts(next.value) };
    } catch (error) {
      throw xlsxError(bytes, error);
    }
  };

  try {
    let first: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      first = await input.race(sheets.next());
    } catch (error) {
      throw xlsxError(bytes, error);
    }
    if (first.done) {
      if (bytes.sourceError !== undefined) throw bytes.sourceError;
      throw new FileFormatError(
        'unsupported_format',
        'The file has no worksheet: it is not an Excel (.xlsx) file.',
      );
    }
    sheet = first.value;
    sheetRows = sheet[Symbol.asyncIterator]();
    let header = await nextRow();
    while (header?.texts.every(isBlank)) header = await nextRow();
    if (!header) throw new FileFormatError('empty_file', 'The first worksheet is empty.');
    const headers = normaliseHeaders(header.texts);
    let previous = Number.isInteger(header.number) ? header.number : 1;
    const headerRowNumber = previous;

    async function* rows(): AsyncGenerator<FileRow, void, undefined> {
      try {
        for (;;) {
          const row = await nextRow();
          if (!row) return;
          const rowNumber = Number.isInteger(row.number) && row.number > previous ? row.number : previous + 1;
          previous = rowNumber;
          if (row.texts.every(isBlank)) continue;
          yield toFileRow(rowNumber, row.texts, headers, false);
        }
      } finally {
        await close();
      }
    }

    return {
      format: 'xlsx',
      headers,
      headerRowNumber,
      rows: rows(),
      encoding: undefined,
      delimiter: undefined,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
