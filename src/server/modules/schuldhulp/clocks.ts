// The statutory clocks of a debt-help trajectory. Pure: facts and a calendar in, clocks out, so the screens, the
// service's checks and the reminder job agree on one definition.
//
// - eerste_gesprek: the first conversation within 4 weeks of the help request, within 3 working days when the
//   situation is threatening (Wgs art. 4a lid 1 and 2). The due day is stored on the request (0005).
// - beschikking: the decision after the first conversation within the municipality's term (default 8 weeks).
// - crisisinterventie: a crisis intervention closed within 2 weeks of its start.
// - moratorium: at most 6 months (Fw art. 287b lid 4); a longer one is refused, a running one is due at 6 months.
// - schuldregeling: a saneringskrediet or schuldbemiddeling runs at most 18 months from its start.
//
// Calendar-day terms that end on a day off move to the next working day (Algemene termijnenwet), as the follow-up
// deadlines do; working days come from the municipality's WorkCalendar (Dutch public holidays, Bevrijdingsdag
// policy, own closing days: vroegsignalering/rules/working-days.ts).
import {
  SHV_SCHULDREGELING_SOORTEN,
  type ShvClock,
  type ShvClockState,
  type ShvOplossingssoort,
  type ShvPeriodKind,
} from '../../../shared/ddas-shv.ts';
import { addDays, type WorkCalendar } from '../vroegsignalering/followup/deadlines.ts';

export const FIRST_CONVERSATION_DAYS = 28;
export const THREATENING_WORKING_DAYS = 3;
export const DEFAULT_DECISION_WEEKS = 8;
export const CRISIS_INTERVENTION_DAYS = 14;
export const MORATORIUM_MONTHS = 6;
export const SCHULDREGELING_MONTHS = 18;

export type DebtHelpSettings = { decisionWeeks: number; dueSoonWorkingDays: number };
export const DEFAULT_DEBT_HELP_SETTINGS: DebtHelpSettings = {
  decisionWeeks: DEFAULT_DECISION_WEEKS,
  dueSoonWorkingDays: 3,
};

/**
 * `months` calendar months after `date`, on the same day of the month or the last day of a shorter month
 * (31 August + 6 months = 28/29 February): the same as PostgreSQL's `date + interval 'n months'`, which the
 * moratorium constraint of migration 0011 uses.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Wgs art. 4a: the due day of the first conversation. */
export function firstConversationDue(cal: WorkCalendar, requestedOn: string, threatening: boolean): string {
  return threatening
    ? cal.addWorkingDays(requestedOn, THREATENING_WORKING_DAYS)
    : cal.due(requestedOn, FIRST_CONVERSATION_DAYS, 'kalenderdagen');
}

export function decisionDue(cal: WorkCalendar, s: DebtHelpSettings, firstConversationOn: string): string {
  return cal.due(firstConversationOn, s.decisionWeeks * 7, 'kalenderdagen');
}

export function crisisInterventionDue(cal: WorkCalendar, startOn: string): string {
  return cal.due(startOn, CRISIS_INTERVENTION_DAYS, 'kalenderdagen');
}

/** The last day a moratorium may run. Not moved to a working day: the court's term is a hard maximum. */
export function moratoriumMaxEnd(startOn: string): string {
  return addMonths(startOn, MORATORIUM_MONTHS);
}

export function schuldregelingMaxEnd(startOn: string): string {
  return addMonths(startOn, SCHULDREGELING_MONTHS);
}

export function isSchuldregeling(soort: ShvOplossingssoort | null | undefined): boolean {
  return !!soort && SHV_SCHULDREGELING_SOORTEN.includes(soort);
}

export type ClockFacts = {
  requestedOn: string;
  firstConversationDue: string;
  firstConversationOn: string | null;
  beschikkingOn: string | null;
  oplossingSoort: ShvOplossingssoort | null;
  oplossingStart: string | null;
  oplossingEnd: string | null;
  uitstroomOn: string | null;
  periods: { id: string; kind: ShvPeriodKind; startOn: string; endOn: string | null }[];
};

export type ClockView = {
  clock: ShvClock;
  /** The crisis intervention or moratorium the clock belongs to. */
  periodId: string | null;
  startedOn: string;
  due: string;
  metOn: string | null;
  state: ShvClockState;
};

/** How long before the due day a clock counts as due soon (and the job sends a reminder). */
function soonLimit(cal: WorkCalendar, s: DebtHelpSettings, clock: ShvClock, today: string): string {
  switch (clock) {
    case 'schuldregeling':
      return addMonths(today, 1);
    case 'moratorium':
      return cal.addWorkingDays(today, 10);
    default:
      return cal.addWorkingDays(today, s.dueSoonWorkingDays);
  }
}

export function clockState(due: string, metOn: string | null, today: string, soon: string): ShvClockState {
  if (metOn) return metOn > due ? 'met_late' : 'met';
  if (due < today) return 'overdue';
  if (due <= soon) return 'due_soon';
  return 'on_track';
}

/**
 * Every clock that has started, in the order of the trajectory. A clock stops when its step is done, or when the
 * trajectory ends (uitstroom): a resident who withdraws does not leave an overdue clock behind.
 */
export function trajectoryClocks(
  cal: WorkCalendar,
  s: DebtHelpSettings,
  f: ClockFacts,
  today: string,
): ClockView[] {
  const out: ClockView[] = [];
  const add = (
    clock: ShvClock,
    periodId: string | null,
    startedOn: string,
    due: string,
    done: string | null,
  ) => {
    const metOn = done ?? f.uitstroomOn;
    out.push({
      clock,
      periodId,
      startedOn,
      due,
      metOn,
      state: clockState(due, metOn, today, soonLimit(cal, s, clock, today)),
    });
  };
  add('eerste_gesprek', null, f.requestedOn, f.firstConversationDue, f.firstConversationOn);
  if (f.firstConversationOn) {
    add(
      'beschikking',
      null,
      f.firstConversationOn,
      decisionDue(cal, s, f.firstConversationOn),
      f.beschikkingOn,
    );
  }
  for (const p of f.periods) {
    if (p.kind === 'crisisinterventie') {
      add('crisisinterventie', p.id, p.startOn, crisisInterventionDue(cal, p.startOn), p.endOn);
    } else if (p.kind === 'moratorium') {
      add('moratorium', p.id, p.startOn, moratoriumMaxEnd(p.startOn), p.endOn);
    }
  }
  if (f.oplossingStart && isSchuldregeling(f.oplossingSoort)) {
    add('schuldregeling', null, f.oplossingStart, schuldregelingMaxEnd(f.oplossingStart), f.oplossingEnd);
  }
  return out;
}

export { addDays };
