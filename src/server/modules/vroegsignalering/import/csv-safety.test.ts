import { describe, expect, it } from 'vitest';
import { errorReportCsv, neutraliseCell, quoteCsvField, toCsv } from './csv-safety.ts';
import { openFile } from './read.ts';
import { chunked, collect } from './test-fixtures.ts';

describe('neutraliseCell', () => {
  it.each(['=HYPERLINK("http://x")', '+31612345678', '-75', '@SUM(A1)', '\tx', '\rx', '＝1+1'])(
    'prefixes %j with a quote',
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  it.each(['Jansen', '', ' =1', '75', "'al", '1+1'])('leaves %j alone', (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header, CRLF lines, quoting where needed and neutralised cells', () => {
    const csv = toCsv(
      [
        { row: 2, column: 'Bedrag', code: 'invalid_amount', message: 'Not an amount' },
        { row: 3, column: '=cmd|"/c calc"!A1', code: 'x', message: 'twee; "regels"\nhier' },
      ],
      ['row', 'column', 'code', 'message'],
    );
    expect(csv).toBe(
      '\uFEFFrow;column;code;message\r\n' +
        '2;Bedrag;invalid_amount;Not an amount\r\n' +
        `3;"'=cmd|""/c calc""!A1";x;"twee; ""regels""\nhier"\r\n`,
    );
  });

  it('quotes for the chosen delimiter only', () => {
    expect(quoteCsvField('a;b', ',')).toBe('a;b');
    expect(quoteCsvField('a,b', ',')).toBe('"a,b"');
  });

  it('produces an error report that reads back as the same (neutralised) values', async () => {
    const report = errorReportCsv([
      { row: 4, column: 'Naam', code: 'required', message: 'Required' },
      { row: 5, column: '@Bedrag', code: 'too_small', message: 'Negative amount; "-75"' },
    ]);
    const file = await openFile(chunked(Buffer.from(report), 7));
    expect(file.headers).toEqual(['row', 'column', 'code', 'message']);
    expect((await collect(file)).map((r) => r.cells)).toEqual([
      { row: '4', column: 'Naam', code: 'required', message: 'Required' },
      { row: '5', column: "'@Bedrag", code: 'too_small', message: 'Negative amount; "-75"' },
    ]);
  });
});
