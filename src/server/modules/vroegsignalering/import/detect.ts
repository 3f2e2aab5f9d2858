// Detection of format, text encoding and delimiter of a partner file from its first bytes. Pure functions:
// read.ts calls them on a sample of the stream (SAMPLE_BYTES) before it starts parsing.
import iconv from 'iconv-lite';

/** How many bytes read.ts buffers to detect format, encoding and delimiter. */
export const SAMPLE_BYTES = 64 * 1024;

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ';' | ',' | '\t';

/** Stable codes of problems with the file as a whole (not with one row). */
export const FILE_FORMAT_ERROR_CODES = [
  'empty_file',
  'binary_file',
  'unsupported_format',
  'truncated_xlsx',
  'invalid_xlsx',
  'unterminated_quote',
  'record_too_large',
  'invalid_csv',
] as const;
export type FileFormatErrorCode = (typeof FILE_FORMAT_ERROR_CODES)[number];

/** The file cannot be read at all. `code` is stable (for translation); `line` is set when known. */
export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
  readonly code: FileFormatErrorCode;
  readonly line: number | undefined;

  constructor(code: FileFormatErrorCode, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.line = options.line;
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const GZIP_MAGIC = [0x1f, 0x8b];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** True when `bytes` is valid UTF-8; an incomplete sequence at the very end is allowed (the sample is cut). */
export function isValidUtf8(bytes: Uint8Array, allowIncompleteEnd = true): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: allowIncompleteEnd });
    return true;
  } catch {
    return false;
  }
}

/**
 * The text encoding of a CSV from its first bytes: a BOM decides; otherwise valid UTF-8 (plain ASCII included) is
 * UTF-8 and anything else Windows-1252 (what Excel "CSV (gescheiden door lijstscheidingsteken)" writes).
 */
export function detectEncoding(firstBytes: Uint8Array): TextEncoding {
  if (startsWith(firstBytes, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(firstBytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(firstBytes, [0xfe, 0xff])) return 'utf-16be';
  return isValidUtf8(firstBytes) ? 'utf-8' : 'windows-1252';
}

/** True when the bytes are plain ASCII, so UTF-8 and Windows-1252 are both still possible for what follows. */
export function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

/** Counts bytes that never occur in a text file: NUL and C0 controls other than tab, LF, FF, CR and DOS EOF. */
function controlBytes(bytes: Uint8Array): { nul: number; control: number } {
  let nul = 0;
  let control = 0;
  for (const b of bytes) {
    if (b === 0) nul++;
    else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) || b === 0x7f)
      control++;
  }
  return { nul, control };
}

function zipFirstEntryName(bytes: Uint8Array): string | undefined {
  if (bytes.length < 30) return undefined;
  const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  if (bytes.length < 30 + nameLength) return undefined;
  return Buffer.from(bytes.subarray(30, 30 + nameLength)).toString('latin1');
}

/**
 * 'xlsx' for a ZIP file, 'csv' for text. The content decides, not the file name (systems that export "Excel"
 * files with a .xls name but CSV content are common). Throws FileFormatError for an empty file, binary garbage, an
 * old .xls (OLE2), OpenDocument, PDF, gzip, HTML/XML "spreadsheets" and a ZIP too short to be one.
 */
export function detectFormat(firstBytes: Uint8Array, fileName?: string): FileFormat {
  const name = fileName ? ` (${fileName})` : '';
  if (firstBytes.length === 0) throw new FileFormatError('empty_file', `The file is empty${name}.`);
  if (startsWith(firstBytes, ZIP_MAGIC)) {
    if (firstBytes.length < 30) {
      throw new FileFormatError('truncated_xlsx', `The Excel file is incomplete or damaged${name}.`);
    }
    const first = zipFirstEntryName(firstBytes);
    if (first === 'mimetype') {
      throw new FileFormatError(
        'unsupported_format',
        `OpenDocument files are not supported${name}: save the sheet as .xlsx or CSV.`,
      );
    }
    return 'xlsx';
  }
  if (startsWith(firstBytes, EMPTY_ZIP_MAGIC)) {
    throw new FileFormatError('empty_file', `The ZIP/Excel file is empty${name}.`);
  }
  if (startsWith(firstBytes, OLE2_MAGIC)) {
    throw new FileFormatError(
      'unsupported_format',
      `Old Excel files (.xls) are not supported${name}: save the sheet as .xlsx or CSV.`,
    );
  }
  if (startsWith(firstBytes, PDF_MAGIC)) {
    throw new FileFormatError('unsupported_format', `PDF files are not supported${name}.`);
  }
  if (startsWith(firstBytes, GZIP_MAGIC)) {
    throw new FileFormatError('unsupported_format', `Compressed (gzip) files are not supported${name}.`);
  }
  const encoding = detectEncoding(firstBytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const text = decodeSample(firstBytes, encoding);
    if (text.trim() === '') throw new FileFormatError('empty_file', `The file is empty${name}.`);
    if (controlChars(text) > Math.max(2, text.length / 100)) {
      throw new FileFormatError('binary_file', `This is not a text (CSV) file${name}.`);
    }
    return 'csv';
  }
  const { nul, control } = controlBytes(firstBytes);
  if (nul > 0 || control > Math.max(2, firstBytes.length / 100)) {
    throw new FileFormatError('binary_file', `This is not a CSV or Excel (.xlsx) file${name}.`);
  }
  const text = decodeSample(firstBytes, encoding);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new FileFormatError('empty_file', `The file is empty${name}.`);
  if (/^<(\?xml|!doctype|html|table|workbook)/i.test(trimmed)) {
    throw new FileFormatError(
      'unsupported_format',
      `HTML/XML exports are not supported${name}: save the sheet as .xlsx or CSV.`,
    );
  }
  return 'csv';
}

function controlChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) n++;
  }
  return n;
}

/** Decodes a sample with the detected encoding (BOM stripped; an incomplete last character is dropped). */
export function decodeSample(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return new TextDecoder('utf-8').decode(bytes, { stream: true });
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(bytes, { stream: true });
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(bytes, { stream: true });
    case 'windows-1252':
      return iconv.decode(bytes, 'windows-1252');
  }
}

const CANDIDATES: readonly Delimiter[] = [';', ',', '\t'];

/**
 * Counts each candidate delimiter outside quoted fields per logical line (quoted line breaks do not end a line)
 * on the first lines of the sample; the delimiter the header line has and most other lines have the same number
 * of wins. An Excel "sep=;" first line decides. Without any candidate in the header line: ';'.
 */
export function detectDelimiter(sampleText: string, maxLines = 20): Delimiter {
  const text = sampleText.replace(/^\uFEFF/, '');
  const sep = /^sep=([;,\t])\s*(\r\n|\n|\r|$)/i.exec(text);
  if (sep?.[1]) return sep[1] as Delimiter;
  let best: { delimiter: Delimiter; consistency: number; header: number } | undefined;
  for (const delimiter of CANDIDATES) {
    const counts = countPerLine(text, delimiter, maxLines);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistency = counts.filter((c) => c === header).length / counts.length;
    if (
      !best ||
      consistency > best.consistency ||
      (consistency === best.consistency && header > best.header)
    ) {
      best = { delimiter, consistency, header };
    }
  }
  return best?.delimiter ?? ';';
}

/** Delimiter counts per non-empty logical line; the last line is left out when the sample cuts it. */
function countPerLine(text: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let count = 0;
  let inQuotes = false;
  let fieldStart = true;
  let lineHasContent = false;
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      lineHasContent = true;
    } else if (ch === delimiter) {
      count++;
      fieldStart = true;
      lineHasContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (lineHasContent) counts.push(count);
      count = 0;
      fieldStart = true;
      lineHasContent = false;
    } else {
      fieldStart = false;
      if (ch !== ' ') lineHasContent = true;
    }
  }
  // A last line without line break counts only when it is the first (a one-line sample).
  if (lineHasContent && counts.length === 0) counts.push(count);
  return counts;
}
