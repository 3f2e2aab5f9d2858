// What each role may see of budgetmaatjes. The volunteer's own view is built from a whitelist: it never carries a
// BSN, a birth date, an address or anything of the household plan the resident did not share with them.
import type {
  Candidate,
  Escalation,
  HelpKind,
  Match,
  MatchReason,
  Organisation,
  Volunteer,
  VolunteerMatchView,
  VolunteerRequest,
} from '../../../shared/schemas/volunteers.ts';
import { matchReasons, vogValid } from './policy.ts';
import type * as repo from './repository.ts';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function presentOrganisation(r: repo.OrganisationRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    contactEmail: r.contact_email,
    phone: r.phone,
    coordinators: r.coordinators ?? [],
    volunteers: r.volunteers,
    activeMatches: r.active_matches,
  };
}

export function presentVolunteer(r: repo.VolunteerRow, today: string): Volunteer {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    intakeOn: r.intake_on,
    trainingStatus: r.training_status,
    vogIssuedOn: r.vog_issued_on,
    vogExpiresOn: r.vog_expires_on,
    vogValid: vogValid(r.vog_expires_on, today),
    availability: r.availability,
    languages: r.languages,
    backgrounds: r.backgrounds,
    migrationExperience: r.migration_experience,
    wijkId: r.wijk_id,
    wijkName: r.wijk_name,
    helpKinds: r.help_kinds as HelpKind[],
    maxMatches: r.max_matches,
    activeMatches: r.active_matches,
    status: r.status,
    note: r.note,
    version: r.version,
  };
}

export function presentRequest(r: repo.RequestRow): VolunteerRequest {
  return {
    id: r.id,
    householdCaseId: r.household_case_id,
    organisationId: r.organisation_id,
    residentName: r.resident_name,
    residentContact: r.resident_contact,
    sharedSummary: r.shared_summary,
    consentGivenOn: r.consent_given_on,
    helpKinds: r.help_kinds as HelpKind[],
    languages: r.languages,
    background: r.background,
    wantsMigrationExperience: r.wants_migration_experience,
    wijkId: r.wijk_id,
    wijkName: r.wijk_name,
    availability: r.availability,
    status: r.status,
    createdAt: iso(r.created_at),
    activeMatch:
      r.match_id && r.match_volunteer_id
        ? { id: r.match_id, volunteerId: r.match_volunteer_id, volunteerName: r.match_volunteer_name ?? '' }
        : null,
  };
}

export function requestPreferences(r: repo.RequestRow) {
  return {
    helpKinds: r.help_kinds,
    languages: r.languages,
    background: r.background,
    wantsMigrationExperience: r.wants_migration_experience,
    wijkId: r.wijk_id,
    availability: r.availability,
  };
}

export function presentCandidate(request: repo.RequestRow, c: repo.CandidateRow): Candidate {
  const reasons = matchReasons(requestPreferences(request), {
    helpKinds: c.help_kinds,
    languages: c.languages,
    backgrounds: c.backgrounds,
    migrationExperience: c.migration_experience,
    wijkId: c.wijk_id,
    availability: c.availability,
    activeMatches: c.active_matches,
    trainingStatus: c.training_status,
  });
  return {
    volunteerId: c.id,
    displayName: c.display_name,
    organisationName: c.organisation_name,
    wijkName: c.wijk_name,
    languages: c.languages,
    helpKinds: c.help_kinds as HelpKind[],
    trainingStatus: c.training_status,
    vogExpiresOn: c.vog_expires_on,
    activeMatches: c.active_matches,
    maxMatches: c.max_matches,
    score: c.score,
    reasons,
  };
}

export function presentMatch(r: repo.MatchRow): Match {
  return {
    id: r.id,
    requestId: r.request_id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    residentName: r.resident_name,
    householdCaseId: r.household_case_id,
    status: r.status,
    reasons: (Array.isArray(r.reasons) ? r.reasons : []) as MatchReason[],
    matchedAt: iso(r.matched_at),
    endedOn: r.ended_on,
    endedSide: r.ended_side,
    endReason: r.end_reason,
    meetings: r.meetings,
  };
}

export function presentEscalation(r: repo.EscalationRow): Escalation {
  return {
    id: r.id,
    matchId: r.match_id,
    householdCaseId: r.household_case_id,
    reason: r.reason,
    createdAt: iso(r.created_at),
    createdByName: r.created_by_name,
    volunteerName: r.volunteer_name,
    handledAt: r.handled_at ? iso(r.handled_at) : null,
  };
}

/** The volunteer's view of their match: a whitelist of what the resident shared. */
export function presentVolunteerMatch(v: {
  match: repo.MatchRow;
  request: repo.RequestRow;
  regisseurName: string | null;
  goals: { id: string; title: string; status: string; target_date: string }[] | null;
  meetings: repo.MeetingRow[];
  escalations: repo.EscalationRow[];
}): VolunteerMatchView {
  return {
    id: v.match.id,
    status: v.match.status,
    matchedAt: iso(v.match.matched_at),
    residentName: v.request.resident_name,
    residentContact: v.request.resident_contact,
    sharedSummary: v.request.shared_summary,
    helpKinds: v.request.help_kinds as HelpKind[],
    languages: v.request.languages,
    regisseurName: v.regisseurName,
    goals: v.goals
      ? v.goals.map((g) => ({ id: g.id, title: g.title, status: g.status, targetDate: g.target_date }))
      : null,
    meetings: v.meetings.map((m) => ({
      id: m.id,
      metOn: m.met_on,
      minutes: m.minutes,
      note: m.note,
      goalId: m.goal_id,
      createdAt: iso(m.created_at),
    })),
    escalations: v.escalations.map((e) => {
      const { volunteerName: _omitted, ...rest } = presentEscalation(e);
      return rest;
    }),
  };
}
