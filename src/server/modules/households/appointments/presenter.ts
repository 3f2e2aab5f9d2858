// What a caller sees of appointments, preparation calls and reminders. A network member sees the appointments
// (with the plan's consent), and of the other network members only those the resident shares the network with.
import type {
  Appointment,
  Preparation,
  ReferralReminder,
} from '../../../../shared/schemas/household-appointments.ts';
import type { AppointmentRow, PreparationRow, ReminderRow } from './repository.ts';

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const iso = (d: Date | string) => new Date(d).toISOString();

export function presentAppointment(
  a: AppointmentRow,
  opts: { networkVisible: (networkMemberId: string) => boolean },
): Appointment {
  return {
    id: a.id,
    startsAt: iso(a.starts_at),
    endsAt: iso(a.ends_at),
    mode: a.mode,
    location: a.location,
    purpose: a.purpose,
    note: a.note,
    professional: ref(a.professional_user_id, a.professional_name),
    networkMembers: a.network
      .filter((n) => opts.networkVisible(n.id))
      .map((n) => ({ id: n.id, name: n.name, organisation: n.organisation })),
    status: a.status,
    statusReason: a.status_reason,
    version: a.version,
    createdAt: iso(a.created_at),
    by: ref(a.by_id, a.by_name),
  };
}

export function presentPreparation(p: PreparationRow): Preparation {
  return {
    id: p.id,
    calledOn: p.called_on,
    member: { id: p.member_id, naam: p.member_name },
    appointmentId: p.appointment_id,
    language: p.language,
    channel: p.channel,
    recipient: p.recipient,
    items: p.items.map((i) => ({
      code: (i.code ?? null) as Preparation['items'][number]['code'],
      text: i.text,
    })),
    subject: p.subject,
    status: p.status,
    attempts: p.attempts,
    lastError: p.last_error,
    sentAt: p.sent_at ? iso(p.sent_at) : null,
    note: p.note,
    hasPdf: p.has_pdf,
    createdAt: iso(p.created_at),
    by: ref(p.by_id, p.by_name),
  };
}

export function presentReminder(r: ReminderRow): ReferralReminder {
  return {
    id: r.id,
    householdCaseId: r.household_case_id,
    householdLabel: r.household_label,
    regisseur: ref(r.regisseur_id, r.regisseur_name),
    referralId: r.referral_id,
    target: r.target,
    organisation: r.organisation,
    remindOn: r.remind_on,
    createdAt: iso(r.created_at),
  };
}
