import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFormatError } from './detect.ts';
import { cellText, numberText, openFile } from './read.ts';
import {
  buildDirectXlsx,
  buildXlsx,
  buildXlsxStreaming,
  buildZip,
  chunked,
  collect,
  removeExceljsTempFiles,
} from './test-fixtures.ts';

afterAll(removeExceljsTempFiles);
async function read(bytes: Uint8Array, chunkSize = 4096) {
  const file = await openFile(chunked(bytes, chunkSize), { fileName: 'signalen.xlsx' });
  const rows = await collect(file);
  return { file, rows, cells: rows.map((r) => r.cells), lines: rows.map((r) => r.rowNumber) };
}

async function formatError(promise: Promise<unknown>): Promise<FileFormatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error('expected a FileFormatError');
}

const HEADER = [
  'Achternaam',
  'Bedrag',
  'Datum signaal',
  'BSN',
  'Huisnummer',
  'Warme overdracht',
  'Opmerking',
];

describe('openFile (XLSX)', () => {
  it('reads the first worksheet, converting cells to text', async () => {
    const bytes = await buildXlsx(
      [
        HEADER,
        [
          'Jansen',
          1234.56,
          new Date(Date.UTC(2026, 0, 15)),
          12345672,
          12,
          true,
          { richText: [{ text: 'vet' }, { text: ' en niet' }] },
        ],
        [],
        ['Çelik', 1.234, 46037, '012345672', '12A', false, { formula: 'B2*2', result: 2469.12 }],
        ['Groot', 1234567.5, 46037.5, 123456782, 7, 'ja', { formula: 'NA()', result: { error: '#N/A' } }],
      ],
      { numFmts: { 2: '#,##0.00', 3: 'dd-mm-yyyy' } },
    );
    const { file, cells, lines } = await read(bytes, 512);
    expect([file.format, file.encoding, file.delimiter, file.headerRowNumber]).toEqual([
      'xlsx',
      undefined,
      undefined,
      1,
    ]);
    expect(file.headers).toEqual(HEADER);
    expect(lines).toEqual([2, 4, 5]);
    expect(cells).toEqual([
      {
        Achternaam: 'Jansen',
        Bedrag: '1234.56',
        'Datum signaal': '2026-01-15',
        BSN: '12345672',
        Huisnummer: '12',
        'Warme overdracht': 'true',
        Opmerking: 'vet en niet',
      },
      {
        Achternaam: 'Çelik',
        Bedrag: '1.2340',
        'Datum signaal': '2026-01-15',
        BSN: '012345672',
        Huisnummer: '12A',
        'Warme overdracht': 'false',
        Opmerking: '2469.12',
      },
      {
        Achternaam: 'Groot',
        Bedrag: '1234567.5',
        'Datum signaal': '2026-01-15',
        BSN: '123456782',
        Huisnummer: '7',
        'Warme overdracht': 'ja',
        Opmerking: '', // exceljs' streaming reader turns an error result of a formula into NaN
      },
    ]);
  });

  it('finds a header below title rows and reports data beyond the header as too many columns', async () => {
    const bytes = await buildXlsx(
      [
        ['Achternaam', 'Bedrag'],
        ['Jansen', 5],
        ['Smit', 6, 'los'],
        ['Bakker', 7, ''],
      ],
      { startRow: 3 },
    );
    const { file, rows } = await read(bytes);
    expect(file.headerRowNumber).toBe(3);
    expect(rows.map((r) => [r.rowNumber, r.columnError?.code])).toEqual([
      [4, undefined],
      [5, 'too_many_columns'],
      [6, undefined],
    ]);
  });

  it('reads files from the streaming writer (data descriptors; shared and inline strings)', async () => {
    const data = [HEADER, ['Jansen', 10, '15-01-2026', '', 3, 'nee', 'a']];
    for (const shared of [true, false]) {
      const { file, cells } = await read(await buildXlsxStreaming(data, shared), 100);
      expect(file.headers).toEqual(HEADER);
      expect(cells[0]).toMatchObject({ Achternaam: 'Jansen', Bedrag: '10', 'Datum signaal': '15-01-2026' });
    }
  });

  it('reads a worksheet that exceljs takes straight from the ZIP (shared strings first)', async () => {
    const bytes = buildDirectXlsx([
      ['Naam', 'Bedrag'],
      ['Jansen & Zn', '10'],
      ['Smit', ''],
    ]);
    const { file, cells } = await read(bytes, 64);
    expect(file.headers).toEqual(['Naam', 'Bedrag']);
    expect(cells).toEqual([
      { Naam: 'Jansen & Zn', Bedrag: '10' },
      { Naam: 'Smit', Bedrag: '' },
    ]);
  });

  it('leaves no temp files behind, also when the reader stops early', async () => {
    // exceljs copies worksheets that precede the shared strings to temp files named tmp-<pid>-…
    // Compared by name: another test file in the same process may remove a temp file of its own meanwhile.
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = ours();
    const many = [
      HEADER,
      ...Array.from({ length: 300 }, (_, i) => [`Naam ${i}`, i, '01-01-2026', '', i, '', '']),
    ];
    for (const bytes of [
      await buildXlsx(many),
      await buildXlsxStreaming(many),
      buildDirectXlsx([['Naam'], ['A'], ['B']]),
    ]) {
      const partial = await openFile(chunked(bytes, 1000));
      for await (const row of partial.rows) if (row.rowNumber >= 2) break;
      await partial.close();
      await collect(await openFile(chunked(bytes, 1000)));
      const unread = await openFile(chunked(bytes, 1000));
      await unread.close();
    }
    await sleep(200); // the removal is asynchronous
    expect(ours().filter((f) => !before.includes(f))).toEqual([]);
  });

  it('passes an error of the source itself through unchanged', async () => {
    const bytes = await buildXlsx([HEADER, ['Jansen', 1, '', '', 1, '', '']]);
    const failure = new Error('disk read error');
    async function* failing(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, 2000);
      throw failure;
    }
    await expect(openFile(failing()).then(collect)).rejects.toBe(failure);
  });

  it('refuses a truncated XLSX wherever it is cut', async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 200 }, (_, i) => [`Naam ${i}`, i, '01-01-2026', '', i, '', '']),
    ];
    const bytes = await buildXlsx(rows);
    for (const fraction of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
      const cut = bytes.subarray(0, Math.max(4, Math.floor(bytes.length * fraction)));
      const error = await formatError(read(cut, 256));
      expect(['truncated_xlsx', 'invalid_xlsx']).toContain(error.code);
    }
  });

  it('refuses garbage behind a ZIP signature', async () => {
    const garbage = Buffer.concat([
      Buffer.from('PK\x03\x04'),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 131 + 7) % 256)),
    ]);
    expect((await formatError(read(garbage))).code).toBe('truncated_xlsx');
  });

  it('refuses a ZIP without a worksheet and an empty worksheet', async () => {
    const zip = buildZip({ 'word/document.xml': '<w:document/>', 'readme.txt': 'hallo' });
    expect((await formatError(read(zip))).code).toBe('unsupported_format');
    expect((await formatError(read(await buildXlsx([])))).code).toBe('empty_file');
  });

  it('refuses broken XML inside a worksheet', async () => {
    const zip = buildZip({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>' +
        '<row r="2"><c r="A2" <<<</row></sheetData></worksheet>',
    });
    expect((await formatError(read(zip))).code).toBe('invalid_xlsx');
  });
});

describe('cell conversion', () => {
  it('writes numbers plainly, without thousands separators, exponents or float noise', () => {
    expect(numberText(1234567.5)).toBe('1234567.5');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(-0)).toBe('0');
    expect(numberText(1.234)).toBe('1.2340');
    expect(numberText(Number.NaN)).toBe('');
  });

  it('converts every exceljs value shape', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(new Date(Number.NaN))).toBe('');
    expect(cellText({ text: 'link', hyperlink: 'https://example.org' })).toBe('link');
    expect(cellText({ sharedFormula: 'A1', result: 5 })).toBe('5');
    expect(cellText({ formula: 'A1' })).toBe('');
  });
});
