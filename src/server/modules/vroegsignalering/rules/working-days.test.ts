import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, dutchHolidays, isWorkingDay } from './working-days.ts';

describe('addWorkingDays', () => {
  it.each([
    // Koningsdag on Monday 27 April 2026.
    ['2026-04-24', 1, '2026-04-28'],
    // Goede Vrijdag (3 April 2026) is a working day; Tweede paasdag (6 April) is not.
    ['2026-04-02', 1, '2026-04-03'],
    ['2026-04-03', 1, '2026-04-07'],
    // Hemelvaartsdag Thursday 14 May 2026.
    ['2026-05-13', 1, '2026-05-15'],
    // Tweede pinksterdag Monday 25 May 2026.
    ['2026-05-22', 1, '2026-05-26'],
    // Kerstmis Friday 25 December 2026, Tweede kerstdag on Saturday; Nieuwjaarsdag Friday 1 January 2027.
    ['2026-12-24', 1, '2026-12-28'],
    ['2026-12-31', 1, '2027-01-04'],
    // 2027: Tweede paasdag 29 March, Koningsdag Tuesday 27 April, Hemelvaartsdag 6 May, Tweede pinksterdag 17 May.
    ['2027-03-26', 1, '2027-03-30'],
    ['2027-04-26', 1, '2027-04-28'],
    ['2027-05-05', 1, '2027-05-07'],
    ['2027-05-14', 1, '2027-05-18'],
    // Ordinary weekends; a weekend start counts from the next working day.
    ['2026-03-06', 1, '2026-03-09'],
    ['2026-03-07', 1, '2026-03-09'],
    ['2026-03-02', 5, '2026-03-09'],
    // Ten working days across Koningsdag (Bevrijdingsdag 2026 is a working day by default).
    ['2026-04-20', 10, '2026-05-05'],
    // Three working days across Easter 2027: Goede Vrijdag counts, Tweede paasdag does not.
    ['2027-03-25', 3, '2027-03-31'],
    ['2026-04-24', 0, '2026-04-24'],
  ])('%s + %i working days = %s', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
  });

  it('counts Bevrijdingsdag once every five years by default, configurable', () => {
    // 5 May 2025 (lustrum) is a Monday; 5 May 2026 a Tuesday.
    expect(addWorkingDays('2025-05-02', 1)).toBe('2025-05-06');
    expect(addWorkingDays('2025-05-02', 1, { bevrijdingsdag: 'never' })).toBe('2025-05-05');
    expect(addWorkingDays('2026-05-04', 1)).toBe('2026-05-05');
    expect(addWorkingDays('2026-05-04', 1, { bevrijdingsdag: 'always' })).toBe('2026-05-06');
  });

  it('takes the Amsterdam date of a full ISO timestamp', () => {
    // 23:30 UTC on Thursday 23 April 2026 is already Friday 24 April in Amsterdam (CEST).
    expect(addWorkingDays('2026-04-23T23:30:00Z', 1)).toBe('2026-04-28');
    expect(addWorkingDays('2026-04-23T12:00:00+02:00', 1)).toBe('2026-04-24');
  });

  it('refuses bad input', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('24-04-2026', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-24', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-24', 1.5)).toThrow(RangeError);
  });

  it('always lands on a working day exactly `days` working days later', () => {
    const start = Date.UTC(2024, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 1, max: 60 }), (offset, days) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const result = addWorkingDays(date, days);
        expect(isWorkingDay(result)).toBe(true);
        let count = 0;
        for (let d = new Date(`${date}T00:00:00Z`); ; ) {
          d = new Date(d.getTime() + 86_400_000);
          const iso = d.toISOString().slice(0, 10);
          if (isWorkingDay(iso)) count += 1;
          if (iso === result) break;
        }
        expect(count).toBe(days);
      }),
      { numRuns: 200 },
    );
  });
});

describe('dutchHolidays', () => {
  it('lists the Dutch public holidays of 2026', () => {
    expect(dutchHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(dutchHolidays(2026, { bevrijdingsdag: 'always' })).toContain('2026-05-05');
    expect(dutchHolidays(2030)).toContain('2030-05-05');
  });

  it('moves Koningsdag to Saturday 26 April when 27 April is a Sunday (2025)', () => {
    expect(dutchHolidays(2025)).toContain('2025-04-26');
    expect(dutchHolidays(2025)).not.toContain('2025-04-27');
  });
});
