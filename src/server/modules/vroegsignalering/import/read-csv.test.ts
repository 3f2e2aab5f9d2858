import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileFormatError } from './detect.ts';
import { type ByteSource, openFile, readRows } from './read.ts';
import { chunked, collect } from './test-fixtures.ts';

const CSV =
  'Achternaam;Postcode;Bedrag\r\nJansen;1234AB;1.234,56\r\nÇelik;2345CD;€ 75\r\nDe Wit-Ünal;3456EF;12\r\n';

async function read(bytes: Uint8Array, chunkSize = 1024) {
  const file = await openFile(chunked(bytes, chunkSize));
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

describe('openFile (CSV): encodings', () => {
  const expected = [
    { Achternaam: 'Jansen', Postcode: '1234AB', Bedrag: '1.234,56' },
    { Achternaam: 'Çelik', Postcode: '2345CD', Bedrag: '€ 75' },
    { Achternaam: 'De Wit-Ünal', Postcode: '3456EF', Bedrag: '12' },
  ];

  it('reads UTF-8 without BOM', async () => {
    const { file, cells } = await read(Buffer.from(CSV), 7);
    expect(file.headers).toEqual(['Achternaam', 'Postcode', 'Bedrag']);
    expect(cells).toEqual(expected);
    expect([file.encoding, file.delimiter]).toEqual(['utf-8', ';']);
  });

  it('reads UTF-8 with BOM (no BOM in the first header)', async () => {
    const { file, cells } = await read(Buffer.from(`\uFEFF${CSV}`), 2);
    expect(file.headers[0]).toBe('Achternaam');
    expect(cells).toEqual(expected);
    expect(file.encoding).toBe('utf-8-bom');
  });

  it('reads Windows-1252', async () => {
    const { file, cells } = await read(iconv.encode(CSV, 'windows-1252'), 5);
    expect(cells).toEqual(expected);
    expect(file.encoding).toBe('windows-1252');
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text", tab separated)', async () => {
    const text = CSV.replace(/;/g, '\t');
    const { file, cells } = await read(
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
      3,
    );
    expect(cells).toEqual(expected);
    expect([file.encoding, file.delimiter]).toEqual(['utf-16le', '\t']);
  });

  it('decides between UTF-8 and Windows-1252 at the first non-ASCII byte, even far beyond the sample', async () => {
    const filler = 'Jansen;1234AB;10\r\n'.repeat(10_000); // ~180 kB of ASCII
    const text = `Achternaam;Postcode;Bedrag\r\n${filler}Çelik;2345CD;€ 75\r\n`;
    for (const encoding of ['windows-1252', 'utf-8'] as const) {
      const { file, rows } = await read(iconv.encode(text, encoding), 4093);
      expect(rows).toHaveLength(10_001);
      expect(rows.at(-1)?.cells).toEqual({ Achternaam: 'Çelik', Postcode: '2345CD', Bedrag: '€ 75' });
      expect(file.encoding).toBe(encoding);
    }
  });
});

describe('openFile (CSV): delimiters, quoting and line numbers', () => {
  it('reads comma files with quoted fields holding the delimiter', async () => {
    const { file, cells } = await read(Buffer.from('Naam,Bedrag\n"Jansen, B.V.","1.234,56"\n"O""Brien",5\n'));
    expect(file.delimiter).toBe(',');
    expect(cells).toEqual([
      { Naam: 'Jansen, B.V.', Bedrag: '1.234,56' },
      { Naam: 'O"Brien', Bedrag: '5' },
    ]);
  });

  it('gives each record the line it starts on, across quoted line breaks and empty lines', async () => {
    const text = [
      'Naam;Opmerking;Bedrag', // 1
      'A;"twee', // 2
      'regels";1', // 3
      '', // 4
      'B;"drie\r', // 5 (CRLF inside the quotes)
      'regels', // 6
      'hier";2', // 7
      '   ', // 8: only spaces, skipped
      ';;', // 9: only delimiters, skipped
      'C;;3', // 10
    ].join('\r\n');
    const { cells, lines } = await read(Buffer.from(text.replace('drie\r\r\n', 'drie\r\n')), 3);
    expect(lines).toEqual([2, 5, 10]);
    expect(cells.map((c) => c.Opmerking)).toEqual(['twee\r\nregels', 'drie\r\nregels\r\nhier', '']);
  });

  it('counts lone LF and CR line endings the same way', async () => {
    for (const eol of ['\n', '\r']) {
      const text = ['Naam;Opmerking', 'A;"x', 'y"', '', 'B;z'].join(eol);
      expect((await read(Buffer.from(text))).lines).toEqual([2, 5]);
    }
  });

  it('skips empty lines before the header and an Excel sep= line', async () => {
    const { file, lines } = await read(Buffer.from('\r\nsep=;\r\nNaam;Bedrag\r\nA;1\r\n'));
    expect(file.headers).toEqual(['Naam', 'Bedrag']);
    expect(file.headerRowNumber).toBe(3);
    expect(lines).toEqual([4]);
  });

  it('normalises headers: trimmed, empty ones named, duplicates numbered, trailing empty ones dropped', async () => {
    const { file, cells } = await read(Buffer.from(' Naam ;;Naam;"  Datum\nsignaal ";\nA;x;B;1-1-2026;\n'));
    expect(file.headers).toEqual(['Naam', 'Kolom 2', 'Naam (2)', 'Datum signaal']);
    expect(cells).toEqual([{ Naam: 'A', 'Kolom 2': 'x', 'Naam (2)': 'B', 'Datum signaal': '1-1-2026' }]);
  });

  it('keeps a header called __proto__ as an ordinary column', async () => {
    const { cells } = await read(Buffer.from('__proto__;Naam\nx;A\n'));
    expect(Object.getOwnPropertyDescriptor(cells[0] ?? {}, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(cells[0])).toBe(Object.prototype);
  });

  it('reports rows with too many or too few columns, but not trailing empty fields', async () => {
    const { rows } = await read(Buffer.from('A;B;C\n1;2;3\n1;2;3;4\n1;2\n1;2;3;;\n1;"2;3"\n'));
    expect(rows.map((r) => [r.rowNumber, r.columnError?.code, r.columnError?.actual])).toEqual([
      [2, undefined, undefined],
      [3, 'too_many_columns', 4],
      [4, 'too_few_columns', 2],
      [5, undefined, undefined],
      [6, 'too_few_columns', 2],
    ]);
    expect(rows[1]?.cells).toEqual({ A: '1', B: '2', C: '3' });
    expect(rows[2]?.cells).toEqual({ A: '1', B: '2', C: '' });
  });

  it('gives the same rows whatever the chunk size', async () => {
    const text = `\uFEFFNaam;Opmerking\r\n"Zoë";"a\r\nb"\r\nÇelik;"€"\r\n`;
    const whole = await read(Buffer.from(text), 1 << 20);
    const bytes = await read(Buffer.from(text), 1);
    expect(bytes.rows).toEqual(whole.rows);
  });

  it('reads from a Node readable stream and from readRows', async () => {
    const file = await openFile(Readable.from([Buffer.from('Naam;Bedrag\nA;1\n'), Buffer.from('B;2\n')]));
    expect((await collect(file)).map((r) => r.cells.Naam)).toEqual(['A', 'B']);
    const names: string[] = [];
    for await (const row of readRows(chunked(Buffer.from('Naam;Bedrag\nA;1\nB;2\n'), 3), { format: 'csv' })) {
      names.push(row.cells.Naam ?? '');
    }
    expect(names).toEqual(['A', 'B']);
  });

  it('returns no rows for a file with only a header', async () => {
    const { file, rows } = await read(Buffer.from('Naam;Bedrag\r\n\r\n'));
    expect(file.headers).toEqual(['Naam', 'Bedrag']);
    expect(rows).toEqual([]);
  });
});

describe('openFile (CSV): broken files', () => {
  it('refuses an empty file and a file of blank lines', async () => {
    expect((await formatError(openFile(chunked(Buffer.alloc(0))))).code).toBe('empty_file');
    expect((await formatError(openFile(chunked(Buffer.from('\r\n \r\n;;\r\n'))))).code).toBe('empty_file');
  });

  it('refuses a truncated CSV (unterminated quote) with the line it starts on', async () => {
    const text = 'Naam;Opmerking\nA;ok\n\nB;"begint maar\nhoudt niet op\n';
    const error = await formatError(read(Buffer.from(text), 4));
    expect(error.code).toBe('unterminated_quote');
    expect(error.line).toBe(4);
  });

  it('refuses a record that grows without bound (stray quote) instead of buffering the file', async () => {
    const text = `Naam;Opmerking\nA;"stray\n${'x;y\n'.repeat(1000)}`;
    const opening = openFile(chunked(Buffer.from(text), 100), { maxRecordSize: 1000 });
    const error = await formatError(opening.then(collect));
    expect([error.code, error.line]).toEqual(['record_too_large', 2]);
  });

  it('refuses binary garbage', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await formatError(openFile(chunked(garbage)))).code).toBe('binary_file');
  });

  it('refuses content that contradicts an explicit format', async () => {
    const error = await formatError(openFile(chunked(Buffer.from('Naam;Bedrag\n')), { format: 'xlsx' }));
    expect(error.code).toBe('unsupported_format');
  });

  it('passes an error of the source itself through unchanged', async () => {
    const failure = new Error('connection reset');
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from(`Naam;Bedrag\n${'A;1\n'.repeat(20_000)}`);
      throw failure;
    }
    // It may surface while the header is read or later, but always as itself.
    await expect(openFile(failing()).then(collect)).rejects.toBe(failure);
  });

  it('releases the source when the reader stops early', async () => {
    let released = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('Naam;Bedrag\n');
        for (let i = 0; ; i++) yield Buffer.from(`A${i};1\n`.repeat(1000));
      } finally {
        released = true;
      }
    }
    const file = await openFile(source() as ByteSource);
    for await (const row of file.rows) if (row.rowNumber > 5000) break;
    await file.close();
    expect(released).toBe(true);
  });
});
