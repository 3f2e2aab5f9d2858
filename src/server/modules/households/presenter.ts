// What a caller may see of a household plan. The BSN of a member is only included for roles allowed to see it:
// never for volunteers and never for any network member (policy.decideAccess sets withBsn).
import type { ConsentCategory } from '../../../shared/schemas/households.ts';
import type {
  ActionRow,
  AssessmentRow,
  CaseloadRow,
  ConsentRow,
  GoalEventRow,
  GoalRow,
  MemberRow,
  NetworkRow,
  ReferralRow,
  TimelineRow,
} from './repository.ts';

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const iso = (d: Date | string) => new Date(d).toISOString();

export function personName(p: { voornamen: string; voorvoegsel: string | null; geslachtsnaam: string }) {
  return [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' ');
}

export function presentMember(m: MemberRow, opts: { withBsn: boolean }) {
  return {
    id: m.id,
    source: m.source,
    personId: m.person_id,
    ...(opts.withBsn && m.bsn ? { bsn: m.bsn } : {}),
    naam: personName(m),
    voornamen: m.voornamen,
    voorvoegsel: m.voorvoegsel,
    geslachtsnaam: m.geslachtsnaam,
    geboortedatum: m.geboortedatum,
    role: m.role,
    phone: m.phone,
    email: m.email,
  };
}

export function presentNetworkMember(n: NetworkRow) {
  return {
    id: n.id,
    kind: n.kind,
    relation: n.relation as never,
    name: n.name,
    organisation: n.organisation,
    phone: n.phone,
    email: n.email,
    user: ref(n.user_id, n.user_name),
    endedOn: n.ended_on,
  };
}

export function presentConsent(k: ConsentRow) {
  return {
    id: k.id,
    networkMemberId: k.network_member_id,
    categories: k.categories as ConsentCategory[],
    purpose: k.purpose,
    givenOn: k.given_on,
    givenBy: { id: k.given_by_member_id, naam: k.given_by_name },
    recordedBy: ref(k.recorded_by, k.recorded_by_name),
    withdrawnOn: k.withdrawn_on,
    withdrawnBy: k.withdrawn_by_member_id
      ? { id: k.withdrawn_by_member_id, naam: k.withdrawn_by_name ?? '' }
      : null,
    withdrawalRecordedBy: ref(k.withdrawal_recorded_by, k.withdrawal_recorded_by_name),
    active: k.withdrawn_on === null,
  };
}

export function presentZrm(a: AssessmentRow) {
  return {
    id: a.id,
    assessedOn: a.assessed_on,
    memberId: a.member_id ?? null,
    scores: a.values,
    note: a.note,
    by: ref(a.by_id, a.by_name),
  };
}

export function presentBridge(a: AssessmentRow) {
  return { id: a.id, assessedOn: a.assessed_on, levels: a.values, note: a.note, by: ref(a.by_id, a.by_name) };
}

export function presentAction(a: ActionRow, today: string) {
  const ownerId =
    a.owner_kind === 'bewoner'
      ? a.owner_member_id
      : a.owner_kind === 'netwerk'
        ? a.owner_network_member_id
        : a.owner_user_id;
  return {
    id: a.id,
    goalId: a.goal_id,
    description: a.description,
    owner: { kind: a.owner_kind, id: ownerId, name: a.owner_name ?? '' },
    dueDate: a.due_date,
    status: a.status,
    doneOn: a.done_on,
    overdue: a.status === 'open' && a.due_date < today,
  };
}

export function presentGoal(g: GoalRow, actions: ActionRow[], events: GoalEventRow[], today: string) {
  const counted = actions.filter((a) => a.status !== 'vervallen');
  return {
    id: g.id,
    title: g.title,
    description: g.description,
    zrmDomain: g.zrm_domain as never,
    pillar: g.pillar as never,
    chosenBy: { id: g.chosen_by_member_id, naam: g.chosen_by_name },
    targetDate: g.target_date,
    status: g.status,
    reachedOn: g.reached_on,
    recognition: g.recognition,
    version: g.version,
    progress: { done: counted.filter((a) => a.status === 'gedaan').length, total: counted.length },
    actions: actions.map((a) => presentAction(a, today)),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      note: e.note,
      occurredOn: e.occurred_on,
      by: ref(e.by_id, e.by_name),
    })),
  };
}

export function presentReferral(r: ReferralRow, today: string) {
  return {
    id: r.id,
    kind: r.kind,
    target: r.target as never,
    organisation: r.organisation,
    reason: r.reason,
    goalId: r.goal_id,
    status: r.status,
    reply: r.reply,
    repliedOn: r.replied_on,
    remindOn: r.remind_on,
    reminderDue:
      r.remind_on !== null &&
      r.remind_on <= today &&
      (r.status === 'verzonden' || r.status === 'geaccepteerd'),
    consent: {
      givenOn: r.consent_given_on,
      member: { id: r.consent_member_id, naam: r.consent_member_name },
      shared: r.consent_shared,
    },
    version: r.version,
    createdAt: iso(r.created_at),
    by: ref(r.by_id, r.by_name),
  };
}

export function presentTimelineEvent(e: TimelineRow) {
  return {
    id: e.id,
    occurredAt: iso(e.occurred_at),
    category: e.category as never,
    kind: e.kind,
    text: e.text,
    by: ref(e.actor_user_id, e.actor_name),
    subjectId: e.subject_id,
  };
}

/** A case's label; a case opened elsewhere (warm handover) without a label shows the BRP head of household. */
export function caseLabel(
  r: Pick<CaseloadRow, 'label' | 'head_voornamen' | 'head_voorvoegsel' | 'head_geslachtsnaam'>,
) {
  if (r.label) return r.label;
  if (r.head_voornamen && r.head_geslachtsnaam)
    return personName({
      voornamen: r.head_voornamen,
      voorvoegsel: r.head_voorvoegsel,
      geslachtsnaam: r.head_geslachtsnaam,
    });
  return '';
}

export function presentCaseloadItem(r: CaseloadRow) {
  return {
    id: r.id,
    label: caseLabel(r),
    status: r.status,
    regisseur: ref(r.regisseur_id, r.regisseur_name),
    openedAt: iso(r.opened_at),
    lastActivityAt: iso(r.last_activity_at),
    members: r.members,
    activeGoals: r.active_goals,
    reachedGoals: r.reached_goals,
    openActions: r.open_actions,
    overdueActions: r.overdue_actions,
    nextDueDate: r.next_due,
  };
}
