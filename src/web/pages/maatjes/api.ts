// The budgetmaatjes endpoints: organisations, volunteers, residents' requests, ranked candidates, matches,
// escalations, and the volunteer's own matches (/mijn-maatjes). Types from the shared zod schemas (type-only).
import type { z } from 'zod';
import type {
  CandidatesSchema,
  Escalation,
  EscalationBody,
  Match,
  MatchBody,
  MatchEndBody,
  MeetingBody,
  MyMatchSchema,
  Organisation,
  OrganisationBody,
  Volunteer,
  VolunteerAccount,
  VolunteerBody,
  VolunteerMatchView,
  VolunteerPatchBody,
  VolunteerRequest,
  VolunteerRequestBody,
} from '../../../shared/schemas/volunteers.ts';
import { type Page, type Query, request } from '../../api.ts';

export type {
  Escalation,
  Match,
  Organisation,
  Volunteer,
  VolunteerAccount,
  VolunteerMatchView,
  VolunteerRequest,
};
export type Candidates = z.infer<typeof CandidatesSchema>;
export type Candidate = Candidates['candidates'][number];
export type MyMatch = z.infer<typeof MyMatchSchema>;

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);
const post = <T>(path: string, body: unknown) => request<T>(`${V1}${path}`, { method: 'POST', body });

export const maatjesApi = {
  organisations: () => request<Organisation[]>(`${V1}/vrijwilligersorganisaties`),
  accounts: () => request<VolunteerAccount[]>(`${V1}/vrijwilligers-accounts`),
  createOrganisation: (body: z.input<typeof OrganisationBody>) =>
    post<Organisation>('/vrijwilligersorganisaties', body),
  volunteers: (query: Query) => request<Page<Volunteer>>(`${V1}/vrijwilligers`, { query }),
  volunteer: (volunteerId: string) => request<Volunteer>(`${V1}/vrijwilligers/${id(volunteerId)}`),
  createVolunteer: (body: z.input<typeof VolunteerBody>) => post<Volunteer>('/vrijwilligers', body),
  updateVolunteer: (volunteerId: string, body: z.input<typeof VolunteerPatchBody>) =>
    request<Volunteer>(`${V1}/vrijwilligers/${id(volunteerId)}`, { method: 'PATCH', body }),
  requests: (query: Query) => request<Page<VolunteerRequest>>(`${V1}/maatjes-hulpvragen`, { query }),
  request: (requestId: string) => request<VolunteerRequest>(`${V1}/maatjes-hulpvragen/${id(requestId)}`),
  createRequest: (body: z.input<typeof VolunteerRequestBody>) =>
    post<VolunteerRequest>('/maatjes-hulpvragen', body),
  candidates: (requestId: string) =>
    request<Candidates>(`${V1}/maatjes-hulpvragen/${id(requestId)}/kandidaten`),
  match: (requestId: string, body: z.input<typeof MatchBody>) =>
    post<Match>(`/maatjes-hulpvragen/${id(requestId)}/koppeling`, body),
  matches: (query: Query) => request<Match[]>(`${V1}/maatjes-koppelingen`, { query }),
  endMatch: (matchId: string, body: z.input<typeof MatchEndBody>) =>
    post<Match>(`/maatjes-koppelingen/${id(matchId)}/beeindiging`, body),
  escalations: (open: boolean) =>
    request<Escalation[]>(`${V1}/maatjes-escalaties`, { query: { open: open ? 'true' : 'false' } }),
  handleEscalation: (escalationId: string) =>
    post<Escalation>(`/maatjes-escalaties/${id(escalationId)}/afhandeling`, {}),
  myMatches: () => request<MyMatch[]>(`${V1}/mijn-maatjes`),
  myMatch: (matchId: string) => request<VolunteerMatchView>(`${V1}/mijn-maatjes/${id(matchId)}`),
  logMeeting: (matchId: string, body: z.input<typeof MeetingBody>) =>
    post<VolunteerMatchView>(`/mijn-maatjes/${id(matchId)}/contacten`, body),
  escalate: (matchId: string, body: z.input<typeof EscalationBody>) =>
    post<VolunteerMatchView>(`/mijn-maatjes/${id(matchId)}/escalatie`, body),
};

/** Query keys: everything of budgetmaatjes starts with 'maatjes'. */
export const keys = {
  all: ['maatjes'] as const,
  organisations: ['maatjes', 'organisations'] as const,
  volunteers: (query: Query) => ['maatjes', 'volunteers', query] as const,
  volunteer: (volunteerId: string) => ['maatjes', 'volunteer', volunteerId] as const,
  requests: (query: Query) => ['maatjes', 'requests', query] as const,
  request: (requestId: string) => ['maatjes', 'request', requestId] as const,
  candidates: (requestId: string) => ['maatjes', 'candidates', requestId] as const,
  matches: (query: Query) => ['maatjes', 'matches', query] as const,
  escalations: (open: boolean) => ['maatjes', 'escalations', open] as const,
  mine: ['maatjes', 'mine'] as const,
  myMatch: (matchId: string) => ['maatjes', 'mine', matchId] as const,
};
