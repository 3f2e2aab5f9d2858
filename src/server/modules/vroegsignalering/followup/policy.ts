// Rules of the follow-up that need no database: which DDAS signal status follows from what happened to the
// melding, which end results need contact with the resident, what a worker should do next.
import type { DdasEindresultaat, DdasSignaalstatus } from '../../../../shared/ddas.ts';
import type { InvalidParam } from '../../../../shared/problem.ts';
import type { DeadlineState, NEXT_STEPS } from '../../../../shared/schemas/followup.ts';

/** End results that are also signal statuses: the signal gets exactly that status (DDAS keeps them aligned). */
const RESULT_IS_STATUS: ReadonlySet<string> = new Set<DdasSignaalstatus>([
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner is overleden',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Persoon is geen inwoner (meer) in de gemeente',
]);

/** End results that say something about the resident's own answer: only after the resident was reached. */
export const RESULTS_NEEDING_CONTACT: ReadonlySet<DdasEindresultaat> = new Set<DdasEindresultaat>([
  '(Budget)advies en/of quick fix',
  'Geen reactie na eerder contact',
  'Inwoner heeft al een ander lopend traject',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
]);

/** "Definitief geen contact": only after at least one attempt to reach the resident. */
export const RESULTS_NEEDING_ATTEMPT: ReadonlySet<DdasEindresultaat> = new Set<DdasEindresultaat>([
  'Definitief geen contact kunnen krijgen',
]);

export type MeldingEvent =
  | { type: 'contact_attempt' }
  | { type: 'closed'; eindresultaat: DdasEindresultaat; takenUp: boolean };

/**
 * The DDAS status of one signal of the melding after an event. Intake statuses that keep a signal out of follow-up
 * (repeat, deceased, moved out, below threshold) never reach a melding; a signal "already known to debt help" keeps
 * that status until the melding closes with a result that is itself a status.
 */
export function signalStatusAfter(current: DdasSignaalstatus, event: MeldingEvent): DdasSignaalstatus {
  if (event.type === 'contact_attempt') return current === 'Nog niet opgepakt' ? 'Opgepakt' : current;
  if (RESULT_IS_STATUS.has(event.eindresultaat)) return event.eindresultaat as DdasSignaalstatus;
  if (current === 'Inwoner al bekend bij schuldhulpverlening') return current;
  // Every other result means the municipality acted on the signal (also "Verwijzing zonder tussenkomst inwoner").
  return event.takenUp || current === 'Nog niet opgepakt' ? 'Opgepakt' : current;
}

/** Checks an end result against what was registered; field errors for the close form. */
export function closingProblems(
  eindresultaat: DdasEindresultaat,
  facts: { attempts: number; reached: boolean; quickFixAcceptedOn?: string; today: string },
): InvalidParam[] {
  const out: InvalidParam[] = [];
  if (RESULTS_NEEDING_CONTACT.has(eindresultaat) && !facts.reached) {
    out.push({
      name: 'body.eindresultaat',
      code: 'needs_contact',
      reason:
        'This result needs contact with the resident: register a contact attempt in which they were reached.',
    });
  }
  if (RESULTS_NEEDING_ATTEMPT.has(eindresultaat) && facts.attempts === 0) {
    out.push({
      name: 'body.eindresultaat',
      code: 'needs_attempt',
      reason: 'Register the attempts to reach the resident first.',
    });
  }
  if (eindresultaat === '(Budget)advies en/of quick fix' && !facts.quickFixAcceptedOn) {
    out.push({
      name: 'body.quickFixAcceptedOn',
      code: 'required',
      reason: 'Give the day the resident accepted help; the 30-day check is counted from it.',
    });
  }
  if (facts.quickFixAcceptedOn && eindresultaat !== '(Budget)advies en/of quick fix') {
    out.push({
      name: 'body.quickFixAcceptedOn',
      code: 'not_allowed',
      reason: 'Only for the result "(Budget)advies en/of quick fix".',
    });
  }
  if (facts.quickFixAcceptedOn && facts.quickFixAcceptedOn > facts.today) {
    out.push({ name: 'body.quickFixAcceptedOn', code: 'in_future', reason: 'This day lies in the future.' });
  }
  return out;
}

/** A contact attempt may not lie in the future nor before the earliest signal of the melding. */
export function contactDateProblems(
  datum: string,
  today: string,
  firstSignalDate: string | null,
): InvalidParam[] {
  if (datum > today) {
    return [{ name: 'body.datum', code: 'in_future', reason: 'A contact attempt cannot lie in the future.' }];
  }
  if (firstSignalDate && datum < firstSignalDate) {
    return [
      {
        name: 'body.datum',
        code: 'before_signal',
        reason: `A contact attempt cannot lie before the first signal (${firstSignalDate}).`,
      },
    ];
  }
  return [];
}

export type NextStep = { code: (typeof NEXT_STEPS)[number]; due: string | null };

/** What the worker should do next, in the order a worker would: the one or two clicks of the common path. */
export function nextStep(m: {
  status: 'open' | 'in_behandeling' | 'afgesloten';
  assigned: boolean;
  attempts: number;
  reached: boolean;
  contactStrategy: string | null;
  plannedActions: number;
  quickFixToConfirm: boolean;
  informNewMunicipality: boolean;
  firstContactDue: string;
  firstAnalysisDue: string;
  deadlineState: DeadlineState;
}): NextStep {
  if (m.informNewMunicipality) return { code: 'inform_new_municipality', due: null };
  if (m.quickFixToConfirm) return { code: 'confirm_quick_fix', due: null };
  if (m.status === 'afgesloten') return { code: 'none', due: null };
  if (!m.assigned) return { code: 'claim', due: m.firstContactDue };
  if (m.attempts === 0) {
    return m.contactStrategy === 'huisbezoek' && m.plannedActions === 0
      ? { code: 'plan_home_visit', due: m.firstContactDue }
      : { code: 'first_contact', due: m.firstContactDue };
  }
  if (!m.reached) {
    // After three attempts in vain a home visit is the next step; then "definitief geen contact".
    if (m.attempts >= 3 && m.plannedActions === 0)
      return { code: 'plan_home_visit', due: m.firstAnalysisDue };
    return { code: m.attempts >= 5 ? 'close' : 'try_again', due: m.firstAnalysisDue };
  }
  return { code: m.deadlineState === 'met' ? 'close' : 'analyse', due: m.firstAnalysisDue };
}

/** The end result a warm handover closes the melding with. */
export function handoverResult(
  kind: 'schuldhulp' | 'regisseur' | 'extern',
  financial: boolean,
): DdasEindresultaat {
  if (kind === 'schuldhulp') return 'Vervolghulp en/of verwijzing financieel';
  if (kind === 'extern')
    return financial
      ? 'Vervolghulp en/of verwijzing financieel'
      : 'Vervolghulp en/of verwijzing niet financieel';
  return 'Vervolghulp en/of verwijzing';
}
