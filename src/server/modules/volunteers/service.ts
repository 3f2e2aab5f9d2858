// Use cases of budgetmaatjes: organisations and coordinators, volunteers, residents' requests, ranked matching, the
// coordinator's match, and the volunteer's own work (meetings, progress on the plan's goals, escalation). Each use
// case checks the policy, works in ONE transaction and writes its audit row in it (also for reads of personal data).

import type { z } from 'zod';
import type { InvalidParam } from '../../../shared/problem.ts';
import type {
  EscalationBody,
  MatchBody,
  MatchEndBody,
  MatchListQuery,
  MeetingBody,
  OrganisationBody,
  VolunteerBody,
  VolunteerListQuery,
  VolunteerPatchBody,
  VolunteerRequestBody,
  VolunteerRequestListQuery,
} from '../../../shared/schemas/volunteers.ts';
import type { Orm } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { UserContext } from '../../http/context.ts';
import { decodeKeyCursor, decodeNameCursor, encodeKeyCursor, encodeNameCursor } from '../../http/cursor.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { matchReasons, matchRefusal } from './policy.ts';
import {
  presentCandidate,
  presentEscalation,
  presentMatch,
  presentOrganisation,
  presentRequest,
  presentVolunteer,
  presentVolunteerMatch,
  requestPreferences,
} from './presenter.ts';
import * as repo from './repository.ts';

export type VolunteerDeps = { today: () => string };

const purpose = PURPOSES.volunteers;

const refusals: Record<NonNullable<ReturnType<typeof matchRefusal>>, () => ProblemError> = {
  'vog-verlopen': () =>
    new ProblemError(
      409,
      'vog-verlopen',
      'Conflict',
      'The VOG (verklaring omtrent het gedrag) of this volunteer has expired or is missing. Record a new VOG first.',
    ),
  'vrijwilliger-niet-actief': () =>
    new ProblemError(409, 'vrijwilliger-niet-actief', 'Conflict', 'This volunteer is paused or has stopped.'),
  'vrijwilliger-vol': () =>
    new ProblemError(409, 'vrijwilliger-vol', 'Conflict', 'This volunteer has no room for another resident.'),
  'hulpsoort-past-niet': () =>
    new ProblemError(
      409,
      'hulpsoort-past-niet',
      'Conflict',
      'This volunteer does not give any of the kinds of help the resident asked for.',
    ),
};
const requestNotOpen = () =>
  new ProblemError(409, 'hulpvraag-niet-open', 'Conflict', 'This request is already matched or closed.');
const staleVolunteer = () =>
  new ProblemError(
    409,
    'vrijwilliger-gewijzigd',
    'Conflict',
    'Someone else changed this volunteer. Reload and try again.',
  );
const matchEnded = () =>
  new ProblemError(409, 'koppeling-beeindigd', 'Conflict', 'This match has already ended.');
const notYourMatch = () => problems.notFound();

function check(detail: string, params: InvalidParam[]) {
  if (params.length > 0) throw problems.badRequest(detail, params);
}

const unique = <T>(xs: readonly T[] | undefined) => [...new Set(xs ?? [])];

// --- Organisations -----------------------------------------------------------------------------------------

export async function listOrganisations(db: Orm, ctx: UserContext) {
  return (await repo.listOrganisations(db, ctx.municipalityId)).map(presentOrganisation);
}

/** Logins a coordinator can link to a volunteer or an organisation (staff accounts, no resident data). */
export async function listVolunteerAccounts(db: Orm, ctx: UserContext) {
  return (await repo.listVolunteerAccounts(db, ctx.municipalityId)).map((r) => ({
    id: r.id,
    displayName: r.display_name,
    role: r.role as 'vrijwilliger' | 'coordinator_vrijwilligers',
    volunteerId: r.volunteer_id,
  }));
}

export async function createOrganisation(db: Orm, ctx: UserContext, body: z.output<typeof OrganisationBody>) {
  return db.transaction(async (tx) => {
    const ids = unique(body.coordinatorIds);
    const found = await repo.usersWithRole(tx, ctx.municipalityId, ids, 'coordinator_vrijwilligers');
    check(
      'Some coordinators are not valid.',
      ids
        .filter((id) => !found.some((f) => f.id === id))
        .map((id) => ({
          name: `body.coordinatorIds.${ids.indexOf(id)}`,
          code: 'not_a_coordinator',
          reason: 'Not a user with the role coordinator_vrijwilligers in this municipality',
        })),
    );
    const row = await repo.insertOrganisation(tx, {
      municipalityId: ctx.municipalityId,
      name: body.name,
      contactEmail: body.contactEmail ?? null,
      phone: body.phone || null,
    });
    if (!row) throw problems.conflict('An organisation with this name already exists in this municipality.');
    await repo.setCoordinators(tx, ctx.municipalityId, row.id, ids);
    await recordAudit(tx, ctx, {
      action: 'volunteer_organisation.create',
      purpose,
      subjectType: 'volunteer_organisation',
      subjectIds: [row.id],
      details: { coordinators: ids.length },
    });
    const created = await repo.findOrganisation(tx, ctx.municipalityId, row.id);
    if (!created) throw new Error('organisation vanished');
    return presentOrganisation(created);
  });
}

// --- Volunteers --------------------------------------------------------------------------------------------

async function volunteerProblems(
  tx: Orm,
  ctx: UserContext,
  v: repo.VolunteerValues,
): Promise<InvalidParam[]> {
  const out: InvalidParam[] = [];
  if (!(await repo.findOrganisation(tx, ctx.municipalityId, v.organisationId))) {
    out.push({
      name: 'body.organisationId',
      code: 'unknown_organisation',
      reason: 'Not an organisation of this municipality',
    });
  }
  if (
    v.userId &&
    (await repo.usersWithRole(tx, ctx.municipalityId, [v.userId], 'vrijwilliger')).length === 0
  ) {
    out.push({
      name: 'body.userId',
      code: 'not_a_volunteer_user',
      reason: 'Not a user with the role vrijwilliger here',
    });
  }
  if (v.wijkId && !(await repo.wijkExists(tx, ctx.municipalityId, v.wijkId))) {
    out.push({ name: 'body.wijkId', code: 'unknown_wijk', reason: 'Not a wijk of this municipality' });
  }
  if (v.vogIssuedOn && v.vogExpiresOn && v.vogExpiresOn < v.vogIssuedOn) {
    out.push({
      name: 'body.vogExpiresOn',
      code: 'before_issue',
      reason: 'The VOG cannot expire before it was issued',
    });
  }
  return out;
}

function valuesOf(body: VolunteerBody | (VolunteerPatchBody & repo.VolunteerValues)): repo.VolunteerValues {
  return {
    organisationId: body.organisationId,
    userId: body.userId ?? null,
    displayName: body.displayName,
    email: body.email ?? null,
    phone: body.phone || null,
    intakeOn: body.intakeOn ?? null,
    trainingStatus: body.trainingStatus ?? 'niet_gestart',
    vogIssuedOn: body.vogIssuedOn ?? null,
    vogExpiresOn: body.vogExpiresOn ?? null,
    availability: unique(body.availability),
    languages: unique(body.languages),
    backgrounds: unique(body.backgrounds),
    migrationExperience: body.migrationExperience ?? false,
    wijkId: body.wijkId ?? null,
    helpKinds: unique(body.helpKinds),
    maxMatches: body.maxMatches ?? 1,
    status: body.status ?? 'actief',
    note: body.note || null,
  };
}

export async function listVolunteers(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  q: z.output<typeof VolunteerListQuery>,
) {
  const after = decodeNameCursor(q.cursor);
  const rows = await repo.listVolunteers(db, {
    municipalityId: ctx.municipalityId,
    organisationId: q.organisationId,
    status: q.status,
    after,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentVolunteer(r, deps.today())),
    nextCursor:
      rows.length > q.limit && last ? encodeNameCursor({ name: last.display_name, id: last.id }) : null,
  };
}

export async function getVolunteer(db: Orm, ctx: UserContext, deps: VolunteerDeps, id: string) {
  return db.transaction(async (tx) => {
    const row = await repo.findVolunteer(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'volunteer.read',
      purpose,
      subjectType: 'volunteer',
      subjectIds: [id],
    });
    return presentVolunteer(row, deps.today());
  });
}

export async function createVolunteer(db: Orm, ctx: UserContext, deps: VolunteerDeps, body: VolunteerBody) {
  return db.transaction(async (tx) => {
    const values = valuesOf(body);
    check('The volunteer is not valid.', await volunteerProblems(tx, ctx, values));
    const row = await repo.insertVolunteer(tx, ctx.municipalityId, values);
    if (!row) throw problems.conflict('This user is already registered as a volunteer.');
    await recordAudit(tx, ctx, {
      action: 'volunteer.create',
      purpose,
      subjectType: 'volunteer',
      subjectIds: [row.id],
      details: { organisationId: values.organisationId, vogExpiresOn: values.vogExpiresOn },
    });
    const created = await repo.findVolunteer(tx, ctx.municipalityId, row.id);
    if (!created) throw new Error('volunteer vanished');
    return presentVolunteer(created, deps.today());
  });
}

export async function updateVolunteer(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  id: string,
  patch: VolunteerPatchBody,
) {
  const work = db.transaction(async (tx) => {
    const current = await repo.findVolunteer(tx, ctx.municipalityId, id, { lock: true });
    if (!current) throw problems.notFound();
    if (current.version !== patch.version) throw staleVolunteer();
    const { version: _v, ...changes } = patch;
    const merged = {
      organisationId: current.organisation_id,
      userId: current.user_id,
      displayName: current.display_name,
      email: current.email ?? undefined,
      phone: current.phone ?? undefined,
      intakeOn: current.intake_on ?? undefined,
      trainingStatus: current.training_status,
      vogIssuedOn: current.vog_issued_on ?? undefined,
      vogExpiresOn: current.vog_expires_on ?? undefined,
      availability: current.availability,
      languages: current.languages,
      backgrounds: current.backgrounds,
      migrationExperience: current.migration_experience,
      wijkId: current.wijk_id,
      helpKinds: current.help_kinds,
      maxMatches: current.max_matches,
      status: current.status,
      note: current.note ?? undefined,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    } as VolunteerBody;
    const values = valuesOf(merged);
    check('The volunteer is not valid.', await volunteerProblems(tx, ctx, values));
    if (!(await repo.updateVolunteer(tx, ctx.municipalityId, id, patch.version, values)))
      throw staleVolunteer();
    await recordAudit(tx, ctx, {
      action: 'volunteer.update',
      purpose,
      subjectType: 'volunteer',
      subjectIds: [id],
      details: { fields: Object.keys(changes) },
    });
    const row = await repo.findVolunteer(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    return presentVolunteer(row, deps.today());
  });
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err)) throw problems.conflict('This user is already registered as a volunteer.');
    throw err;
  }
}

// --- Requests ----------------------------------------------------------------------------------------------

/** A coordinator, or the regisseur of the household (households:manage), may ask for a budgetmaatje. */
function mayRequest(ctx: UserContext, c: repo.CaseRow | undefined): boolean {
  if (ctx.actor.permissions.has('volunteers:manage')) return true;
  return ctx.actor.permissions.has('households:manage') && c?.regisseur_id === ctx.actor.userId;
}

export async function createRequest(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  body: z.output<typeof VolunteerRequestBody>,
) {
  return db.transaction(async (tx) => {
    const bad: InvalidParam[] = [];
    const c = body.householdCaseId
      ? await repo.findCase(tx, ctx.municipalityId, body.householdCaseId)
      : undefined;
    if (body.householdCaseId && !c) {
      bad.push({
        name: 'body.householdCaseId',
        code: 'unknown_household',
        reason: 'Not a household plan here',
      });
    } else if (c && c.status !== 'open') {
      bad.push({
        name: 'body.householdCaseId',
        code: 'household_closed',
        reason: 'This household plan is closed',
      });
    }
    if (!mayRequest(ctx, c)) {
      throw new ProblemError(
        403,
        'niet-de-regisseur',
        'Forbidden',
        'Only a volunteer coordinator or the regisseur of this household can ask for a budgetmaatje.',
      );
    }
    if (body.organisationId && !(await repo.findOrganisation(tx, ctx.municipalityId, body.organisationId))) {
      bad.push({
        name: 'body.organisationId',
        code: 'unknown_organisation',
        reason: 'Not an organisation here',
      });
    }
    if (body.wijkId && !(await repo.wijkExists(tx, ctx.municipalityId, body.wijkId))) {
      bad.push({ name: 'body.wijkId', code: 'unknown_wijk', reason: 'Not a wijk of this municipality' });
    }
    if (body.consentGivenOn > deps.today()) {
      bad.push({ name: 'body.consentGivenOn', code: 'in_future', reason: 'This date lies in the future.' });
    }
    check('The request is not valid.', bad);
    const row = await repo.insertRequest(tx, {
      municipalityId: ctx.municipalityId,
      householdCaseId: body.householdCaseId ?? null,
      organisationId: body.organisationId ?? null,
      residentName: body.residentName,
      residentContact: body.residentContact || null,
      sharedSummary: body.sharedSummary,
      consentGivenOn: body.consentGivenOn,
      helpKinds: unique(body.helpKinds),
      languages: unique(body.languages),
      background: body.background ?? null,
      wantsMigrationExperience: body.wantsMigrationExperience,
      wijkId: body.wijkId ?? null,
      availability: unique(body.availability),
      requestedBy: ctx.actor.userId,
    });
    if (!row) throw new Error('request insert returned nothing');
    if (c) {
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: c.id,
        category: 'netwerk',
        kind: 'budgetmaatje_gevraagd',
        actorUserId: ctx.actor.userId,
        subjectId: row.id,
        text: '',
      });
    }
    await recordAudit(tx, ctx, {
      action: 'volunteer_request.create',
      purpose,
      subjectType: 'volunteer_request',
      subjectIds: [row.id, ...(c ? [c.id] : [])],
    });
    const created = await repo.findRequest(tx, ctx.municipalityId, row.id);
    if (!created) throw new Error('request vanished');
    return presentRequest(created);
  });
}

export async function listRequests(db: Orm, ctx: UserContext, q: z.output<typeof VolunteerRequestListQuery>) {
  const key = decodeKeyCursor(q.cursor, 2);
  return db.transaction(async (tx) => {
    const rows = await repo.listRequests(tx, {
      municipalityId: ctx.municipalityId,
      status: q.status,
      after: key ? { at: String(key[0]), id: String(key[1]) } : undefined,
      limit: q.limit + 1,
    });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    await recordAudit(tx, ctx, {
      action: 'volunteer_request.list',
      purpose,
      subjectType: 'volunteer_request',
      subjectIds: items.map((r) => r.id),
    });
    return {
      items: items.map(presentRequest),
      nextCursor: rows.length > q.limit && last ? encodeKeyCursor([last.cursor_at, last.id]) : null,
    };
  });
}

export async function getRequest(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const row = await repo.findRequest(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'volunteer_request.read',
      purpose,
      subjectType: 'volunteer_request',
      subjectIds: [id],
    });
    return presentRequest(row);
  });
}

// --- Matching ----------------------------------------------------------------------------------------------

export const CANDIDATE_LIMIT = 20;

export async function rankCandidates(db: Orm, ctx: UserContext, deps: VolunteerDeps, requestId: string) {
  return db.transaction(async (tx) => {
    const request = await repo.findRequest(tx, ctx.municipalityId, requestId);
    if (!request) throw problems.notFound();
    const today = deps.today();
    const rows = await repo.rankCandidates(tx, {
      municipalityId: ctx.municipalityId,
      organisationId: request.organisation_id,
      ...requestPreferences(request),
      today,
      limit: CANDIDATE_LIMIT,
    });
    const withoutValidVog = await repo.countWithoutValidVog(tx, ctx.municipalityId, today);
    await recordAudit(tx, ctx, {
      action: 'volunteer_request.rank',
      purpose,
      subjectType: 'volunteer_request',
      subjectIds: [requestId],
      details: { candidates: rows.length },
    });
    return { requestId, candidates: rows.map((r) => presentCandidate(request, r)), withoutValidVog };
  });
}

/** The coordinator's decision: checks the volunteer (active, VOG valid today, room, kind of help) and records it. */
export async function createMatch(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  requestId: string,
  body: z.output<typeof MatchBody>,
) {
  const work = db.transaction(async (tx) => {
    const request = await repo.findRequest(tx, ctx.municipalityId, requestId, { lock: true });
    if (!request) throw problems.notFound();
    if (request.status !== 'open') throw requestNotOpen();
    const v = await repo.findVolunteer(tx, ctx.municipalityId, body.volunteerId, { lock: true });
    if (!v) {
      throw problems.badRequest('The volunteer does not exist.', [
        {
          name: 'body.volunteerId',
          code: 'unknown_volunteer',
          reason: 'Not a volunteer of this municipality',
        },
      ]);
    }
    const today = deps.today();
    const refusal = matchRefusal(
      {
        status: v.status,
        vogExpiresOn: v.vog_expires_on,
        activeMatches: v.active_matches,
        maxMatches: v.max_matches,
        helpKinds: v.help_kinds,
      },
      { helpKinds: request.help_kinds },
      today,
    );
    if (refusal) throw refusals[refusal]();
    const reasons = matchReasons(requestPreferences(request), {
      helpKinds: v.help_kinds,
      languages: v.languages,
      backgrounds: v.backgrounds,
      migrationExperience: v.migration_experience,
      wijkId: v.wijk_id,
      availability: v.availability,
      activeMatches: v.active_matches,
      trainingStatus: v.training_status,
    });
    const c = request.household_case_id
      ? await repo.findCase(tx, ctx.municipalityId, request.household_case_id)
      : undefined;
    // The budgetmaatje joins the household's network, so the plan's consent (given by the resident through the
    // regisseur) decides what more than the request they may see.
    const network =
      c && c.status === 'open'
        ? await repo.insertNetworkMember(tx, {
            municipalityId: ctx.municipalityId,
            caseId: c.id,
            name: v.display_name,
            organisation: v.organisation_name,
            userId: v.user_id,
            by: ctx.actor.userId,
          })
        : undefined;
    const row = await repo.insertMatch(tx, {
      municipalityId: ctx.municipalityId,
      requestId,
      volunteerId: v.id,
      householdCaseId: c?.id ?? null,
      networkMemberId: network?.id ?? null,
      reasons,
      matchedBy: ctx.actor.userId,
    });
    if (!row) throw requestNotOpen();
    await repo.setRequestStatus(tx, ctx.municipalityId, requestId, 'gekoppeld');
    await repo.insertIntervention(tx, {
      municipalityId: ctx.municipalityId,
      caseId: c?.id ?? null,
      startedOn: today,
      matchId: row.id,
      by: ctx.actor.userId,
    });
    if (c && c.status === 'open') {
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: c.id,
        category: 'netwerk',
        kind: 'budgetmaatje_gekoppeld',
        actorUserId: ctx.actor.userId,
        subjectId: row.id,
        text: v.display_name,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.create',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: [row.id, requestId, v.id],
      details: { reasons: reasons.map((r) => r.code), note: body.note ?? null },
    });
    const created = await repo.findMatch(tx, ctx.municipalityId, row.id);
    if (!created) throw new Error('match vanished');
    return presentMatch(created);
  });
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err)) throw requestNotOpen();
    throw err;
  }
}

export async function listMatches(db: Orm, ctx: UserContext, q: z.output<typeof MatchListQuery>) {
  return db.transaction(async (tx) => {
    const rows = await repo.listMatches(tx, { municipalityId: ctx.municipalityId, ...q });
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.list',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: rows.map((r) => r.id),
    });
    return rows.map(presentMatch);
  });
}

/**
 * Ending a match: the coordinator records it for any side (also when the resident asked); a volunteer can end
 * their own match, as the volunteer side. When the resident ended it, the request is closed; otherwise it opens
 * again for another volunteer.
 */
export async function endMatch(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  id: string,
  body: z.output<typeof MatchEndBody>,
) {
  return db.transaction(async (tx) => {
    const m = await repo.findMatch(tx, ctx.municipalityId, id, { lock: true });
    if (!m) throw problems.notFound();
    const coordinator = ctx.actor.permissions.has('volunteers:manage');
    if (!coordinator) {
      if (m.volunteer_user_id !== ctx.actor.userId) throw notYourMatch();
      if (body.side !== 'vrijwilliger') {
        throw problems.badRequest('A volunteer ends a match as the volunteer side.', [
          {
            name: 'body.side',
            code: 'side_not_yours',
            reason: 'Choose vrijwilliger, or ask the coordinator',
          },
        ]);
      }
    }
    const endedOn = body.endedOn ?? deps.today();
    if (endedOn > deps.today()) {
      throw problems.badRequest('The end date is not valid.', [
        { name: 'body.endedOn', code: 'in_future', reason: 'This date lies in the future.' },
      ]);
    }
    if (
      !(await repo.endMatch(tx, ctx.municipalityId, id, {
        endedOn,
        side: body.side,
        reason: body.reason,
        endedBy: ctx.actor.userId,
      }))
    ) {
      throw matchEnded();
    }
    await repo.setRequestStatus(
      tx,
      ctx.municipalityId,
      m.request_id,
      body.side === 'bewoner' ? 'gesloten' : 'open',
    );
    if (m.network_member_id)
      await repo.endNetworkMember(tx, ctx.municipalityId, m.network_member_id, endedOn);
    if (m.household_case_id) {
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: m.household_case_id,
        category: 'netwerk',
        kind: 'budgetmaatje_beeindigd',
        actorUserId: ctx.actor.userId,
        subjectId: id,
        text: body.side,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.end',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: [id],
      details: { side: body.side },
    });
    const row = await repo.findMatch(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    return presentMatch(row);
  });
}

// --- The volunteer's own work ------------------------------------------------------------------------------

/** A match of the calling volunteer; another volunteer's match answers 404, as if it did not exist. */
async function ownMatch(tx: Orm, ctx: UserContext, id: string, opts: { lock?: boolean } = {}) {
  const m = await repo.findMatch(tx, ctx.municipalityId, id, opts);
  if (!m || m.volunteer_user_id !== ctx.actor.userId) throw notYourMatch();
  return m;
}

async function volunteerView(tx: Orm, ctx: UserContext, deps: VolunteerDeps, m: repo.MatchRow) {
  const request = await repo.findRequest(tx, ctx.municipalityId, m.request_id);
  if (!request) throw problems.notFound();
  const c = m.household_case_id
    ? await repo.findCase(tx, ctx.municipalityId, m.household_case_id)
    : undefined;
  const categories =
    m.network_member_id && m.status === 'actief' && c?.status === 'open'
      ? await repo.consentCategories(tx, ctx.municipalityId, m.network_member_id, deps.today())
      : new Set<string>();
  const goals = c && categories.has('plan') ? await repo.goalsOf(tx, ctx.municipalityId, c.id) : null;
  return presentVolunteerMatch({
    match: m,
    request,
    regisseurName: c?.regisseur_name ?? null,
    goals,
    meetings: await repo.meetingsOf(tx, ctx.municipalityId, m.id),
    escalations: await repo.escalationsOfMatch(tx, ctx.municipalityId, m.id),
  });
}

export async function listMyMatches(db: Orm, ctx: UserContext) {
  return db.transaction(async (tx) => {
    const rows = await repo.listMatches(tx, {
      municipalityId: ctx.municipalityId,
      volunteerUserId: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.list_own',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: rows.map((r) => r.id),
    });
    return rows.map((r) => ({
      id: r.id,
      residentName: r.resident_name,
      status: r.status,
      matchedAt:
        r.matched_at instanceof Date ? r.matched_at.toISOString() : new Date(r.matched_at).toISOString(),
      meetings: r.meetings,
    }));
  });
}

export async function getMyMatch(db: Orm, ctx: UserContext, deps: VolunteerDeps, id: string) {
  return db.transaction(async (tx) => {
    const m = await ownMatch(tx, ctx, id);
    const view = await volunteerView(tx, ctx, deps, m);
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.read_own',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: [id],
      details: { goalsShared: view.goals !== null },
    });
    return view;
  });
}

/** A meeting the volunteer logs; progress on a goal only when the resident shared the plan with them. */
export async function logMeeting(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  id: string,
  body: z.output<typeof MeetingBody>,
) {
  return db.transaction(async (tx) => {
    const m = await ownMatch(tx, ctx, id, { lock: true });
    if (m.status !== 'actief') throw matchEnded();
    const today = deps.today();
    const bad: InvalidParam[] = [];
    if (body.metOn > today)
      bad.push({ name: 'body.metOn', code: 'in_future', reason: 'This date lies in the future.' });
    if (body.goalId) {
      const categories = m.network_member_id
        ? await repo.consentCategories(tx, ctx.municipalityId, m.network_member_id, today)
        : new Set<string>();
      const goals =
        m.household_case_id && categories.has('plan')
          ? await repo.goalsOf(tx, ctx.municipalityId, m.household_case_id)
          : [];
      if (!goals.some((g) => g.id === body.goalId)) {
        bad.push({
          name: 'body.goalId',
          code: 'goal_not_shared',
          reason: 'Not a goal the resident shared with you',
        });
      }
    }
    check('The meeting is not valid.', bad);
    const row = await repo.insertMeeting(tx, {
      municipalityId: ctx.municipalityId,
      matchId: id,
      metOn: body.metOn,
      minutes: body.minutes,
      note: body.note,
      goalId: body.goalId ?? null,
      createdBy: ctx.actor.userId,
    });
    if (m.household_case_id) {
      // Feeds the household plan: the contact on the timeline, and progress on the goal it was about.
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: m.household_case_id,
        category: body.goalId ? 'plan' : 'netwerk',
        kind: body.goalId ? 'voortgang' : 'budgetmaatje_contact',
        actorUserId: ctx.actor.userId,
        subjectId: body.goalId ?? row?.id ?? null,
        text: body.note,
      });
      if (body.goalId) {
        await repo.insertGoalProgress(tx, {
          municipalityId: ctx.municipalityId,
          caseId: m.household_case_id,
          goalId: body.goalId,
          note: body.note,
          occurredOn: body.metOn,
          by: ctx.actor.userId,
        });
      }
    }
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.meeting',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: [id, ...(row ? [row.id] : [])],
      details: { minutes: body.minutes, goal: body.goalId ?? null },
    });
    return volunteerView(tx, ctx, deps, m);
  });
}

/** One click: the household's regisseur (or, without a plan, the coordinators) gets the volunteer's worry. */
export async function escalate(
  db: Orm,
  ctx: UserContext,
  deps: VolunteerDeps,
  id: string,
  body: z.output<typeof EscalationBody>,
) {
  return db.transaction(async (tx) => {
    const m = await ownMatch(tx, ctx, id);
    if (m.status !== 'actief') throw matchEnded();
    const c = m.household_case_id
      ? await repo.findCase(tx, ctx.municipalityId, m.household_case_id)
      : undefined;
    const row = await repo.insertEscalation(tx, {
      municipalityId: ctx.municipalityId,
      matchId: id,
      householdCaseId: c?.id ?? null,
      regisseurId: c?.regisseur_id ?? null,
      reason: body.reason,
      createdBy: ctx.actor.userId,
    });
    if (c) {
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: c.id,
        category: 'netwerk',
        kind: 'budgetmaatje_escalatie',
        actorUserId: ctx.actor.userId,
        subjectId: row?.id ?? null,
        text: body.reason,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'volunteer_match.escalate',
      purpose,
      subjectType: 'volunteer_match',
      subjectIds: [id, ...(row ? [row.id] : []), ...(c ? [c.id] : [])],
      details: { toRegisseur: c?.regisseur_id ?? null },
    });
    return volunteerView(tx, ctx, deps, m);
  });
}

/** The escalations waiting for the caller: a regisseur sees those of their households, a coordinator the rest. */
export async function listEscalations(db: Orm, ctx: UserContext, open: boolean) {
  return db.transaction(async (tx) => {
    const regisseurId = ctx.actor.permissions.has('households:read') ? ctx.actor.userId : null;
    const rows = await repo.listEscalations(tx, { municipalityId: ctx.municipalityId, regisseurId, open });
    await recordAudit(tx, ctx, {
      action: 'volunteer_escalation.list',
      purpose,
      subjectType: 'volunteer_escalation',
      subjectIds: rows.map((r) => r.id),
    });
    return rows.map(presentEscalation);
  });
}

export async function handleEscalation(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const e = await repo.findEscalation(tx, ctx.municipalityId, id);
    if (!e) throw problems.notFound();
    const mine = ctx.actor.permissions.has('households:read')
      ? e.regisseur_id === ctx.actor.userId
      : e.regisseur_id === null && ctx.actor.permissions.has('volunteers:manage');
    if (!mine) throw problems.notFound();
    if (!e.handled_at) await repo.markEscalationHandled(tx, ctx.municipalityId, id, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'volunteer_escalation.handle',
      purpose,
      subjectType: 'volunteer_escalation',
      subjectIds: [id],
    });
    const rows = await repo.listEscalations(tx, {
      municipalityId: ctx.municipalityId,
      regisseurId: e.regisseur_id,
      open: false,
    });
    const row = rows.find((r) => r.id === id);
    if (!row) throw problems.notFound();
    return presentEscalation(row);
  });
}
