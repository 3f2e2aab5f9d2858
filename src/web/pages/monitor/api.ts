// The monitor endpoints (GET /api/v1/monitor and its CSV and PDF). Types come from the shared zod schemas as
// type-only imports, so zod stays out of this chunk.
import type { MonitorResponse, MonitorRow } from '../../../shared/schemas/reporting.ts';
import { request, withQuery } from '../../api.ts';

export type { MonitorResponse, MonitorRow };
export type MonitorMunicipality = MonitorResponse['municipality'];

export interface MonitorSearch {
  van?: string;
  tot?: string;
  wijk?: string;
  regio?: boolean;
}

export type MonitorQuery = {
  van?: string;
  tot?: string;
  wijkId?: string;
  regio?: 'true';
  taal: 'nl' | 'en';
};

const V1 = '/api/v1';

export function monitorQuery(search: MonitorSearch, taal: 'nl' | 'en'): MonitorQuery {
  return {
    van: search.van,
    tot: search.tot,
    wijkId: search.wijk,
    regio: search.regio ? 'true' : undefined,
    taal,
  };
}

export const monitorApi = {
  show: (query: MonitorQuery) => request<MonitorResponse>(`${V1}/monitor`, { query }),
  csvUrl: (query: MonitorQuery) => withQuery(`${V1}/monitor/export.csv`, query),
  pdfUrl: (query: MonitorQuery) => withQuery(`${V1}/monitor/rapport.pdf`, query),
};

/** The search parameters of /monitor, as the router validates them (dates YYYY-MM-DD, a wijk id, regio). */
export function validateMonitorSearch(search: Record<string, unknown>): MonitorSearch {
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const wijk =
    typeof search.wijk === 'string' && /^[0-9a-f-]{36}$/i.test(search.wijk) ? search.wijk : undefined;
  return {
    van: date(search.van),
    tot: date(search.tot),
    wijk,
    regio: search.regio === true || search.regio === 'true' ? true : undefined,
  };
}
