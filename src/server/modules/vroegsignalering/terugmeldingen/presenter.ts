import type { Terugmelding } from '../../../../shared/schemas/terugmeldingen.ts';
import { feedbackOf } from './policy.ts';
import type { FeedbackRow } from './repository.ts';

/** A feedback row as the partner sees it: its own id, the date, and the two facts the convenant allows. */
export function presentFeedback(r: FeedbackRow): Terugmelding {
  const { takenUp, helpAccepted } = feedbackOf({
    ddasStatus: r.ddas_status,
    meldingStatus: r.melding_status,
    eindresultaat: r.eindresultaat,
  });
  return {
    signalId: r.id,
    externalId: r.external_id,
    version: r.version,
    signalDate: r.signal_date,
    takenUp,
    helpAccepted,
    changedAt: r.changed_at,
  };
}
