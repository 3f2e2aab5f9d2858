// The import helpers of the business-case screens: the refused lines of a price-list file (line and column, in the
// user's words), the file without those lines (numbered as the server numbers them), and the check of a "wat
// werkt" file before it is sent.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api.ts';
import { lineProblems, withoutLines } from './PriceListPages.tsx';
import { checkFile } from './WhatWorksPages.tsx';

// The key itself, or the server's reason where the screen has no words of its own.
const t = ((key: string, options?: { defaultValue?: string }) =>
  options?.defaultValue ?? key) as unknown as TFunction;

describe('price-list import', () => {
  it('names each refused line and column, the source in the column "bron"', () => {
    const error = new ApiProblem({
      title: 'Bad Request',
      status: 400,
      invalidParams: [
        { name: 'body.csv.line3.source', code: 'bron_ontbreekt', reason: 'Every amount needs its source' },
        { name: 'body.csv.line4.bedrag', code: 'invalid', reason: 'Not an amount in euros.' },
        { name: 'body.csv.prijsjaar', code: 'missing_column', reason: 'The column prijsjaar is missing.' },
        { name: 'body.validFrom', code: 'invalid_format', reason: 'Invalid date' },
      ],
    });
    expect(lineProblems(t, error)).toEqual([
      { row: 3, column: 'bron', message: 'businesscase.errors.bron_ontbreekt' },
      { row: 4, column: 'bedrag', message: 'Not an amount in euros.' },
      { row: null, column: 'prijsjaar', message: 'businesscase.errors.missing_column' },
    ]);
  });

  it('leaves out the refused lines, counting lines as the server does (header 1, empty lines not)', () => {
    const csv = 'code;bron\r\n\r\na;x\nb;\n\nc;y\n';
    expect(withoutLines(csv, new Set([3]))).toEqual({ csv: 'code;bron\na;x\nc;y\n', kept: 2 });
    expect(withoutLines(csv, new Set([2, 3, 4]))).toEqual({ csv: 'code;bron\n', kept: 0 });
  });
});

describe('"wat werkt" file check', () => {
  const file = {
    format: 'vangnet-wat-werkt',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    municipality: 'Voorbeeldstad',
    entries: [{ title: 'Energiecoach' }],
  };

  it('accepts a file of the format and refuses others with a reason', () => {
    expect(checkFile(t, JSON.stringify(file))).toEqual({ file, problem: null });
    expect(checkFile(t, `\uFEFF${JSON.stringify(file)}`).problem).toBeNull();
    expect(checkFile(t, 'not json').problem).toBe('businesscase.whatworks.notJson');
    expect(checkFile(t, '{"format":"iets"}').problem).toBe('businesscase.whatworks.notOurFormat');
    expect(checkFile(t, JSON.stringify({ ...file, version: 2 })).problem).toBe(
      'businesscase.whatworks.wrongVersion',
    );
    expect(checkFile(t, JSON.stringify({ ...file, entries: [] })).problem).toBe(
      'businesscase.whatworks.noEntries',
    );
  });
});
