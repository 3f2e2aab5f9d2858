// The berekeningen endpoints of the Vangnet API: calculators (with PDF), municipal schemes, the scan of a household
// and the non-take-up outreach list. Types come from the shared zod schemas (type-only: zod stays out of the page).
import type { z } from 'zod';
import type {
  HuishoudenScanResult,
  OutreachItem,
  Regel,
  Regeling,
  RegelingCreate,
  RegelingPatch,
  ScanRun,
  Toelichting,
} from '../../../shared/schemas/berekeningen.ts';
import { api as baseApi, type Page, problemFromBody, request } from '../../api.ts';

export type { OutreachItem, Regel, Regeling, ScanRun, Toelichting };
export type HuishoudenScan = z.output<typeof HuishoudenScanResult>;
export type RegelingBody = z.input<
  typeof import('../../../shared/schemas/berekeningen.ts').RegelingCreateBody
>;
export type BerekeningResultaat = { regel: Regel; peildatum: string; toelichting: Toelichting } & Record<
  string,
  unknown
>;

const V1 = '/api/v1';

export const rekenApi = {
  bereken: (regel: Regel, body: Record<string, unknown>) =>
    request<BerekeningResultaat>(`${V1}/berekeningen/${regel}`, { method: 'POST', body }),

  /** The calculation as a tagged PDF (a Blob, for a download link). */
  pdf: async (regel: Regel, body: Record<string, unknown>, taal: 'nl' | 'en'): Promise<Blob> => {
    const session = await baseApi.getSession();
    const res = await fetch(`${V1}/berekeningen/${regel}/pdf?taal=${taal}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!res.ok) throw problemFromBody(res.status, await res.json().catch(() => null), res.statusText);
    return res.blob();
  },

  regelingen: async (): Promise<Page<Regeling>> => ({
    ...(await request<{ items: Regeling[] }>(`${V1}/regelingen`)),
    nextCursor: null,
  }),
  regeling: (id: string) => request<Regeling>(`${V1}/regelingen/${encodeURIComponent(id)}`),
  createRegeling: (body: RegelingBody) => request<Regeling>(`${V1}/regelingen`, { method: 'POST', body }),
  updateRegeling: (id: string, body: RegelingPatch | RegelingCreate) =>
    request<Regeling>(`${V1}/regelingen/${encodeURIComponent(id)}`, { method: 'PATCH', body }),

  huishoudenScan: (householdId: string, peildatum?: string) =>
    request<HuishoudenScan>(`${V1}/huishoudens/${encodeURIComponent(householdId)}/voorzieningen-scan`, {
      query: { peildatum },
    }),
  scans: (cursor?: string | null, limit = 10) =>
    request<Page<ScanRun>>(`${V1}/niet-gebruik/scans`, { query: { cursor: cursor ?? undefined, limit } }),
  startScan: (peildatum?: string) =>
    request<ScanRun>(`${V1}/niet-gebruik/scans`, { method: 'POST', body: peildatum ? { peildatum } : {} }),
  outreach: (runId: string, cursor?: string | null, limit = 25) =>
    request<Page<OutreachItem>>(`${V1}/niet-gebruik/scans/${encodeURIComponent(runId)}/huishoudens`, {
      query: { cursor: cursor ?? undefined, limit },
    }),
};
