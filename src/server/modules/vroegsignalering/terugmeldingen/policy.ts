// What a partner may learn of a signal (convenant): taken up or not, and whether the resident accepted help.
// Everything else stays at the municipality: the reason a signal was not taken up (certainly "Niet opgepakt:
// andere reden"), the end result itself, and whether the resident is already in debt help.
import type { DdasEindresultaat, DdasSignaalstatus } from '../../../../shared/ddas.ts';

/** End results that mean the resident accepted help from (or through) vroegsignalering. */
const HELP_ACCEPTED: ReadonlySet<DdasEindresultaat> = new Set([
  '(Budget)advies en/of quick fix',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
]);

/** End results that mean the resident did not accept (or need) help. */
const HELP_NOT_ACCEPTED: ReadonlySet<DdasEindresultaat> = new Set([
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
]);
// Deliberately in neither set: "Inwoner al bekend bij schuldhulpverlening" and "Inwoner heeft al een ander
// lopend traject" would tell the partner that the resident is in debt help; "Verwijzing zonder tussenkomst
// inwoner" says nothing about the resident's own choice; death, a move and "Niet opgepakt: …" are not taken up.

export type Feedback = { takenUp: boolean | null; helpAccepted: boolean | null };

export function feedbackOf(signal: {
  ddasStatus: DdasSignaalstatus;
  meldingStatus: string | null;
  eindresultaat: DdasEindresultaat | null;
}): Feedback {
  if (signal.ddasStatus === 'Nog niet opgepakt') return { takenUp: null, helpAccepted: null };
  if (signal.ddasStatus !== 'Opgepakt') return { takenUp: false, helpAccepted: null };
  if (signal.meldingStatus !== 'afgesloten' || !signal.eindresultaat)
    return { takenUp: true, helpAccepted: null };
  if (HELP_ACCEPTED.has(signal.eindresultaat)) return { takenUp: true, helpAccepted: true };
  if (HELP_NOT_ACCEPTED.has(signal.eindresultaat)) return { takenUp: true, helpAccepted: false };
  return { takenUp: true, helpAccepted: null };
}
