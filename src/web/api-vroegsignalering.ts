// The vroegsignalering endpoints of the Vangnet API: meldingen, manual matching, file imports, manual signals and
// referrals, the afwegingskader, and their configuration (partners, verwijzers, werkbakjes, postcode areas).
// Types come from the shared zod schemas (type-only imports: zod itself stays out of this module).

import type { z } from 'zod';
import type { FilePreviewSchema, ImportLineSchema, SignalImportSchema } from '../shared/schemas/imports.ts';
import type {
  IntakeResponseSchema,
  MatchCandidateViewSchema,
  MatchingQueueItemSchema,
  MeldingDetailSchema,
  MeldingSummarySchema,
  ReferralBody,
  SignalViewSchema,
} from '../shared/schemas/meldingen.ts';
import type {
  PartnerCredentials,
  ReferralSource,
  ReferralSourceCreate,
  ReferralSourcePatch,
  SignalPartner,
  SignalPartnerCreate,
  SignalPartnerPatch,
} from '../shared/schemas/partners.ts';
import type {
  PostcodeRange,
  WijkPostcodeRanges,
  WorkQueue,
  WorkQueueCreate,
  WorkQueuePatch,
} from '../shared/schemas/queues.ts';
import type { RuleSetDefinition } from '../shared/schemas/rules.ts';
import type { SignalInput } from '../shared/schemas/signals.ts';
import { ApiProblem, loadAll, type Page, request } from './api.ts';

export type {
  PartnerCredentials,
  PostcodeRange,
  ReferralSource,
  RuleSetDefinition,
  SignalInput,
  SignalPartner,
  WorkQueue,
};

export type MeldingSummary = z.output<typeof MeldingSummarySchema>;
export type MeldingDetail = z.output<typeof MeldingDetailSchema>;
export type SignalView = z.output<typeof SignalViewSchema>;
export type MatchCandidate = z.output<typeof MatchCandidateViewSchema>;
export type MatchingQueueItem = z.output<typeof MatchingQueueItemSchema>;
export type IntakeResponse = z.output<typeof IntakeResponseSchema>;
export type SignalImport = z.output<typeof SignalImportSchema>;
export type ImportLine = z.output<typeof ImportLineSchema>;
export type FilePreview = z.output<typeof FilePreviewSchema>;
export type FileMapping = FilePreview['mapping'];
export type ReferralInput = z.input<typeof ReferralBody>;

export type MeldingStatus = MeldingSummary['status'];
export type MeldingSort = 'priority' | 'deadline' | 'amount';
export type MeldingFlag =
  | 'crisis'
  | 'meervoudig'
  | 'opeenvolgend'
  | 'enkelvoudig'
  | 'knownToShv'
  | 'minorChildren';

/** The filters of GET /meldingen, as the API takes them (amounts in cents, lists comma-separated). */
export interface MeldingFilters {
  status?: MeldingStatus;
  queueId?: string;
  wijkId?: string;
  partnerType?: string;
  minAmountCents?: number;
  maxAmountCents?: number;
  minAge?: number;
  maxAge?: number;
  flags?: string;
  sort?: MeldingSort;
}

export interface RuleSetVersion {
  id: string;
  version: number;
  isActive: boolean;
  createdAt: string;
  createdBy: string;
}

export interface RuleSetView {
  active: { id: string; version: number; definition: RuleSetDefinition };
  versions: RuleSetVersion[];
  queues: string[];
}

export interface RulePreview {
  total: number;
  moved: number;
  byTransition: { from: string; to: string; count: number }[];
  samples: { id: string; from: string; to: string }[];
  storedQueueDiffers: number;
}

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);

async function findIn<T extends { id: string }>(
  load: (cursor: string | null) => Promise<Page<T>>,
  itemId: string,
): Promise<T> {
  const found = (await loadAll(load)).find((item) => item.id === itemId);
  if (!found) throw new ApiProblem({ title: 'Not Found', status: 404 });
  return found;
}

/** A file upload: the `mapping` field (JSON) goes before the file, so the server knows it when the file arrives. */
function upload(file: File, mapping?: FileMapping): FormData {
  const form = new FormData();
  if (mapping !== undefined) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return form;
}

export const vsApi = {
  meldingen: (filters: MeldingFilters, cursor?: string | null, limit = 50) =>
    request<Page<MeldingSummary>>(`${V1}/meldingen`, {
      query: { ...filters, cursor: cursor ?? undefined, limit },
    }),
  melding: (meldingId: string) => request<MeldingDetail>(`${V1}/meldingen/${id(meldingId)}`),
  signal: (signalId: string) => request<SignalView>(`${V1}/vroegsignalen/${id(signalId)}`),

  matchingQueue: (cursor?: string | null, limit = 25) =>
    request<Page<MatchingQueueItem>>(`${V1}/koppelen`, { query: { cursor: cursor ?? undefined, limit } }),
  match: (signalId: string, personId: string | null) =>
    request<SignalView>(`${V1}/vroegsignalen/${id(signalId)}/koppeling`, {
      method: 'POST',
      body: { personId },
    }),

  enterSignal: (body: { partnerId?: string; signal: SignalInput }) =>
    request<IntakeResponse>(`${V1}/vroegsignalen/handmatig`, { method: 'POST', body }),
  refer: (body: ReferralInput) => request<IntakeResponse>(`${V1}/verwijzingen`, { method: 'POST', body }),

  previewFile: (partnerId: string, file: File) =>
    request<FilePreview>(`${V1}/signaalpartners/${id(partnerId)}/bestanden/voorbeeld`, {
      method: 'POST',
      body: upload(file),
    }),
  uploadFile: (partnerId: string, file: File, mapping: FileMapping) =>
    request<SignalImport>(`${V1}/signaalpartners/${id(partnerId)}/bestanden`, {
      method: 'POST',
      body: upload(file, mapping),
    }),
  saveColumnMapping: (partnerId: string, columnMapping: FileMapping | null) =>
    request<SignalPartner>(`${V1}/signaalpartners/${id(partnerId)}/kolomindeling`, {
      method: 'PUT',
      body: { columnMapping },
    }),
  imports: () => request<{ items: SignalImport[] }>(`${V1}/imports`),
  import: (importId: string) => request<SignalImport>(`${V1}/imports/${id(importId)}`),
  importLines: (importId: string, outcome: ImportLine['outcome'], afterRow = 0, limit = 100) =>
    request<{ items: ImportLine[] }>(`${V1}/imports/${id(importId)}/regels`, {
      query: { outcome, afterRow, limit },
    }),
  errorReportUrl: (importId: string) => `${V1}/imports/${id(importId)}/foutenrapport`,
  resubmitLine: (importId: string, row: number, cells: Record<string, string>) =>
    request<{ outcome: string; signalId: string | null }>(`${V1}/imports/${id(importId)}/regels/${row}`, {
      method: 'PUT',
      body: { cells },
    }),
  discardLine: (importId: string, row: number) =>
    request<void>(`${V1}/imports/${id(importId)}/regels/${row}`, { method: 'DELETE' }),

  ruleSet: () => request<RuleSetView>(`${V1}/afwegingskader`),
  previewRuleSet: (definition: RuleSetDefinition) =>
    request<RulePreview>(`${V1}/afwegingskader/voorbeeld`, { method: 'POST', body: { definition } }),
  saveRuleSet: (definition: RuleSetDefinition) =>
    request<{ id: string; version: number; reprioritised: number }>(`${V1}/afwegingskader`, {
      method: 'PUT',
      body: { definition },
    }),

  partners: (cursor?: string | null, limit = 100) =>
    request<Page<SignalPartner>>(`${V1}/signaalpartners`, { query: { cursor: cursor ?? undefined, limit } }),
  allPartners: () => loadAll((cursor) => vsApi.partners(cursor)),
  partner: (partnerId: string) => request<SignalPartner>(`${V1}/signaalpartners/${id(partnerId)}`),
  createPartner: (body: SignalPartnerCreate) =>
    request<SignalPartner>(`${V1}/signaalpartners`, { method: 'POST', body }),
  updatePartner: (partnerId: string, body: SignalPartnerPatch) =>
    request<SignalPartner>(`${V1}/signaalpartners/${id(partnerId)}`, { method: 'PATCH', body }),
  issueCredentials: (partnerId: string) =>
    request<PartnerCredentials>(`${V1}/signaalpartners/${id(partnerId)}/credentials`, { method: 'POST' }),

  referralSources: (cursor?: string | null, limit = 100) =>
    request<Page<ReferralSource>>(`${V1}/verwijzers`, { query: { cursor: cursor ?? undefined, limit } }),
  allReferralSources: () => loadAll((cursor) => vsApi.referralSources(cursor)),
  /** There is no GET /verwijzers/{id}: look it up in the list. */
  referralSource: (sourceId: string) => findIn((cursor) => vsApi.referralSources(cursor), sourceId),
  createReferralSource: (body: ReferralSourceCreate) =>
    request<ReferralSource>(`${V1}/verwijzers`, { method: 'POST', body }),
  updateReferralSource: (sourceId: string, body: ReferralSourcePatch) =>
    request<ReferralSource>(`${V1}/verwijzers/${id(sourceId)}`, { method: 'PATCH', body }),

  workQueues: (cursor?: string | null, limit = 100) =>
    request<Page<WorkQueue>>(`${V1}/werkbakjes`, { query: { cursor: cursor ?? undefined, limit } }),
  allWorkQueues: () => loadAll((cursor) => vsApi.workQueues(cursor)),
  /** There is no GET /werkbakjes/{id}: look it up in the list. */
  workQueue: (queueId: string) => findIn((cursor) => vsApi.workQueues(cursor), queueId),
  createWorkQueue: (body: WorkQueueCreate) =>
    request<WorkQueue>(`${V1}/werkbakjes`, { method: 'POST', body }),
  updateWorkQueue: (queueId: string, body: WorkQueuePatch) =>
    request<WorkQueue>(`${V1}/werkbakjes/${id(queueId)}`, { method: 'PATCH', body }),

  postcodeRanges: (wijkId: string) =>
    request<WijkPostcodeRanges>(`${V1}/wijken/${id(wijkId)}/postcodegebieden`),
  savePostcodeRanges: (wijkId: string, ranges: PostcodeRange[]) =>
    request<WijkPostcodeRanges>(`${V1}/wijken/${id(wijkId)}/postcodegebieden`, {
      method: 'PUT',
      body: { ranges },
    }),
};
