import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_FOLLOWUP_SETTINGS,
  deadlineCutoffs,
  meldingDeadlines,
  WorkCalendar,
  wgsFirstConversationDue,
} from './deadlines.ts';

const cal = new WorkCalendar(DEFAULT_FOLLOWUP_SETTINGS);
const facts = (createdOn: string, extra: Partial<Parameters<typeof meldingDeadlines>[2]> = {}) => ({
  createdOn,
  isCrisis: false,
  ruleDeadline: null,
  firstContactOn: null,
  firstReachedOn: null,
  closedOn: null,
  ...extra,
});

describe('follow-up deadlines in Dutch working days', () => {
  it('keeps Bevrijdingsdag off only in lustrum years by default, and adds the municipality’s closing days', () => {
    expect(cal.isWorkingDay('2025-05-05')).toBe(false);
    expect(cal.isWorkingDay('2026-05-05')).toBe(true);
    expect(cal.isWorkingDay('2026-04-27')).toBe(false); // Koningsdag
    expect(cal.isWorkingDay('2026-12-25')).toBe(false);
    const own = new WorkCalendar({
      ...DEFAULT_FOLLOWUP_SETTINGS,
      extraClosingDays: ['2026-12-24'],
      bevrijdingsdag: 'always',
    });
    expect(own.isWorkingDay('2026-12-24')).toBe(false);
    expect(own.isWorkingDay('2026-05-05')).toBe(false);
    expect(cal.closedDays(2026)).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-04-06',
        '2026-04-27',
        '2026-05-14',
        '2026-05-25',
        '2026-12-25',
      ]),
    );
    expect(cal.closedDays(2026)).not.toContain('2026-05-05');
  });

  it('counts crisis in working days over Easter and Koningsdag, and moves a calendar deadline off a holiday', () => {
    // Thursday 2 April 2026 + 3 working days: Friday 3, (Easter Monday 6 off), Tuesday 7, Wednesday 8.
    expect(cal.addWorkingDays('2026-04-02', 3)).toBe('2026-04-08');
    // 14 calendar days after 13 April is Monday 27 April (Koningsdag): moves to Tuesday 28 April.
    expect(cal.due('2026-04-13', 14, 'kalenderdagen')).toBe('2026-04-28');
    expect(cal.due('2026-04-13', 10, 'werkdagen')).toBe('2026-04-28');
  });

  it('takes the earlier of the configured and the afwegingskader deadline, and marks states', () => {
    const d = meldingDeadlines(
      cal,
      DEFAULT_FOLLOWUP_SETTINGS,
      facts('2026-03-02', { ruleDeadline: '2026-03-09' }),
      '2026-03-10',
    );
    expect(d.firstContact).toEqual({ due: '2026-03-09', metOn: null, state: 'overdue' });
    expect(d.firstAnalysis).toEqual({ due: '2026-03-30', metOn: null, state: 'on_track' });
    expect(d.state).toBe('overdue');
    const crisis = meldingDeadlines(
      cal,
      DEFAULT_FOLLOWUP_SETTINGS,
      facts('2026-03-06', { isCrisis: true }),
      '2026-03-09',
    );
    expect(crisis.firstContact).toMatchObject({ due: '2026-03-11', state: 'due_soon' });
    const met = meldingDeadlines(
      cal,
      DEFAULT_FOLLOWUP_SETTINGS,
      facts('2026-03-02', { firstContactOn: '2026-03-20', closedOn: '2026-03-21' }),
      '2026-05-01',
    );
    expect(met.state).toBe('met');
  });

  it('turns deadlines into creation-day cut-offs that agree with the deadline of every creation day', () => {
    const s = { ...DEFAULT_FOLLOWUP_SETTINGS, extraClosingDays: ['2026-06-01'] };
    const c = new WorkCalendar(s);
    for (let i = 0; i < 400; i += 3) {
      const today = addDays('2025-12-01', i);
      const cut = deadlineCutoffs(c, s, today);
      for (let back = 0; back < 60; back++) {
        const created = addDays(today, -back);
        for (const isCrisis of [false, true]) {
          const d = meldingDeadlines(c, s, facts(created, { isCrisis }), today);
          const before = isCrisis ? cut.contactOverdueBefore.crisis : cut.contactOverdueBefore.regular;
          expect(created < before, `${created} ${today} ${isCrisis}`).toBe(
            d.firstContact.state === 'overdue',
          );
          const soon = isCrisis ? cut.contactDueSoonBefore.crisis : cut.contactDueSoonBefore.regular;
          expect(created < soon).toBe(
            d.firstContact.state === 'overdue' || d.firstContact.state === 'due_soon',
          );
          expect(created < cut.analysisOverdueBefore).toBe(d.firstAnalysis.state === 'overdue');
        }
      }
    }
  });

  it('runs the Wgs clock: four weeks, or three working days when threatening', () => {
    expect(wgsFirstConversationDue(cal, '2026-03-02', false)).toBe('2026-03-30');
    expect(wgsFirstConversationDue(cal, '2026-03-06', true)).toBe('2026-03-11');
  });
});
