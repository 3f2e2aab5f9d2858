// The business-case endpoints: the view (and its CSV and PDF), assumptions, scenarios, the price list, interventions
// with outcomes and the "wat werkt" catalogue. Types come from the shared zod schemas as type-only imports, so zod
// stays out of this chunk.
import type { z } from 'zod';
import type {
  Assumptions,
  BusinessCaseRow,
  BusinessCaseView,
  Intervention,
  InterventionBody,
  OutcomeBody,
  PriceListImportBody,
  PriceListImportResult,
  PriceListSummarySchema,
  PriceListVersion,
  Scenario,
  Settings,
  WhatWorks,
  WhatWorksBody,
  WhatWorksFile,
  WhatWorksImportResultSchema,
} from '../../../shared/schemas/businesscase.ts';
import { request, withQuery } from '../../api.ts';

export type {
  Assumptions,
  BusinessCaseRow,
  BusinessCaseView,
  Intervention,
  PriceListVersion,
  Scenario,
  Settings,
  WhatWorks,
  WhatWorksFile,
};
export type PriceListSummary = z.infer<typeof PriceListSummarySchema>;
export type WhatWorksImportResult = z.infer<typeof WhatWorksImportResultSchema>;
export type RiskRow = BusinessCaseRow['risks'][number];

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);

/** What the view is asked for: a period, maybe one intervention type and a scenario, and the language of files. */
export interface ViewQuery {
  from: string;
  to: string;
  interventionType?: string;
  scenarioId?: string;
  taal: 'nl' | 'en';
}

export const businessCaseApi = {
  view: (query: ViewQuery) => request<BusinessCaseView>(`${V1}/businesscase`, { query: { ...query } }),
  csvUrl: (query: ViewQuery) => withQuery(`${V1}/businesscase.csv`, { ...query }),
  pdfUrl: (query: ViewQuery) => withQuery(`${V1}/businesscase.pdf`, { ...query }),

  settings: () => request<Settings>(`${V1}/businesscase/aannames`),
  saveSettings: (body: Settings) => request<Settings>(`${V1}/businesscase/aannames`, { method: 'PUT', body }),

  scenarios: () => request<Scenario[]>(`${V1}/businesscase-scenarios`),
  scenario: (scenarioId: string) => request<Scenario>(`${V1}/businesscase-scenarios/${id(scenarioId)}`),
  createScenario: (name: string) =>
    request<Scenario>(`${V1}/businesscase-scenarios`, { method: 'POST', body: { name } }),
  saveScenario: (scenarioId: string, body: { name?: string; assumptions?: Assumptions }) =>
    request<Scenario>(`${V1}/businesscase-scenarios/${id(scenarioId)}`, { method: 'PUT', body }),

  priceLists: () => request<PriceListSummary[]>(`${V1}/prijslijsten`),
  priceList: (versionId: string) => request<PriceListVersion>(`${V1}/prijslijsten/${id(versionId)}`),
  importPriceList: (body: z.input<typeof PriceListImportBody>) =>
    request<PriceListImportResult>(`${V1}/prijslijsten/import`, { method: 'POST', body }),

  interventions: (householdCaseId?: string) =>
    request<Intervention[]>(`${V1}/interventies`, { query: { householdCaseId, limit: 50 } }),
  recordIntervention: (body: z.input<typeof InterventionBody>) =>
    request<Intervention>(`${V1}/interventies`, { method: 'POST', body }),
  recordOutcome: (interventionId: string, body: z.input<typeof OutcomeBody>) =>
    request<Intervention>(`${V1}/interventies/${id(interventionId)}/uitkomsten`, { method: 'POST', body }),

  whatWorks: () => request<WhatWorks[]>(`${V1}/wat-werkt`),
  addWhatWorks: (body: z.input<typeof WhatWorksBody>) =>
    request<WhatWorks>(`${V1}/wat-werkt`, { method: 'POST', body }),
  whatWorksExportUrl: `${V1}/wat-werkt/export`,
  importWhatWorks: (file: WhatWorksFile) =>
    request<WhatWorksImportResult>(`${V1}/wat-werkt/import`, { method: 'POST', body: file }),
};

/** Query keys: everything of the business case starts with 'businesscase', so one invalidation refreshes it all. */
export const keys = {
  all: ['businesscase'] as const,
  view: (municipalityId: string | undefined, query: ViewQuery) =>
    ['businesscase', 'view', municipalityId, query] as const,
  settings: (municipalityId: string | undefined) => ['businesscase', 'settings', municipalityId] as const,
  scenarios: (municipalityId: string | undefined) => ['businesscase', 'scenarios', municipalityId] as const,
  scenario: (scenarioId: string) => ['businesscase', 'scenario', scenarioId] as const,
  priceLists: (municipalityId: string | undefined) => ['businesscase', 'prices', municipalityId] as const,
  priceList: (versionId: string) => ['businesscase', 'price-list', versionId] as const,
  interventions: (municipalityId: string | undefined, householdCaseId?: string) =>
    ['businesscase', 'interventions', municipalityId, householdCaseId ?? null] as const,
  whatWorks: (municipalityId: string | undefined) => ['businesscase', 'whatworks', municipalityId] as const,
};

/** The search parameters of /businesscase, as the router validates them. */
export interface BusinessCaseSearch {
  van?: string;
  tot?: string;
  soort?: string;
  scenario?: string;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

export function validateBusinessCaseSearch(search: Record<string, unknown>): BusinessCaseSearch {
  return {
    van: isDate(search.van) ? search.van : undefined,
    tot: isDate(search.tot) ? search.tot : undefined,
    soort: typeof search.soort === 'string' && /^[a-z_]{2,60}$/.test(search.soort) ? search.soort : undefined,
    scenario: isId(search.scenario) ? search.scenario : undefined,
  };
}

/** The search parameters of /interventies: the household plan the list and the form are about. */
export function validateInterventionsSearch(search: Record<string, unknown>): { huishouden?: string } {
  return { huishouden: isId(search.huishouden) ? search.huishouden : undefined };
}
