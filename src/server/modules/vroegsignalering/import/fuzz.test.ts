// Property-based tests (fast-check): the CSV reader round-trips whatever a proper CSV writer writes, nothing but
// FileFormatError comes out of arbitrary bytes, and the value parsers and mapRow never throw and only report
// known codes.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidBsn } from '../../../../shared/bsn.ts';
import { SIGNAL_FIELDS, validateSignal } from '../../../../shared/schemas/signals.ts';
import { quoteCsvField } from './csv-safety.ts';
import { type Delimiter, FileFormatError } from './detect.ts';
import type { SignalField } from './fields.ts';
import { type ColumnMapping, suggestMapping } from './mapping.ts';
import { openFile } from './read.ts';
import { mapFileRow, mapRow, ROW_ERROR_CODES } from './row.ts';
import {
  buildDirectXlsx,
  buildXlsx,
  buildXlsxStreaming,
  chunked,
  collect,
  removeExceljsTempFiles,
} from './test-fixtures.ts';
import {
  parseAmountCents,
  parseBoolean,
  parseBsn,
  parseDate,
  parseHuisnummer,
  parseInteger,
  parsePostcode,
  VALUE_ERROR_CODES,
} from './values.ts';

afterAll(removeExceljsTempFiles);
const RUNS = { numRuns: 150 };

/** Line breaks a record adds, counted as a text editor does (CRLF once). */
const breaks = (cells: readonly string[]): number =>
  cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

/** Cell text: CSV-special characters mixed with arbitrary printable Unicode. */
const cellUnit = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '"',
      ';',
      ',',
      '\t',
      '\n',
      '\r',
      '\r\n',
      ' ',
      '""',
      'é',
      '€',
      '😀',
      '\uFEFF',
      "'",
      '=',
    ),
  },
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const cell = fc.string({ unit: cellUnit, maxLength: 12 });

/**
 * For Windows-1252 only ASCII plus letters whose byte is a UTF-8 lead byte (é = 0xE9): such bytes can never
 * form valid UTF-8 with what follows, so detection must find Windows-1252. (A real Windows-1252 text like "Ã©"
 * reads as valid UTF-8; no detector can tell those apart.)
 */
const cp1252Cell = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    '"',
    ';',
    ',',
    '\n',
    '\r\n',
    'é',
    'ë',
    'ï',
    'ö',
    'ü',
    'Ç',
    'à',
    'ß',
  ),
  maxLength: 10,
});

type Table = { delimiter: Delimiter; eol: string; rows: string[][]; bom: boolean; trailingEol: boolean };

const table = (cellArb: fc.Arbitrary<string>) =>
  fc.integer({ min: 2, max: 5 }).chain((columns) =>
    fc.record({
      delimiter: fc.constantFrom<Delimiter>(';', ',', '\t'),
      eol: fc.constantFrom('\r\n', '\n'),
      rows: fc.array(fc.array(cellArb, { minLength: columns, maxLength: columns }), { maxLength: 12 }),
      bom: fc.boolean(),
      trailingEol: fc.boolean(),
      columns: fc.constant(columns),
    }),
  );

function writeCsv(t: Table & { columns: number }): string {
  const headers = Array.from({ length: t.columns }, (_, i) => `kolom${i + 1}`);
  const lines = [headers, ...t.rows].map((r) =>
    r.map((c) => quoteCsvField(c, t.delimiter)).join(t.delimiter),
  );
  return lines.join(t.eol) + (t.trailingEol ? t.eol : '');
}

async function readBack(bytes: Buffer, chunkSize: number) {
  const file = await openFile(chunked(bytes, chunkSize));
  const rows = await collect(file);
  return { file, rows };
}

function expected(t: Table & { columns: number }) {
  const headers = Array.from({ length: t.columns }, (_, i) => `kolom${i + 1}`);
  let line = 2;
  const out: { rowNumber: number; cells: Record<string, string> }[] = [];
  for (const r of t.rows) {
    if (!isBlankRow(r))
      out.push({ rowNumber: line, cells: Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])) });
    line += breaks(r) + 1;
  }
  return { headers, rows: out };
}

describe('fuzz: CSV round trip', () => {
  it('reads back exactly what a quoting writer wrote (UTF-8, with or without BOM, any chunking)', async () => {
    await fc.assert(
      fc.asyncProperty(table(cell), fc.integer({ min: 1, max: 64 }), async (t, chunkSize) => {
        const text = writeCsv(t);
        const bytes = Buffer.from((t.bom ? '\uFEFF' : '') + text, 'utf8');
        const { file, rows } = await readBack(bytes, chunkSize);
        const want = expected(t);
        expect(file.delimiter).toBe(t.delimiter);
        expect(file.headers).toEqual(want.headers);
        expect(rows).toEqual(want.rows);
      }),
      RUNS,
    );
  });

  it('reads back exactly what was written in Windows-1252', async () => {
    await fc.assert(
      fc.asyncProperty(table(cp1252Cell), fc.integer({ min: 1, max: 64 }), async (t, chunkSize) => {
        const bytes = iconv.encode(writeCsv(t), 'windows-1252');
        const { rows } = await readBack(bytes, chunkSize);
        expect(rows).toEqual(expected(t).rows);
      }),
      RUNS,
    );
  });
});

/** Runs the whole reader over the bytes; resolves with the error it threw, or undefined. Fails on a hang. */
async function readAll(bytes: Uint8Array, chunkSize = 97): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`reader hangs on ${Buffer.from(bytes).toString('base64')}`)),
      10_000,
    );
  });
  try {
    await Promise.race([
      (async () => {
        const file = await openFile(chunked(bytes, chunkSize));
        for await (const row of file.rows) mapFileRow(row, suggestMapping(file.headers));
      })(),
      hang,
    ]);
    return undefined;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('reader hangs')) throw error;
    return error;
  } finally {
    clearTimeout(timer);
  }
}

const onlyFileFormatErrors = (error: unknown) => {
  if (error !== undefined && !(error instanceof FileFormatError)) throw error;
};

describe('fuzz: nothing but FileFormatError', () => {
  it('on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) =>
        onlyFileFormatErrors(await readAll(bytes)),
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes behind a ZIP signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) =>
        onlyFileFormatErrors(await readAll(Buffer.concat([Buffer.from('PK\x03\x04'), bytes]))),
      ),
      RUNS,
    );
  });

  it('on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 500 }), async (text) =>
        onlyFileFormatErrors(await readAll(Buffer.from(text, 'utf8'), 13)),
      ),
      RUNS,
    );
  });

  it('on damaged CSV and XLSX files (flipped bytes, cut anywhere)', async () => {
    const csv = Buffer.from(
      '\uFEFFAchternaam;Postcode;Huisnummer;Bedrag;Datum signaal\r\n' +
        'Jansen;1234AB;12;"1.234,56";15-01-2026\r\nÇelik;2345 cd;7-II;€ 75;1-2-26\r\n',
    );
    const table = [
      ['Achternaam', 'Postcode', 'Huisnummer', 'Bedrag', 'Datum signaal'],
      ['Jansen', '1234AB', 12, 1234.56, new Date(Date.UTC(2026, 0, 15))],
      ['Çelik', '2345 cd', '7-II', 75, 46037],
    ];
    const xlsx = await buildXlsx(table);
    const streamed = await buildXlsxStreaming(table);
    const direct = buildDirectXlsx([
      ['Achternaam', 'Postcode', 'Huisnummer'],
      ['Jansen', '1234AB', '12'],
    ]);
    const damage = fc.record({
      original: fc.constantFrom(csv, xlsx, streamed, direct),
      flips: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ original, flips, cut }) => {
        const bytes = Buffer.from(original);
        for (const { at, byte } of flips) bytes[at % bytes.length] = byte;
        const damaged = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
        onlyFileFormatErrors(await readAll(damaged, 211));
      }),
      { numRuns: 400 },
    );
  });
});

describe('fuzz: value parsers', () => {
  const valueCodes = new Set<string>(VALUE_ERROR_CODES);
  const dutchish = fc.string({
    unit: fc.constantFrom(
      '0',
      '1',
      '2',
      '5',
      '9',
      '.',
      ',',
      '-',
      '+',
      '/',
      ' ',
      '€',
      'EUR',
      '(',
      ')',
      'e',
      'a',
      'jan',
      'T',
      ':',
      '=',
    ),
    maxLength: 16,
  });
  const anything = fc.oneof(dutchish, fc.string({ unit: 'binary', maxLength: 24 }));
  const settled = <T>(r: { ok: true; value: T } | { ok: false; code: string }) => {
    if (!r.ok) expect(valueCodes.has(r.code)).toBe(true);
    return r;
  };

  it('never throw, and give a well-formed value or a known code', () => {
    fc.assert(
      fc.property(anything, (raw) => {
        const amount = settled(parseAmountCents(raw));
        if (amount.ok) expect(Number.isSafeInteger(amount.value)).toBe(true);
        const date = settled(parseDate(raw));
        if (date.ok) {
          expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${date.value}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date.value);
        }
        settled(parseDate(raw, { order: 'ymd' }));
        const bool = settled(parseBoolean(raw));
        if (bool.ok) expect(typeof bool.value).toBe('boolean');
        const nr = settled(parseHuisnummer(raw));
        if (nr.ok) expect(Number.isSafeInteger(nr.value.huisnummer)).toBe(true);
        const postcode = settled(parsePostcode(raw));
        if (postcode.ok) expect(postcode.value).toMatch(/^[1-9]\d{3}[A-Z]{2}$/);
        const bsn = settled(parseBsn(raw));
        if (bsn.ok) expect(isValidBsn(bsn.value)).toBe(true);
        const int = settled(parseInteger(raw));
        if (int.ok) expect(Number.isSafeInteger(int.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('read amounts in every notation the same way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (cents) => {
        const euros = Math.floor(cents / 100);
        const frac = String(cents % 100).padStart(2, '0');
        const dutch = `${euros.toLocaleString('nl-NL')},${frac}`;
        const english = `${euros.toLocaleString('en-US')}.${frac}`;
        for (const text of [dutch, english, `€ ${dutch}`, `${euros},${frac}`, `EUR ${euros}.${frac}`]) {
          expect(parseAmountCents(text)).toEqual({ ok: true, value: cents });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('fuzz: mapRow', () => {
  const known = new Set<string>(ROW_ERROR_CODES);
  const headers = [
    'Achternaam',
    'Postcode',
    'Huisnummer',
    'Bedrag',
    'Datum signaal',
    'BSN',
    'Afsluiting',
    '__proto__',
  ];
  const value = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'Jansen',
      '1234AB',
      '12A-3',
      '1.234,56',
      '-75',
      '15-01-2026',
      '01-01-2099',
      '123456782',
      'ja',
      '\uFFFD',
    ),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const header = fc.oneof(
    fc.constantFrom(...headers),
    fc.constantFrom('constructor', 'toString', ''),
    fc.string({ maxLength: 6 }),
  );
  const field = fc.constantFrom<SignalField>(...SIGNAL_FIELDS);
  const mapping: fc.Arbitrary<ColumnMapping> = fc.oneof(
    fc.constant(suggestMapping(headers)),
    fc.record(
      {
        columns: fc.dictionary(field, header, { maxKeys: 12 }),
        constants: fc.dictionary(field, value, { maxKeys: 4 }),
        dateOrder: fc.constantFrom<'dmy' | 'ymd'>('dmy', 'ymd'),
      },
      { requiredKeys: ['columns'] },
    ),
  );
  const cells = fc.dictionary(fc.oneof(fc.constantFrom(...headers), fc.string({ maxLength: 6 })), value, {
    maxKeys: 10,
  });

  it('never throws, gives a valid signal or only known codes', () => {
    fc.assert(
      fc.property(cells, mapping, (c, m) => {
        const result = mapRow(c, m);
        if (result.ok) {
          expect(validateSignal(result.signal).ok).toBe(true);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(known.has(e.code), `unknown code ${e.code}`).toBe(true);
            expect(typeof e.column).toBe('string');
            expect(typeof e.field).toBe('string');
          }
        }
        const fileRow = mapFileRow(
          { rowNumber: 2, cells: c, columnError: { code: 'too_few_columns', expected: 3, actual: 2 } },
          m,
        );
        expect(fileRow.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
