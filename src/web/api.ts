// The one way the web UI talks to the Vangnet API: same-origin fetch with cookies, a CSRF token on unsafe
// methods, and RFC 9457 problem details turned into a typed ApiProblem.

import type { InvalidParam } from '../shared/problem.ts';
import type { Permission } from '../shared/roles.ts';

export type { InvalidParam };

export type MfaState = 'not_required' | 'enrol' | 'verify' | 'verified' | null;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  preferredLanguage: string;
}

export interface ActiveMunicipality {
  id: string;
  name: string;
  cbsCode: string;
  theme: string | null;
}

export interface MunicipalityMembership {
  id: string;
  name: string;
  cbsCode: string;
  roles: string[];
}

export interface Session {
  authenticated: boolean;
  csrfToken: string;
  oidcEnabled: boolean;
  mfa: MfaState;
  user: SessionUser | null;
  activeMunicipality: ActiveMunicipality | null;
  municipalities: MunicipalityMembership[];
  permissions: Permission[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  isActive: boolean;
  mfaEnabled: boolean;
  roles: string[];
}

export interface Team {
  id: string;
  name: string;
  description: string;
}

export interface Wijk {
  id: string;
  code: string;
  name: string;
  teamId: string | null;
}

export interface MunicipalityDetails {
  id: string;
  name: string;
  cbsCode: string;
  inhabitants: number | null;
  settings: { theme?: string; contactEmail?: string };
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorName?: string | null;
  action: string;
  subjectType: string | null;
  subjectIds: string[] | null;
  purpose: string | null;
  requestId: string | null;
}

export interface TotpEnrolment {
  otpauthUri: string;
  qrDataUrl: string;
  secret: string;
}

export interface RoleInfo {
  role: string;
  permissions: string[];
}

export interface AuditFilters {
  from?: string;
  to?: string;
  action?: string;
  actorId?: string;
}

/** An error answer of the API (application/problem+json), or a network failure (status 0). */
export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly invalidParams: InvalidParam[];

  constructor(init: {
    type?: string;
    title: string;
    status: number;
    detail?: string;
    requestId?: string;
    invalidParams?: InvalidParam[];
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiProblem';
    this.type = init.type ?? 'about:blank';
    this.title = init.title;
    this.status = init.status;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.invalidParams = init.invalidParams ?? [];
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** Field errors keyed by field name without the `body.`/`query.` prefix (`body.email` → `email`). */
  fieldErrors(): Record<string, InvalidParam> {
    const out: Record<string, InvalidParam> = {};
    for (const p of this.invalidParams) {
      const name = p.name.replace(/^(body|query|params|path)\./, '');
      if (!(name in out)) out[name] = p;
    }
    return out;
  }
}

export function isApiProblem(e: unknown): e is ApiProblem {
  return e instanceof ApiProblem;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toInvalidParams(v: unknown): InvalidParam[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((p) => ({
    name: typeof p.name === 'string' ? p.name : '',
    code: typeof p.code === 'string' ? p.code : 'invalid',
    reason: typeof p.reason === 'string' ? p.reason : '',
  }));
}

export function problemFromBody(status: number, body: unknown, statusText = ''): ApiProblem {
  if (!isRecord(body)) return new ApiProblem({ title: statusText || `HTTP ${status}`, status });
  return new ApiProblem({
    type: typeof body.type === 'string' ? body.type : undefined,
    title: typeof body.title === 'string' ? body.title : statusText || `HTTP ${status}`,
    status: typeof body.status === 'number' ? body.status : status,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    invalidParams: toInvalidParams(body.invalidParams),
  });
}

// ---------------------------------------------------------------------------------------------------------
// CSRF token and session-expiry hook

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Remember the CSRF token of a session answer (GET /session, login, second factor, municipality switch). */
export function acceptSession<T extends Session>(session: T): T {
  csrfToken = session.csrfToken;
  return session;
}

export function clearCsrfToken(): void {
  csrfToken = null;
}

/** Called on any 401 from the API (except where the caller expects one, like a wrong password). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON, or FormData for a multipart upload. */
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** A 401 is an expected answer here (wrong password, wrong code): do not treat it as an expired session. */
  expectUnauthorized?: boolean;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // A FormData body (file upload) gets its multipart content type, with the boundary, from fetch itself.
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    if (csrfToken === null) await getSession();
    if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  }
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiProblem({ type: 'network', title: 'Network error', status: 0 });
  }
}

function looksLikeCsrfProblem(p: ApiProblem): boolean {
  return p.status === 403 && /csrf/i.test(`${p.type} ${p.title} ${p.detail ?? ''}`);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  let problem = response.ok ? null : await readProblem(response);
  if (problem && looksLikeCsrfProblem(problem)) {
    // The token may have been rotated (new session); fetch a fresh one and try once more.
    await getSession();
    response = await send(path, options);
    problem = response.ok ? null : await readProblem(response);
  }
  if (problem) {
    if (problem.status === 401 && !options.expectUnauthorized) unauthorizedHandler?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as T;
}

async function readProblem(response: Response): Promise<ApiProblem> {
  const type = response.headers.get('content-type') ?? '';
  let body: unknown = null;
  if (type.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  return problemFromBody(response.status, body, response.statusText);
}

// ---------------------------------------------------------------------------------------------------------
// Endpoints

async function findInPages<T>(
  load: (cursor: string | null) => Promise<Page<T>>,
  match: (item: T) => boolean,
): Promise<T> {
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page<T> = await load(cursor);
    const found = page.items.find(match);
    if (found) return found;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  throw new ApiProblem({ title: 'Not Found', status: 404 });
}

/** All items of a paginated list (for small lists such as teams in a select). */
export async function loadAll<T>(load: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page<T> = await load(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

const V1 = '/api/v1';

export async function getSession(signal?: AbortSignal): Promise<Session> {
  const session = await request<Session>(`${V1}/session`, { signal });
  return acceptSession(session);
}

export const api = {
  getSession,
  login: async (email: string, password: string) =>
    acceptSession(
      await request<Session>(`${V1}/auth/login`, {
        method: 'POST',
        body: { email, password },
        expectUnauthorized: true,
      }),
    ),
  startTotpEnrolment: () => request<TotpEnrolment>(`${V1}/auth/totp/enrolment`, { method: 'POST' }),
  confirmTotpEnrolment: async (code: string) =>
    acceptSession(
      await request<Session>(`${V1}/auth/totp/enrolment/confirm`, {
        method: 'POST',
        body: { code },
      }),
    ),
  verifyTotp: async (code: string) =>
    acceptSession(await request<Session>(`${V1}/auth/totp/verify`, { method: 'POST', body: { code } })),
  logout: () => request<void>(`${V1}/auth/logout`, { method: 'POST', expectUnauthorized: true }),
  logoutEverywhere: () =>
    request<void>(`${V1}/auth/logout-everywhere`, { method: 'POST', expectUnauthorized: true }),
  switchMunicipality: async (municipalityId: string) =>
    acceptSession(
      await request<Session>(`${V1}/session/municipality`, { method: 'PUT', body: { municipalityId } }),
    ),

  roles: () => request<{ items: RoleInfo[] }>(`${V1}/roles`),

  users: (cursor?: string | null, limit = 50) =>
    request<Page<User>>(`${V1}/users`, { query: { cursor: cursor ?? undefined, limit } }),
  user: (id: string) => request<User>(`${V1}/users/${encodeURIComponent(id)}`),
  createUser: (body: { email: string; displayName: string; password?: string; roles: string[] }) =>
    request<User>(`${V1}/users`, { method: 'POST', body }),
  updateUser: (id: string, body: { displayName?: string; isActive?: boolean; roles?: string[] }) =>
    request<User>(`${V1}/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),

  teams: (cursor?: string | null, limit = 100) =>
    request<Page<Team>>(`${V1}/teams`, { query: { cursor: cursor ?? undefined, limit } }),
  /** There is no GET /teams/{id}: look the team up in the (paginated) list. */
  team: (id: string) =>
    findInPages(
      (cursor) => api.teams(cursor),
      (t) => t.id === id,
    ),
  createTeam: (body: { name: string; description: string }) =>
    request<Team>(`${V1}/teams`, { method: 'POST', body }),
  updateTeam: (id: string, body: { name?: string; description?: string }) =>
    request<Team>(`${V1}/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  deleteTeam: (id: string) => request<void>(`${V1}/teams/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  wijken: (cursor?: string | null, limit = 100) =>
    request<Page<Wijk>>(`${V1}/wijken`, { query: { cursor: cursor ?? undefined, limit } }),
  /** There is no GET /wijken/{id}: look the wijk up in the (paginated) list. */
  wijk: (id: string) =>
    findInPages(
      (cursor) => api.wijken(cursor),
      (w) => w.id === id,
    ),
  createWijk: (body: { code: string; name: string; teamId?: string | null }) =>
    request<Wijk>(`${V1}/wijken`, { method: 'POST', body }),
  updateWijk: (id: string, body: { code?: string; name?: string; teamId?: string | null }) =>
    request<Wijk>(`${V1}/wijken/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  deleteWijk: (id: string) => request<void>(`${V1}/wijken/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  municipality: () => request<MunicipalityDetails>(`${V1}/municipality`),
  updateMunicipality: (body: {
    inhabitants?: number;
    settings?: { theme?: string; contactEmail?: string | null };
  }) => request<MunicipalityDetails>(`${V1}/municipality`, { method: 'PATCH', body }),

  auditEvents: (filters: AuditFilters, cursor?: string | null, limit = 50) =>
    request<Page<AuditEvent>>(`${V1}/audit-events`, {
      query: { ...filters, cursor: cursor ?? undefined, limit },
    }),
  auditExportUrl: (filters: AuditFilters) => withQuery(`${V1}/audit-events/export`, { ...filters }),
};
