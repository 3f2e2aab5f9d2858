// The maatwerkbudget endpoints (/api/v1/maatwerkbudget...). Types come from the shared zod schemas (type-only
// imports: zod itself stays out of the bundle). Every change of a request answers the whole request.
import type { z } from 'zod';
import type {
  BudgetBody,
  BudgetPatchBody,
  BudgetRequestBody,
  BudgetRequestListItemSchema,
  BudgetRequestSchema,
  BudgetSchema,
  DecisionBody,
  FollowupBody,
  FollowupSchema,
  GateBody,
  PaymentBody,
  WithdrawBody,
} from '../../../shared/schemas/budget.ts';
import { loadAll, type Page, type Query, request, withQuery } from '../../api.ts';

export type Budget = z.infer<typeof BudgetSchema>;
export type BudgetRequest = z.infer<typeof BudgetRequestSchema>;
export type BudgetRequestItem = z.infer<typeof BudgetRequestListItemSchema>;
export type Followup = z.infer<typeof FollowupSchema>;
export type ProvisionCheck = BudgetRequest['provisions'][number];
export type GateInput = z.input<typeof GateBody>;

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);
const post = <T>(path: string, body: unknown) => request<T>(`${V1}${path}`, { method: 'POST', body });

export const budgetApi = {
  budgets: () => request<Budget[]>(`${V1}/maatwerkbudgetten`),
  budget: (budgetId: string) => request<Budget>(`${V1}/maatwerkbudgetten/${id(budgetId)}`),
  createBudget: (body: z.input<typeof BudgetBody>) => post<Budget>('/maatwerkbudgetten', body),
  updateBudget: (budgetId: string, body: z.input<typeof BudgetPatchBody>) =>
    request<Budget>(`${V1}/maatwerkbudgetten/${id(budgetId)}`, { method: 'PATCH', body }),
  /** One page of requests, newest first; `cursor` is the nextCursor of the page before. */
  requests: (query: Query) => request<Page<BudgetRequestItem>>(`${V1}/maatwerkbudget-aanvragen`, { query }),
  /** Every request that matches, page by page (for a household's few, or the paid ones with a follow-up). */
  allRequests: (query: Query) =>
    loadAll((cursor) =>
      request<Page<BudgetRequestItem>>(`${V1}/maatwerkbudget-aanvragen`, {
        query: { ...query, cursor, limit: 200 },
      }),
    ),
  request: (requestId: string) => request<BudgetRequest>(`${V1}/maatwerkbudget-aanvragen/${id(requestId)}`),
  createRequest: (body: z.input<typeof BudgetRequestBody>) =>
    post<BudgetRequest>('/maatwerkbudget-aanvragen', body),
  recordGate: (requestId: string, body: GateInput) =>
    request<BudgetRequest>(`${V1}/maatwerkbudget-aanvragen/${id(requestId)}/poort`, { method: 'PUT', body }),
  decide: (requestId: string, body: z.input<typeof DecisionBody>) =>
    post<BudgetRequest>(`/maatwerkbudget-aanvragen/${id(requestId)}/besluit`, body),
  pay: (requestId: string, body: z.input<typeof PaymentBody>) =>
    post<BudgetRequest>(`/maatwerkbudget-aanvragen/${id(requestId)}/betaling`, body),
  withdraw: (requestId: string, body: z.input<typeof WithdrawBody>) =>
    post<BudgetRequest>(`/maatwerkbudget-aanvragen/${id(requestId)}/intrekking`, body),
  followups: (status: Followup['status']) =>
    request<Followup[]>(`${V1}/maatwerkbudget-opvolgingen`, { query: { status } }),
  assessFollowup: (followupId: string, body: z.input<typeof FollowupBody>) =>
    post<BudgetRequest>(`/maatwerkbudget-opvolgingen/${id(followupId)}`, body),
  paymentsCsvUrl: (query: { from: string; to: string; budgetId?: string }) =>
    withQuery(`${V1}/maatwerkbudget-betalingen.csv`, query),
};

/** Query keys: everything of the maatwerkbudget starts with 'budget', so one invalidation refreshes it all. */
export const keys = {
  all: ['budget'] as const,
  budgets: ['budget', 'budgets'] as const,
  budget: (budgetId: string) => ['budget', 'budgets', budgetId] as const,
  requests: (query: Query) => ['budget', 'requests', query] as const,
  allRequests: (query: Query) => ['budget', 'requests', 'all', query] as const,
  request: (requestId: string) => ['budget', 'request', requestId] as const,
  followups: (status: string) => ['budget', 'followups', status] as const,
};
