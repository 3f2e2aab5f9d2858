// The rules of a trajectory's phases, pure: which phase it is in, and which recorded dates break the order of the
// trajectory or a statutory maximum. Each problem has a stable code (docs/ddas-shv-mapping.md lists them).
import type { ShvOplossingssoort, ShvPeriodKind, ShvPhase } from '../../../shared/ddas-shv.ts';
import type { InvalidParam } from '../../../shared/problem.ts';
import type { PeriodBody, PhaseBody } from '../../../shared/schemas/schuldhulp.ts';
import { isSchuldregeling, moratoriumMaxEnd, schuldregelingMaxEnd } from './clocks.ts';

/** The phase facts of a trajectory as the service reads them. */
export type PhaseFacts = {
  requestedOn: string;
  firstConversationOn: string | null;
  infoAdviesStart: string | null;
  beschikkingOn: string | null;
  beschikkingssoort: string | null;
  stabilisatieStart: string | null;
  oplossingSoort: ShvOplossingssoort | null;
  oplossingStart: string | null;
  nazorgStart: string | null;
  uitstroomOn: string | null;
};

/** The current phase: the furthest phase that has started. */
export function currentPhase(f: PhaseFacts): ShvPhase {
  if (f.uitstroomOn) return 'uitstroom';
  if (f.nazorgStart) return 'nazorg';
  if (f.oplossingStart) return 'oplossing';
  if (f.stabilisatieStart) return 'stabilisatie';
  if (f.firstConversationOn) return 'intake';
  if (f.infoAdviesStart) return 'informatie_en_advies';
  return 'aanmelding';
}

const p = (field: string, code: string, reason: string): InvalidParam => ({
  name: `body.${field}`,
  code,
  reason,
});

/** Dates that are facts: not in the future, not before the help request, an end not before its start. */
function dateProblems(
  f: PhaseFacts,
  today: string,
  dates: [field: string, value: string | null | undefined][],
  order: [startField: string, endField: string][] = [],
): InvalidParam[] {
  const out: InvalidParam[] = [];
  const value = new Map(dates);
  for (const [field, d] of dates) {
    if (!d) continue;
    if (d > today) out.push(p(field, 'in_future', 'This day lies in the future.'));
    else if (d < f.requestedOn)
      out.push(p(field, 'before_aanmelding', `This day lies before the help request (${f.requestedOn}).`));
  }
  for (const [startField, endField] of order) {
    const start = value.get(startField);
    const end = value.get(endField);
    if (start && end && end < start)
      out.push(p(endField, 'end_before_start', 'The end lies before the start.'));
  }
  return out;
}

/** What is wrong with recording a phase; [] when it may be recorded. */
export function phaseProblems(f: PhaseFacts, body: PhaseBody, today: string): InvalidParam[] {
  switch (body.fase) {
    case 'aanmelding':
      return dateProblems(f, today, [['einddatum', body.einddatum]]);
    case 'informatieEnAdvies':
    case 'stabilisatie':
    case 'nazorg':
      return dateProblems(
        f,
        today,
        [
          ['startdatum', body.startdatum],
          ['einddatum', body.einddatum],
        ],
        [['startdatum', 'einddatum']],
      );
    case 'intake':
      return dateProblems(
        f,
        today,
        [
          ['startdatum', body.startdatum],
          ['einddatum', body.einddatum],
        ],
        [['startdatum', 'einddatum']],
      );
    case 'beschikking': {
      const out = dateProblems(f, today, [['datum', body.datum]]);
      if (!f.firstConversationOn)
        out.push(p('datum', 'intake_not_started', 'Record the first conversation (intake) first.'));
      else if (body.datum < f.firstConversationOn)
        out.push(p('datum', 'before_first_conversation', 'A decision comes after the first conversation.'));
      return out;
    }
    case 'planVanAanpak': {
      const out = dateProblems(f, today, [['datumAfronding', body.datumAfronding]]);
      if (f.beschikkingssoort !== 'Toelatingsbeschikking')
        out.push(
          p('datumAfronding', 'not_admitted', 'A plan van aanpak needs a toelatingsbeschikking first.'),
        );
      else if (f.beschikkingOn && body.datumAfronding < (f.firstConversationOn ?? f.requestedOn))
        out.push(
          p('datumAfronding', 'before_first_conversation', 'The plan comes after the first conversation.'),
        );
      return out;
    }
    case 'oplossing': {
      const out = dateProblems(
        f,
        today,
        [
          ['startdatum', body.startdatum],
          ['einddatum', body.einddatum],
        ],
        [['startdatum', 'einddatum']],
      );
      if (f.beschikkingssoort !== 'Toelatingsbeschikking')
        out.push(p('soort', 'not_admitted', 'A solution needs a toelatingsbeschikking first.'));
      else if (f.beschikkingOn && body.startdatum < f.beschikkingOn)
        out.push(p('startdatum', 'before_beschikking', 'A solution starts after the decision.'));
      if (
        isSchuldregeling(body.soort) &&
        body.einddatum &&
        body.einddatum > schuldregelingMaxEnd(body.startdatum)
      ) {
        out.push(
          p(
            'einddatum',
            'schuldregeling_too_long',
            `A schuldregeling runs at most 18 months: until ${schuldregelingMaxEnd(body.startdatum)}.`,
          ),
        );
      }
      return out;
    }
    case 'schuldregeling': {
      const out = dateProblems(f, today, [
        ['datum', body.datum],
        ['toegekend', body.toegekend],
        ['afgewezen', body.afgewezen],
        ['ingetrokken', body.ingetrokken],
        ['datumVerzoekDwangakkoord', body.datumVerzoekDwangakkoord],
      ]);
      if (!isSchuldregeling(f.oplossingSoort))
        out.push(
          p(
            'datum',
            'not_a_schuldregeling',
            'Record a saneringskrediet or schuldbemiddeling as the solution first.',
          ),
        );
      for (const field of ['toegekend', 'afgewezen', 'ingetrokken', 'datumVerzoekDwangakkoord'] as const) {
        const d = body[field];
        if (d && d < body.datum)
          out.push(p(field, 'before_submission', 'This lies before the schuldregeling was submitted.'));
      }
      if (body.toegekend && body.afgewezen)
        out.push(p('afgewezen', 'granted_and_refused', 'A schuldregeling is granted or refused, not both.'));
      if (body.datumVerzoekDwangakkoord && !body.dwangakkoord)
        out.push(
          p('dwangakkoord', 'dwangakkoord_required', 'A request for a dwangakkoord needs dwangakkoord set.'),
        );
      return out;
    }
    case 'uitstroom': {
      const out = dateProblems(f, today, [
        ['datum', body.datum],
        ['datumBeeindigingsbeschikking', body.datumBeeindigingsbeschikking],
      ]);
      const latestStart = [f.firstConversationOn, f.stabilisatieStart, f.oplossingStart, f.nazorgStart]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1);
      if (latestStart && body.datum < latestStart)
        out.push(p('datum', 'before_last_phase', `The trajectory ran until at least ${latestStart}.`));
      return out;
    }
  }
}

/** What is wrong with a repeating period (crisis intervention, moratorium, voorlopige voorziening, begeleiding). */
export function periodProblems(
  f: PhaseFacts,
  kind: ShvPeriodKind,
  body: Pick<PeriodBody, 'startdatum' | 'einddatum'> & {
    datumAanvraag?: string | null;
    datumGoedkeuring?: string | null;
  },
  today: string,
): InvalidParam[] {
  const out = dateProblems(
    f,
    today,
    [
      ['startdatum', body.startdatum],
      ['einddatum', body.einddatum],
      ['datumAanvraag', body.datumAanvraag],
      ['datumGoedkeuring', body.datumGoedkeuring],
    ],
    [
      ['startdatum', 'einddatum'],
      ['datumAanvraag', 'datumGoedkeuring'],
    ],
  );
  if (kind === 'moratorium' && body.einddatum && body.einddatum > moratoriumMaxEnd(body.startdatum)) {
    out.push(
      p(
        'einddatum',
        'moratorium_too_long',
        `A moratorium lasts at most 6 months (Fw art. 287b): until ${moratoriumMaxEnd(body.startdatum)}.`,
      ),
    );
  }
  return out;
}
