import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WijkPostcodeRangesBody } from '../../../shared/schemas/queues.ts';
import {
  overlapProblems,
  PostcodeMap,
  parsePostcode,
  type RoutedRange,
  rangeProblems,
  rangesOverlap,
} from './policy.ts';

describe('postcode ranges', () => {
  it('normalises postcodes to upper case without spaces and refuses anything else', () => {
    const parsed = WijkPostcodeRangesBody.parse({ ranges: [{ from: ' 1234 ab', to: '1234Az' }] });
    expect(parsed.ranges).toEqual([{ from: '1234AB', to: '1234AZ' }]);
    for (const bad of ['0123', '123', '12345', '1234A', '1234ABC', 'ABCD', '1234-AB']) {
      expect(WijkPostcodeRangesBody.safeParse({ ranges: [{ from: bad, to: '9999' }] }).success, bad).toBe(
        false,
      );
    }
    expect(parsePostcode('1234 ab')).toEqual({ pc6: '1234AB', pc4: '1234' });
    expect(parsePostcode('1234')).toEqual({ pc6: null, pc4: '1234' });
    expect(parsePostcode('nope')).toBeNull();
  });

  it('overlaps only ranges of the same length', () => {
    expect(rangesOverlap({ from: '1000', to: '1009' }, { from: '1009', to: '1020' })).toBe(true);
    expect(rangesOverlap({ from: '1000', to: '1009' }, { from: '1010', to: '1020' })).toBe(false);
    expect(rangesOverlap({ from: '1000', to: '1009' }, { from: '1005AA', to: '1005ZZ' })).toBe(false);
    expect(rangesOverlap({ from: '1005AA', to: '1005KZ' }, { from: '1005KZ', to: '1005ZZ' })).toBe(true);
    expect(rangesOverlap({ from: '1005AA', to: '1005KY' }, { from: '1005KZ', to: '1005ZZ' })).toBe(false);
  });

  it('reports mixed formats, reversed ranges and overlaps within the list', () => {
    expect(rangeProblems([{ from: '1000', to: '1000AB' }])).toEqual([
      expect.objectContaining({ name: 'body.ranges.0', code: 'mixed_formats' }),
    ]);
    expect(
      rangeProblems([
        { from: '1000', to: '1001' },
        { from: '2000AB', to: '2000AA' },
      ]),
    ).toEqual([expect.objectContaining({ name: 'body.ranges.1.to', code: 'from_after_to' })]);
    expect(
      rangeProblems([
        { from: '1000', to: '1005' },
        { from: '1006', to: '1009' },
        { from: '1004', to: '1004' },
      ]),
    ).toEqual([expect.objectContaining({ name: 'body.ranges.2', code: 'overlapping_ranges' })]);
    expect(
      rangeProblems([
        { from: '1000', to: '1009' },
        { from: '1005AA', to: '1005ZZ' },
      ]),
    ).toEqual([]);
  });

  it('names the wijk and range of every collision with another wijk', () => {
    const taken = [{ from: '1000', to: '1009', wijkId: 'w', wijkCode: 'WK990101', wijkName: 'Centrum' }];
    expect(
      overlapProblems(
        [
          { from: '1010', to: '1020' },
          { from: '1009', to: '1009' },
        ],
        taken,
      ),
    ).toEqual([
      {
        name: 'body.ranges.1',
        code: 'overlap',
        reason: '1009 overlaps 1000–1009 of wijk Centrum (WK990101).',
      },
    ]);
  });

  it('looks up PC6 before PC4, compares PC4 on the digits, and ignores bare PC4 against PC6 ranges', () => {
    const ranges: RoutedRange[] = [
      { id: '1', from: '1000', to: '1009', wijkId: 'A', teamId: 'tA' },
      { id: '2', from: '1005AA', to: '1005ZZ', wijkId: 'B', teamId: null },
      { id: '3', from: '1010', to: '1010', wijkId: 'C', teamId: 'tC' },
    ];
    const map = new PostcodeMap(ranges);
    expect(map.lookup('1005AB')?.wijkId).toBe('B');
    expect(map.lookup('1005 ab')?.wijkId).toBe('B');
    expect(map.lookup('1005')?.wijkId).toBe('A');
    expect(map.lookup('1009ZZ')?.wijkId).toBe('A');
    expect(map.lookup('1010AA')?.wijkId).toBe('C');
    expect(map.lookup('1011AA')).toBeNull();
    expect(map.lookup('0999')).toBeNull();
    expect(map.lookup('')).toBeNull();
  });

  it('finds the same range as a brute-force search, even when stored ranges overlap', () => {
    const digits = fc.integer({ min: 1000, max: 1040 }).map(String);
    const letters = fc.constantFrom('AA', 'AZ', 'BA', 'KK', 'ZZ');
    const pc6 = fc.tuple(digits, letters).map(([d, l]) => d + l);
    const range = fc.oneof(
      fc.tuple(digits, digits).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
      fc.tuple(pc6, pc6).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    );
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 25 }),
        fc.array(fc.oneof(digits, pc6), { maxLength: 30 }),
        (rs, pcs) => {
          const routed: RoutedRange[] = rs.map((r, i) => ({
            ...r,
            id: `id-${String(i).padStart(3, '0')}`,
            wijkId: `w${i}`,
            teamId: null,
          }));
          const map = new PostcodeMap(routed);
          for (const pc of pcs) {
            // The reference: longest ranges first, then the greatest from, then the greatest id (as the SQL).
            const candidates = routed
              .filter((r) =>
                r.from.length === 6
                  ? pc.length === 6 && r.from <= pc && pc <= r.to
                  : r.from <= pc.slice(0, 4) && pc.slice(0, 4) <= r.to,
              )
              .sort(
                (a, b) =>
                  b.from.length - a.from.length ||
                  (a.from < b.from ? 1 : a.from > b.from ? -1 : 0) ||
                  (a.id < b.id ? 1 : -1),
              );
            expect(map.lookup(pc)?.id ?? null).toBe(candidates[0]?.id ?? null);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
