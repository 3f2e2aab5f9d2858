// The endpoints of appointments, the preparation call and referral reminders (/api/v1/huishoudplannen/{id}/afspraken
// and friends). Types come from the shared zod schemas (type-only imports: zod stays out of the bundle). Every
// change answers the whole appointments view of the household.
import type { z } from 'zod';
import type {
  AppointmentBody,
  AppointmentPatchBody,
  AppointmentsView,
  ChecklistSettings,
  ChecklistSettingsBody,
  PreparationBody,
  ReferralReminder,
} from '../../../shared/schemas/household-appointments.ts';
import { request } from '../../api.ts';

export type { AppointmentsView, ChecklistSettings, ReferralReminder };
export type Appointment = AppointmentsView['appointments'][number];
export type Preparation = NonNullable<AppointmentsView['preparations']>[number];

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);

export const appointmentsKeys = {
  view: (householdId: string) => ['households', 'appointments', householdId] as const,
  reminders: (who: string) => ['households', 'reminders', who] as const,
  checklist: ['households', 'checklist'] as const,
};

export const appointmentsApi = {
  view: (householdId: string) =>
    request<AppointmentsView>(`${V1}/huishoudplannen/${id(householdId)}/afspraken`),
  add: (householdId: string, body: z.input<typeof AppointmentBody>) =>
    request<AppointmentsView>(`${V1}/huishoudplannen/${id(householdId)}/afspraken`, { method: 'POST', body }),
  update: (appointmentId: string, body: z.input<typeof AppointmentPatchBody>) =>
    request<AppointmentsView>(`${V1}/huishoudplan-afspraken/${id(appointmentId)}`, { method: 'PATCH', body }),
  prepare: (householdId: string, body: z.input<typeof PreparationBody>) =>
    request<AppointmentsView>(`${V1}/huishoudplannen/${id(householdId)}/voorbereidingen`, {
      method: 'POST',
      body,
    }),
  retry: (preparationId: string) =>
    request<AppointmentsView>(`${V1}/huishoudplan-voorbereidingen/${id(preparationId)}/opnieuw`, {
      method: 'POST',
    }),
  pdfUrl: (preparationId: string) => `${V1}/huishoudplan-voorbereidingen/${id(preparationId)}/brief.pdf`,
  checklist: () => request<ChecklistSettings>(`${V1}/huishoudplan-voorbereiding/meeneemlijst`),
  saveChecklist: (body: z.input<typeof ChecklistSettingsBody>) =>
    request<ChecklistSettings>(`${V1}/huishoudplan-voorbereiding/meeneemlijst`, { method: 'PUT', body }),
  reminders: (regisseur: 'mij' | 'alle') =>
    request<{ items: ReferralReminder[] }>(`${V1}/huishoudplan-herinneringen`, { query: { regisseur } }),
};
