// The household-plan endpoints (/api/v1/huishoudplannen and friends). Types come from the shared zod schemas
// (type-only imports: zod itself stays out of the bundle). Every change answers the whole household view.
import type { z } from 'zod';
import type {
  ActionBody,
  BridgeBody,
  CaseloadItem,
  ConsentBody,
  GoalBody,
  GoalEventBody,
  GoalPatchBody,
  HouseholdView,
  NetworkMemberBody,
  ReferralBody,
  ReferralPatchBody,
  TimelineEvent,
  ZrmBody,
} from '../../../shared/schemas/households.ts';
import { type Page, type Query, request } from '../../api.ts';

export type { CaseloadItem, HouseholdView, TimelineEvent };
export type Goal = NonNullable<HouseholdView['goals']>[number];
export type Action = Goal['actions'][number];

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);
const post = <T>(path: string, body: unknown) => request<T>(`${V1}${path}`, { method: 'POST', body });

export const householdsApi = {
  caseload: (query: Query) => request<Page<CaseloadItem>>(`${V1}/huishoudplannen`, { query }),
  household: (householdId: string) => request<HouseholdView>(`${V1}/huishoudplannen/${id(householdId)}`),
  timeline: (householdId: string, query: Query) =>
    request<Page<TimelineEvent>>(`${V1}/huishoudplannen/${id(householdId)}/tijdlijn`, { query }),
  regisseurs: () => request<{ items: { id: string; name: string }[] }>(`${V1}/regisseurs`),
  pdfUrl: (householdId: string, taal: string) =>
    `${V1}/huishoudplannen/${id(householdId)}/plan.pdf?taal=${taal}`,
  handOver: (householdId: string, body: { regisseurId: string; version: number; reason: string }) =>
    request<HouseholdView>(`${V1}/huishoudplannen/${id(householdId)}/regisseur`, { method: 'PUT', body }),
  addNetwork: (householdId: string, body: z.input<typeof NetworkMemberBody>) =>
    post<HouseholdView>(`/huishoudplannen/${id(householdId)}/netwerk`, body),
  giveConsent: (householdId: string, body: z.input<typeof ConsentBody>) =>
    post<HouseholdView>(`/huishoudplannen/${id(householdId)}/toestemmingen`, body),
  withdrawConsent: (consentId: string, body: { withdrawnOn: string; withdrawnByMemberId: string }) =>
    post<HouseholdView>(`/huishoudplan-toestemmingen/${id(consentId)}/intrekking`, body),
  recordZrm: (householdId: string, body: z.input<typeof ZrmBody>) =>
    post<HouseholdView>(`/huishoudplannen/${id(householdId)}/zrm`, body),
  recordBridge: (householdId: string, body: z.input<typeof BridgeBody>) =>
    post<HouseholdView>(`/huishoudplannen/${id(householdId)}/brug`, body),
  addGoal: (householdId: string, body: z.input<typeof GoalBody>) =>
    post<HouseholdView>(`/huishoudplannen/${id(householdId)}/doelen`, body),
  updateGoal: (goalId: string, body: z.input<typeof GoalPatchBody>) =>
    request<HouseholdView>(`${V1}/huishoudplan-doelen/${id(goalId)}`, { method: 'PATCH', body }),
  addAction: (goalId: string, body: z.input<typeof ActionBody>) =>
    post<HouseholdView>(`/huishoudplan-doelen/${id(goalId)}/acties`, body),
  addProgress: (goalId: string, body: z.input<typeof GoalEventBody>) =>
    post<HouseholdView>(`/huishoudplan-doelen/${id(goalId)}/voortgang`, body),
  setAction: (actionId: string, status: 'open' | 'gedaan' | 'vervallen') =>
    request<HouseholdView>(`${V1}/huishoudplan-acties/${id(actionId)}`, {
      method: 'PATCH',
      body: { status },
    }),
  addReferral: (householdId: string, body: z.input<typeof ReferralBody>) =>
    post<HouseholdView>(`/huishoudplannen/${id(householdId)}/verwijzingen`, body),
  updateReferral: (referralId: string, body: z.input<typeof ReferralPatchBody>) =>
    request<HouseholdView>(`${V1}/huishoudplan-verwijzingen/${id(referralId)}`, { method: 'PATCH', body }),
};
