// The retention endpoints (AVG): the terms of the active municipality, a deletion run now, and the legal hold of a
// melding. Type-only imports of the shared schemas keep zod out of the web bundle.
import type {
  LegalHoldReason,
  RetentionReport,
  RetentionSettings,
} from '../../../shared/schemas/retention.ts';
import { request } from '../../api.ts';

export type { LegalHoldReason, RetentionReport, RetentionSettings };

const V1 = '/api/v1';

export const retentionApi = {
  settings: () => request<RetentionSettings>(`${V1}/bewaartermijnen`),
  saveSettings: (body: RetentionSettings) =>
    request<RetentionSettings>(`${V1}/bewaartermijnen`, { method: 'PUT', body }),
  purgeNow: () => request<RetentionReport>(`${V1}/bewaartermijnen/uitvoeren`, { method: 'POST' }),
  setLegalHold: (meldingId: string, reason: LegalHoldReason | null) =>
    request<{ meldingId: string; reason: LegalHoldReason | null; setAt: string | null }>(
      `${V1}/meldingen/${encodeURIComponent(meldingId)}/bewaarplicht`,
      { method: 'PUT', body: { reason } },
    ),
};

/** The legal-hold reasons in the order the form offers them (kept in step with the shared schema). */
export const LEGAL_HOLD_REASON_OPTIONS: readonly LegalHoldReason[] = [
  'bezwaar',
  'klacht',
  'rechtszaak',
  'onderzoek',
  'overig',
];
