// The follow-up endpoints (/api/v1/opvolging): work lists, the melding view, contact, planning, closing, handovers.
// Types come from the shared zod schemas (type-only imports: zod itself stays out of the bundle).
import type { z } from 'zod';
import type {
  AgendaItemSchema,
  AssignBody,
  CloseBody,
  ColleagueSchema,
  ContactAttemptBody,
  HandoverBody,
  MeldingViewSchema,
  MyWorkSchema,
  PlannedActionBody,
  PlannedActionSchema,
  QueueOverviewSchema,
  RouteListSchema,
  WorkItemSchema,
} from '../../../shared/schemas/followup.ts';
import { type Page, type Query, request } from '../../api.ts';

export type WorkItem = z.output<typeof WorkItemSchema>;
export type MeldingView = z.output<typeof MeldingViewSchema>;
export type QueueOverview = z.output<typeof QueueOverviewSchema>;
export type MyWork = z.output<typeof MyWorkSchema>;
export type Colleague = z.output<typeof ColleagueSchema>;
export type AgendaItem = z.output<typeof AgendaItemSchema>;
export type PlannedAction = z.output<typeof PlannedActionSchema>;
export type RouteList = z.output<typeof RouteListSchema>;
export type DeadlineState = WorkItem['deadlines']['state'];

const V1 = '/api/v1/opvolging';
const id = (value: string) => encodeURIComponent(value);

export const followupApi = {
  overview: () => request<QueueOverview>(`${V1}/werkbakjes`),
  work: (query: Query) => request<Page<WorkItem>>(`${V1}/meldingen`, { query }),
  myWork: () => request<MyWork>(`${V1}/mijn-werk`),
  colleagues: () => request<{ items: Colleague[] }>(`${V1}/medewerkers`),
  melding: (meldingId: string) => request<MeldingView>(`${V1}/meldingen/${id(meldingId)}`),
  assign: (meldingId: string, body: z.input<typeof AssignBody>) =>
    request<WorkItem>(`${V1}/meldingen/${id(meldingId)}/toewijzing`, { method: 'PUT', body }),
  assignMany: (items: { id: string; version: number }[], assigneeId: string | null) =>
    request<{ assigned: number }>(`${V1}/toewijzingen`, { method: 'POST', body: { items, assigneeId } }),
  contact: (meldingId: string, body: z.input<typeof ContactAttemptBody>) =>
    request<WorkItem>(`${V1}/meldingen/${id(meldingId)}/contactpogingen`, { method: 'POST', body }),
  plan: (meldingId: string, body: z.input<typeof PlannedActionBody>) =>
    request<PlannedAction>(`${V1}/meldingen/${id(meldingId)}/acties`, { method: 'POST', body }),
  actionDone: (actionId: string) =>
    request<PlannedAction>(`${V1}/acties/${id(actionId)}`, { method: 'PATCH', body: { status: 'gedaan' } }),
  close: (meldingId: string, body: z.input<typeof CloseBody>) =>
    request<WorkItem>(`${V1}/meldingen/${id(meldingId)}/afsluiting`, { method: 'POST', body }),
  handover: (meldingId: string, body: z.input<typeof HandoverBody>) =>
    request<unknown>(`${V1}/meldingen/${id(meldingId)}/overdracht`, { method: 'POST', body }),
  confirmQuickFix: (checkId: string, solved: boolean) =>
    request<unknown>(`${V1}/quick-fix-controles/${id(checkId)}/bevestiging`, {
      method: 'POST',
      body: { solved },
    }),
  agenda: () => request<Page<AgendaItem>>(`${V1}/agenda`),
  route: (datum: string) => request<RouteList>(`${V1}/huisbezoekroute`, { query: { datum } }),
};
