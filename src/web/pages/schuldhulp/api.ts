// The debt-help endpoints (/api/v1/schuldhulp/...). Types come from the shared zod schemas (type-only imports: zod
// itself stays out of the bundle). A phase, period or counsellor change answers the whole trajectory.
import type { z } from 'zod';
import type {
  ClockSchema,
  DebtBody,
  DebtImportResultSchema,
  DebtPatchBody,
  DebtSchema,
  NewTrajectoryBody,
  PeriodBody,
  PeriodPatchBody,
  PhaseBody,
  ReminderSchema,
  TrajectorySchema,
  TrajectorySummarySchema,
} from '../../../shared/schemas/schuldhulp.ts';
import { type Page, type Query, request } from '../../api.ts';

export type Trajectory = z.infer<typeof TrajectorySchema>;
export type TrajectorySummary = z.infer<typeof TrajectorySummarySchema>;
export type Clock = z.infer<typeof ClockSchema>;
export type Debt = z.infer<typeof DebtSchema>;
export type Reminder = z.infer<typeof ReminderSchema>;
export type DebtImportResult = z.infer<typeof DebtImportResultSchema>;
export type Period = Trajectory['periods'][number];

const V1 = '/api/v1/schuldhulp';
const id = (value: string) => encodeURIComponent(value);

export const schuldhulpApi = {
  trajectories: (query: Query) => request<Page<TrajectorySummary>>(`${V1}/trajecten`, { query }),
  trajectory: (trajectoryId: string) => request<Trajectory>(`${V1}/trajecten/${id(trajectoryId)}`),
  start: (body: z.input<typeof NewTrajectoryBody>) =>
    request<Trajectory>(`${V1}/trajecten`, { method: 'POST', body }),
  recordPhase: (trajectoryId: string, body: z.input<typeof PhaseBody>) =>
    request<Trajectory>(`${V1}/trajecten/${id(trajectoryId)}/fasen`, { method: 'PUT', body }),
  addPeriod: (trajectoryId: string, body: z.input<typeof PeriodBody>) =>
    request<Trajectory>(`${V1}/trajecten/${id(trajectoryId)}/perioden`, { method: 'POST', body }),
  changePeriod: (periodId: string, body: z.input<typeof PeriodPatchBody>) =>
    request<Trajectory>(`${V1}/perioden/${id(periodId)}`, { method: 'PATCH', body }),
  addDebt: (trajectoryId: string, body: z.input<typeof DebtBody>) =>
    request<Debt>(`${V1}/trajecten/${id(trajectoryId)}/schulden`, { method: 'POST', body }),
  changeDebt: (debtId: string, body: z.input<typeof DebtPatchBody>) =>
    request<Debt>(`${V1}/schulden/${id(debtId)}`, { method: 'PATCH', body }),
  importDebts: (trajectoryId: string, csv: string) =>
    request<DebtImportResult>(`${V1}/trajecten/${id(trajectoryId)}/schulden/import`, {
      method: 'POST',
      body: { csv },
    }),
  reminders: (all: boolean) =>
    request<{ items: Reminder[] }>(`${V1}/herinneringen`, { query: { alle: all ? 'true' : undefined } }),
};

/** Query keys: everything of debt help starts with 'schuldhulp', so one invalidation refreshes it all. */
export const keys = {
  all: ['schuldhulp'] as const,
  list: (query: Query) => ['schuldhulp', 'list', query] as const,
  trajectory: (trajectoryId: string) => ['schuldhulp', 'trajectory', trajectoryId] as const,
  reminders: (all: boolean) => ['schuldhulp', 'reminders', all] as const,
};
