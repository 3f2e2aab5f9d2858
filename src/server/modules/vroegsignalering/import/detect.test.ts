import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, detectFormat, FileFormatError } from './detect.ts';
import { buildXlsx } from './test-fixtures.ts';

function formatError(fn: () => unknown): FileFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error('expected a FileFormatError');
}

describe('detectEncoding', () => {
  it('recognises UTF-8 with BOM, UTF-8 without BOM and falls back to Windows-1252', () => {
    expect(detectEncoding(Buffer.from('\uFEFFNaam;Bedrag\nÇelik;1'))).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from('Naam;Bedrag\nÇelik;€ 1'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Naam;Bedrag\n'))).toBe('utf-8');
    expect(detectEncoding(iconv.encode('Naam;Bedrag\nÇelik;€ 1', 'windows-1252'))).toBe('windows-1252');
  });

  it('accepts a UTF-8 sample cut in the middle of a character', () => {
    const bytes = Buffer.from('Naam\nZoë');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });

  it('recognises UTF-16 by its BOM', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x4e, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x4e]))).toBe('utf-16be');
  });
});

describe('detectDelimiter', () => {
  it('picks ; or , or tab by counting outside quotes', () => {
    expect(detectDelimiter('Naam;Bedrag;Datum\nJansen;1,50;01-01-2026\n')).toBe(';');
    expect(detectDelimiter('Naam,Bedrag,Datum\n"Jansen; B.V.","1,50",01-01-2026\n')).toBe(',');
    expect(detectDelimiter('Naam\tBedrag\nJansen\t1,50\n')).toBe('\t');
  });

  it('is not misled by delimiters inside quoted fields, also across line breaks', () => {
    const text = 'Naam;Opmerking;Bedrag\n"A";"een, twee\ndrie, vier, vijf";1\n"B";"x,y,z";2\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('follows an Excel sep= line and defaults to ;', () => {
    expect(detectDelimiter('sep=,\nNaam,Bedrag\n')).toBe(',');
    expect(detectDelimiter('Naam\nJansen\n')).toBe(';');
  });
});

describe('detectFormat', () => {
  it('recognises XLSX by the ZIP magic and text as CSV, whatever the name says', async () => {
    expect(detectFormat(await buildXlsx([['Naam']]), 'signalen.csv')).toBe('xlsx');
    expect(detectFormat(Buffer.from('Naam;Bedrag\n'), 'export.xls')).toBe('csv');
  });

  it('refuses empty files', () => {
    expect(formatError(() => detectFormat(Buffer.alloc(0))).code).toBe('empty_file');
    expect(formatError(() => detectFormat(Buffer.from('\uFEFF \r\n\n'))).code).toBe('empty_file');
  });

  it('refuses binary garbage', () => {
    const garbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256));
    expect(formatError(() => detectFormat(garbage, 'x.csv')).code).toBe('binary_file');
    expect(formatError(() => detectFormat(Buffer.from('Naam;Bedrag\n\0\0\0'))).code).toBe('binary_file');
    const controls = Buffer.from('Naam\x01\x02\x03\x04;Bedrag\x05\x06\n');
    expect(formatError(() => detectFormat(controls)).code).toBe('binary_file');
  });

  it('refuses other spreadsheet and document formats with unsupported_format', () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(formatError(() => detectFormat(ole2, 'oud.xls')).code).toBe('unsupported_format');
    expect(formatError(() => detectFormat(Buffer.from('%PDF-1.7\n'))).code).toBe('unsupported_format');
    expect(formatError(() => detectFormat(Buffer.from('<html><table><tr><td>1'))).code).toBe(
      'unsupported_format',
    );
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(22),
      Buffer.from([8, 0, 0, 0]),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    expect(formatError(() => detectFormat(ods, 'x.ods')).code).toBe('unsupported_format');
  });

  it('calls a ZIP too short to hold an entry a truncated XLSX', () => {
    expect(formatError(() => detectFormat(Buffer.from('PK\x03\x04\x14\x00'))).code).toBe('truncated_xlsx');
  });
});
