// The rules of appointments, the preparation call and its list of documents that need no database. Pure
// functions, unit-tested in policy.test.ts; the service fetches the facts and turns problems into a 400.
import type { InvalidParam } from '../../../../shared/problem.ts';
import {
  type AppointmentMode,
  type AppointmentStatus,
  CHECKLIST_CODES,
  CHECKLIST_TEXTS,
  type ChecklistCode,
  DEFAULT_CHECKLIST,
  isPreparationLanguage,
  MAX_APPOINTMENT_HOURS,
  PREPARATION_LANGUAGES,
  type PreparationLanguage,
} from '../../../../shared/schemas/household-appointments.ts';

const problem = (name: string, code: string, reason: string): InvalidParam => ({ name, code, reason });

/** The time facts of an appointment as they will be stored. */
export type AppointmentTimes = {
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  mode: AppointmentMode;
  location: string | null;
};

/**
 * A new or changed appointment: a planned one lies in the future (when its time is set now), a held one in the
 * past, the end after the start and not absurdly long, and a place for an appointment at a place.
 */
export function appointmentProblems(
  a: AppointmentTimes,
  now: Date,
  opts: { timeChanged: boolean },
): InvalidParam[] {
  const out: InvalidParam[] = [];
  if (opts.timeChanged && a.status === 'gepland' && a.startsAt.getTime() < now.getTime()) {
    out.push(
      problem(
        'body.startsAt',
        'in_past',
        'A planned appointment cannot start in the past. Choose a later time.',
      ),
    );
  }
  if (opts.timeChanged && a.status === 'gehouden' && a.startsAt.getTime() > now.getTime()) {
    out.push(
      problem('body.startsAt', 'in_future', 'An appointment that took place cannot start in the future.'),
    );
  }
  if (a.endsAt.getTime() <= a.startsAt.getTime()) {
    out.push(problem('body.endsAt', 'end_before_start', 'The end must come after the start.'));
  } else if (a.endsAt.getTime() - a.startsAt.getTime() > MAX_APPOINTMENT_HOURS * 3_600_000) {
    out.push(
      problem('body.endsAt', 'too_long', `An appointment takes at most ${MAX_APPOINTMENT_HOURS} hours.`),
    );
  }
  if (a.mode === 'locatie' && !a.location?.trim()) {
    out.push(problem('body.location', 'required', 'Say where the appointment is (an address or a room).'));
  }
  return out;
}

/**
 * What may become of an appointment: only a planned one changes (a held, cancelled or missed one is history), it
 * is held or missed only once it has started, and a cancellation says why.
 */
export function transitionProblems(
  from: AppointmentStatus,
  to: AppointmentStatus,
  startsAt: Date,
  now: Date,
  reason: string | undefined,
): { final: boolean; problems: InvalidParam[] } {
  if (from !== 'gepland') return { final: true, problems: [] };
  const out: InvalidParam[] = [];
  if ((to === 'gehouden' || to === 'niet_verschenen') && startsAt.getTime() > now.getTime()) {
    out.push(
      problem('body.status', 'not_started', 'This appointment has not started yet; record it afterwards.'),
    );
  }
  if (to === 'geannuleerd' && !reason?.trim()) {
    out.push(problem('body.reason', 'required', 'Say why the appointment is cancelled.'));
  }
  return { final: false, problems: out };
}

/** The resident's language must be one we have a letter in; anything else is named with the choices. */
export function languageProblems(language: string): InvalidParam[] {
  return isPreparationLanguage(language)
    ? []
    : [
        problem(
          'body.language',
          'unsupported_language',
          `There is no preparation letter in "${language}". Choose one of: ${PREPARATION_LANGUAGES.join(', ')}.`,
        ),
      ];
}

/** A checklist item of a municipality's list: built-in by code, or its own with texts per language. */
export type StoredChecklistItem =
  | { kind: 'standaard'; code: ChecklistCode }
  | { kind: 'eigen'; texts: { nl: string; en: string; ar?: string; tr?: string } };

export type ResolvedChecklistItem = {
  kind: 'standaard' | 'eigen';
  code: ChecklistCode | null;
  texts: Record<PreparationLanguage, string>;
};

/** The municipality's list with every text filled in (its own items fall back to English), or the default. */
export function resolveChecklist(stored: readonly StoredChecklistItem[] | null): ResolvedChecklistItem[] {
  const items: readonly StoredChecklistItem[] =
    stored ?? DEFAULT_CHECKLIST.map((code) => ({ kind: 'standaard' as const, code }));
  return items.flatMap((item): ResolvedChecklistItem[] => {
    if (item.kind === 'standaard') {
      // A code retired from the code list since the municipality saved it is left out, not sent empty.
      if (!(CHECKLIST_CODES as readonly string[]).includes(item.code)) return [];
      return [{ kind: 'standaard', code: item.code, texts: { ...CHECKLIST_TEXTS[item.code] } }];
    }
    const texts = Object.fromEntries(
      PREPARATION_LANGUAGES.map((l) => [l, item.texts[l]?.trim() || item.texts.en]),
    ) as Record<PreparationLanguage, string>;
    return [{ kind: 'eigen', code: null, texts }];
  });
}

export type ChecklistInput = { kind: 'standaard'; code: ChecklistCode } | { kind: 'eigen'; text: string };

/**
 * The documents as they go into one letter: built-in ones in the letter's language, the worker's own as typed.
 * The same document twice is sent once.
 */
export function checklistForLetter(
  items: readonly ChecklistInput[],
  language: PreparationLanguage,
): { code: ChecklistCode | null; text: string }[] {
  const seen = new Set<string>();
  const out: { code: ChecklistCode | null; text: string }[] = [];
  for (const item of items) {
    const entry =
      item.kind === 'standaard'
        ? { code: item.code, text: CHECKLIST_TEXTS[item.code][language] }
        : { code: null, text: item.text.trim() };
    const key = entry.code ?? `eigen:${entry.text.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The e-mail address to send to: the one given, or the member's own; a missing or broken one is a 400. */
export function mailRecipient(
  given: string | undefined,
  memberEmail: string | null,
): { recipient: string | null; problems: InvalidParam[] } {
  const raw = (given ?? memberEmail ?? '').trim();
  if (!raw) {
    return {
      recipient: null,
      problems: [
        problem(
          'body.recipient',
          'missing_recipient',
          'There is no e-mail address to send to. Give one, or send a letter.',
        ),
      ],
    };
  }
  if (!EMAIL.test(raw)) {
    return {
      recipient: null,
      problems: [problem('body.recipient', 'invalid_recipient', 'This is not a valid e-mail address.')],
    };
  }
  return { recipient: raw.toLowerCase(), problems: [] };
}
