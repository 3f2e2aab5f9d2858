// Helpers for the import tests: sources that deliver a buffer in small chunks, and XLSX files built in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FileRow, OpenedFile } from './read.ts';

/** A buffer as an async iterable of chunks (small chunks exercise every chunk boundary). */
export async function* chunked(buf: Uint8Array, size = 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield Buffer.from(buf.subarray(i, i + size));
}

export async function collect(file: OpenedFile): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

export type XlsxCell = ExcelJS.CellValue;

/** An .xlsx in memory: the first sheet gets `rows` (row 1 first); `numFmts` sets a number format per column. */
export async function buildXlsx(
  rows: readonly (readonly XlsxCell[])[],
  opts: { numFmts?: Record<number, string>; extraSheetFirst?: boolean; startRow?: number } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Signalen');
  const start = opts.startRow ?? 1;
  rows.forEach((values, i) => {
    const row = sheet.getRow(start + i);
    values.forEach((value, c) => {
      row.getCell(c + 1).value = value;
    });
    row.commit();
  });
  for (const [column, numFmt] of Object.entries(opts.numFmts ?? {}))
    sheet.getColumn(Number(column)).numFmt = numFmt;
  workbook.addWorksheet('Toelichting').getCell('A1').value = 'Second sheet, ignored';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An .xlsx written by exceljs' streaming writer (ZIP with data descriptors, inline strings or shared strings). */
export async function buildXlsxStreaming(
  rows: readonly (readonly XlsxCell[])[],
  useSharedStrings = true,
): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => out.on('end', () => resolve()));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings });
  const sheet = workbook.addWorksheet('Signalen');
  for (const values of rows) sheet.addRow([...values]).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** A minimal ZIP (stored entries) with the given files, for archives that are ZIP but not XLSX. */
export function buildZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A hand-made .xlsx whose shared strings come before the worksheets in the ZIP, so exceljs reads the worksheet
 * straight from the ZIP (Excel and exceljs itself put the worksheets first, which exceljs copies to temp files).
 */
export function buildDirectXlsx(rows: readonly (readonly string[])[]): Buffer {
  const strings: string[] = [];
  const index = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const sheetRows = rows
    .map((cells, r) => {
      const cs = cells.map(
        (c, i) => `<c r="${String.fromCharCode(65 + i)}${r + 1}" t="s"><v>${index(c)}</v></c>`,
      );
      return `<row r="${r + 1}">${cs.join('')}</row>`;
    })
    .join('');
  return buildZip({
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      '<sheet name="Signalen" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings
      .map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`)
      .join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

/**
 * exceljs copies worksheets to temp files (tmp-<pid>-…) and cannot remove them when a damaged file makes it fail
 * halfway; tests that feed it damaged files remove this process's leftovers afterwards.
 */
export function removeExceljsTempFiles(): void {
  const prefix = `tmp-${process.pid}-`;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(os.tmpdir(), name), { force: true });
  }
}
