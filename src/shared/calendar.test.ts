import { describe, expect, it } from 'vitest';
import { dutchDateOf, todayInNetherlands } from './calendar.ts';

describe('Dutch calendar days', () => {
  it('knows the Dutch date is a day ahead of UTC around midnight, in winter and summer time', () => {
    expect(todayInNetherlands(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(todayInNetherlands(new Date('2026-11-26T22:30:00Z'))).toBe('2026-11-26');
    expect(todayInNetherlands(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  it('gives the Dutch date of any instant, on both sides of the changes of the clock', () => {
    expect(dutchDateOf(new Date('2026-11-26T22:59:59Z'))).toBe('2026-11-26');
    expect(dutchDateOf(new Date('2026-11-26T23:00:00Z'))).toBe('2026-11-27');
    expect(dutchDateOf(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(dutchDateOf(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    // Summer time ends on 25 October 2026 (03:00 becomes 02:00): 23:00 UTC that evening is past midnight.
    expect(dutchDateOf(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
    expect(dutchDateOf(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    // Asked again within the same hour: the kept answer is still right.
    expect(dutchDateOf(new Date('2026-11-26T23:59:59Z'))).toBe('2026-11-27');
  });
});
