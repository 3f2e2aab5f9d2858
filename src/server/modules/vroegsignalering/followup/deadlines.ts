// Deadlines of the follow-up, per municipality, in Dutch working days. The holiday calendar is the one of the
// intake rules (rules/working-days.ts: public holidays, Bevrijdingsdag by policy, lustrum years by default) plus the
// municipality's own closing days. Pure: no database, so the overdue lists can turn a deadline into a creation
// date cut-off and let the database filter on an index.
import type { DeadlineState, FollowupSettings } from '../../../../shared/schemas/followup.ts';
import { isWorkingDay } from '../rules/working-days.ts';

export const DEFAULT_FOLLOWUP_SETTINGS: FollowupSettings = {
  firstContactDays: 14,
  firstContactUnit: 'kalenderdagen',
  firstAnalysisDays: 28,
  firstAnalysisUnit: 'kalenderdagen',
  crisisWorkingDays: 3,
  dueSoonWorkingDays: 3,
  bevrijdingsdag: 'lustrum',
  extraClosingDays: [],
};

/** Wgs art. 4a: the first conversation within four weeks, within three working days when threatening. */
export const WGS_FIRST_CONVERSATION_DAYS = 28;
export const WGS_THREATENING_WORKING_DAYS = 3;
/** A quick fix: the arrears solved within 30 days after the resident accepted help. */
export const QUICK_FIX_DAYS = 30;

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function minDate(a: string, b: string | null | undefined): string {
  return b && b < a ? b : a;
}

export class WorkCalendar {
  private readonly closed: ReadonlySet<string>;
  // A work list computes the deadlines of every row from the same few weeks of days: each day is looked up once.
  private readonly known = new Map<string, boolean>();
  private readonly added = new Map<string, string>();
  private readonly dues = new Map<string, string>();

  constructor(private readonly settings: FollowupSettings) {
    this.closed = new Set(settings.extraClosingDays);
  }

  isWorkingDay(date: string): boolean {
    let working = this.known.get(date);
    if (working === undefined) {
      working =
        !this.closed.has(date) && isWorkingDay(date, { bevrijdingsdag: this.settings.bevrijdingsdag });
      this.known.set(date, working);
    }
    return working;
  }

  /** `days` working days after `date` (the start day not counted). */
  addWorkingDays(date: string, days: number): string {
    const key = `${date}+${days}`;
    let day = this.added.get(key);
    if (day === undefined) {
      day = date;
      let left = days;
      while (left > 0) {
        day = addDays(day, 1);
        if (this.isWorkingDay(day)) left -= 1;
      }
      this.added.set(key, day);
    }
    return day;
  }

  /** The same day or the first working day after it. */
  nextWorkingDay(date: string): string {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /**
   * A deadline in calendar days ends on a working day: one that falls on a day off moves to the next, as the
   * Algemene termijnenwet does for statutory terms.
   */
  due(from: string, days: number, unit: 'kalenderdagen' | 'werkdagen'): string {
    if (unit === 'werkdagen') return this.addWorkingDays(from, days);
    const key = `${from}+${days}`;
    let day = this.dues.get(key);
    if (day === undefined) {
      day = this.nextWorkingDay(addDays(from, days));
      this.dues.set(key, day);
    }
    return day;
  }

  /** The closed weekdays of a year (public holidays and closing days), for the settings screen. */
  closedDays(year: number): string[] {
    const out: string[] = [];
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && !this.isWorkingDay(d)) out.push(d);
    }
    return out;
  }
}

export type DeadlineFacts = {
  /** The day the melding arose (the Dutch date of created_at, as the intake rules count). */
  createdOn: string;
  isCrisis: boolean;
  /** The deadline the afwegingskader set (working days from the same day). */
  ruleDeadline: string | null;
  firstContactOn: string | null;
  firstReachedOn: string | null;
  closedOn: string | null;
};

export function firstContactDue(cal: WorkCalendar, s: FollowupSettings, f: DeadlineFacts): string {
  const configured = f.isCrisis
    ? cal.addWorkingDays(f.createdOn, s.crisisWorkingDays)
    : cal.due(f.createdOn, s.firstContactDays, s.firstContactUnit);
  return minDate(configured, f.ruleDeadline);
}

export function firstAnalysisDue(cal: WorkCalendar, s: FollowupSettings, f: DeadlineFacts): string {
  return cal.due(f.createdOn, s.firstAnalysisDays, s.firstAnalysisUnit);
}

function stateOf(due: string, metOn: string | null, today: string, soonLimit: string): DeadlineState {
  if (metOn) return 'met';
  if (due < today) return 'overdue';
  if (due <= soonLimit) return 'due_soon';
  return 'on_track';
}

const URGENCY: Record<DeadlineState, number> = { overdue: 3, due_soon: 2, on_track: 1, met: 0 };

/**
 * The two deadlines of a melding. First contact is met by the first contact attempt; the first analysis by the
 * first time the resident was reached, or by closing. A closed melding meets both.
 */
export function meldingDeadlines(cal: WorkCalendar, s: FollowupSettings, f: DeadlineFacts, today: string) {
  const soonLimit = cal.addWorkingDays(today, s.dueSoonWorkingDays);
  const contactDue = firstContactDue(cal, s, f);
  const analysisDue = firstAnalysisDue(cal, s, f);
  const contactMet = f.firstContactOn ?? f.closedOn;
  const analysisMet = f.firstReachedOn ?? f.closedOn;
  const firstContact = {
    due: contactDue,
    metOn: contactMet,
    state: stateOf(contactDue, contactMet, today, soonLimit),
  };
  const firstAnalysis = {
    due: analysisDue,
    metOn: analysisMet,
    state: stateOf(analysisDue, analysisMet, today, soonLimit),
  };
  const state =
    URGENCY[firstContact.state] >= URGENCY[firstAnalysis.state] ? firstContact.state : firstAnalysis.state;
  return { firstContact, firstAnalysis, state };
}

/**
 * The first creation day whose deadline is on or after `target`: a melding created before it is due before
 * `target`. Deadlines never decrease with a later creation day, so walking back from `target` finds it.
 */
function creationCutoff(due: (createdOn: string) => string, target: string): string {
  let day = target;
  for (let i = 0; i < 800; i++) {
    const before = addDays(day, -1);
    if (due(before) < target) return day;
    day = before;
  }
  return day;
}

export type DeadlineCutoffs = {
  today: string;
  soonLimit: string;
  /** Meldingen created before these days have passed (or will pass by soonLimit) that deadline. */
  contactOverdueBefore: { regular: string; crisis: string };
  contactDueSoonBefore: { regular: string; crisis: string };
  analysisOverdueBefore: string;
  analysisDueSoonBefore: string;
};

/** Creation-day cut-offs for the overdue and due-soon lists, so the database needs no holiday calendar. */
export function deadlineCutoffs(cal: WorkCalendar, s: FollowupSettings, today: string): DeadlineCutoffs {
  const soonLimit = cal.addWorkingDays(today, s.dueSoonWorkingDays);
  const afterSoon = addDays(soonLimit, 1);
  const regular = (c: string) => cal.due(c, s.firstContactDays, s.firstContactUnit);
  const crisis = (c: string) => cal.addWorkingDays(c, s.crisisWorkingDays);
  const analysis = (c: string) => cal.due(c, s.firstAnalysisDays, s.firstAnalysisUnit);
  return {
    today,
    soonLimit,
    contactOverdueBefore: { regular: creationCutoff(regular, today), crisis: creationCutoff(crisis, today) },
    contactDueSoonBefore: {
      regular: creationCutoff(regular, afterSoon),
      crisis: creationCutoff(crisis, afterSoon),
    },
    analysisOverdueBefore: creationCutoff(analysis, today),
    analysisDueSoonBefore: creationCutoff(analysis, afterSoon),
  };
}

/** The Wgs clock of a help request. */
export function wgsFirstConversationDue(
  cal: WorkCalendar,
  requestedOn: string,
  threatening: boolean,
): string {
  return threatening
    ? cal.addWorkingDays(requestedOn, WGS_THREATENING_WORKING_DAYS)
    : cal.due(requestedOn, WGS_FIRST_CONVERSATION_DAYS, 'kalenderdagen');
}
