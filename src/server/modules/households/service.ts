// Use cases of the integrated household plan: one household, one plan, one regisseur. Each use case checks the
// policy, keeps the invariants, works in ONE transaction, writes the household's timeline and an audit row in it
// (also for every read), and keeps known_residents in step so new vroegsignalen reach the regisseur.
import type { z } from 'zod';
import type { InvalidParam } from '../../../shared/problem.ts';
import {
  type ActionBody,
  type ActionPatchBody,
  type BridgeBody,
  type CaseloadQuery,
  type CloseHouseholdBody,
  type ConsentBody,
  type ConsentCategory,
  type ConsentWithdrawBody,
  type GoalBody,
  type GoalEventBody,
  type GoalPatchBody,
  type HouseholdCreateBody,
  type HouseholdView,
  type MemberInput,
  type NetworkMemberBody,
  type NetworkMemberEndBody,
  type PlanLanguage,
  type ReferralBody,
  type ReferralPatchBody,
  type RegisseurHandoverBody,
  referralKind,
  type TimelineQuery,
  type ZrmBody,
} from '../../../shared/schemas/households.ts';
import type { Orm } from '../../db/client.ts';
import type { UserContext } from '../../http/context.ts';
import { decodeTimeCursor, encodeKeyCursor } from '../../http/cursor.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { renderPlanPdf } from './pdf.ts';
import {
  type Access,
  decideAccess,
  goalLinkProblems,
  networkMemberProblems,
  notInFuture,
  notInPast,
  ownerProblems,
  timelineCategoriesFor,
  visibleParts,
} from './policy.ts';
import {
  personName,
  presentBridge,
  presentCaseloadItem,
  presentConsent,
  presentGoal,
  presentMember,
  presentNetworkMember,
  presentReferral,
  presentTimelineEvent,
  presentZrm,
} from './presenter.ts';
import * as repo from './repository.ts';

/** What the household plan needs besides the database: today's date (injectable for tests). */
export type HouseholdDeps = { today: () => string };

const purpose = PURPOSES.householdPlan;

// --- Errors with stable types ------------------------------------------------------------------------------

const staleCase = () =>
  new ProblemError(
    409,
    'huishouden-gewijzigd',
    'Conflict',
    'Someone else changed this household since you opened it (for example, another regisseur took it over). ' +
      'Reload the household to see the change, then try again.',
  );
const closedCase = () =>
  new ProblemError(
    409,
    'huishouden-gesloten',
    'Conflict',
    'This household plan is closed and cannot change.',
  );
const notRegisseur = () =>
  new ProblemError(
    403,
    'niet-de-regisseur',
    'Forbidden',
    'Only the regisseur of this household can change the plan. Ask for a hand-over first.',
  );
export const noConsent = () =>
  new ProblemError(
    403,
    'geen-toestemming',
    'Forbidden',
    'The resident has not given (or has withdrawn) consent to share this plan with you.',
  );
const staleGoal = () =>
  new ProblemError(
    409,
    'doel-gewijzigd',
    'Conflict',
    'Someone else changed this goal. Reload and try again.',
  );
const staleReferral = () =>
  new ProblemError(
    409,
    'verwijzing-gewijzigd',
    'Conflict',
    'Someone else changed this referral. Reload and try again.',
  );
const invalid = (detail: string, params: InvalidParam[]) => problems.badRequest(detail, params);

function check(detail: string, params: InvalidParam[]) {
  if (params.length > 0) throw invalid(detail, params);
}

// --- Loading with policy -----------------------------------------------------------------------------------

/**
 * A case created elsewhere (the warm handover of vroegsignalering) has no members yet: take them from the BRP,
 * label it and make its members known residents. Runs in the caller's transaction; exported so the follow-up can
 * call it in the handover's own transaction.
 */
export async function adoptHouseholdCase(tx: Orm, ctx: UserContext, caseId: string): Promise<boolean> {
  const c = await repo.findCase(tx, ctx.municipalityId, caseId);
  return c ? adoptIfNeeded(tx, ctx, c) : false;
}

/** Adopts the case when it came from elsewhere (a BRP household, no label yet, no members); true when it did. */
async function adoptIfNeeded(tx: Orm, ctx: UserContext, c: repo.CaseRow): Promise<boolean> {
  // Plans opened here always have a label; only a case opened elsewhere can still lack its members.
  if (!c.household_id || c.label !== '') return false;
  if ((await repo.countMembers(tx, ctx.municipalityId, c.id)) > 0) return false;
  const brp = await repo.brpHousehold(tx, ctx.municipalityId, c.household_id);
  if (brp.length === 0) return false;
  await repo.insertMembers(
    tx,
    ctx.municipalityId,
    c.id,
    brp.map((p) => fromBrp(p, p.household_role)),
    null,
  );
  if (brp[0]) await repo.setLabel(tx, ctx.municipalityId, c.id, personName(brp[0]));
  await repo.syncKnownResidents(tx, ctx.municipalityId, c.id);
  await repo.insertTimelineEvent(tx, {
    municipalityId: ctx.municipalityId,
    caseId: c.id,
    category: 'huishouden',
    kind: 'leden_uit_brp',
    actorUserId: null,
    text: String(brp.length),
  });
  return true;
}

/** A case the caller may change: it exists here, is open, and the caller is its regisseur. Locks the row. */
export async function loadForChange(tx: Orm, ctx: UserContext, caseId: string) {
  const c = await repo.findCase(tx, ctx.municipalityId, caseId, { lock: true });
  if (!c) throw problems.notFound();
  if (c.status !== 'open') throw closedCase();
  if (c.regisseur_id !== ctx.actor.userId) throw notRegisseur();
  await adoptIfNeeded(tx, ctx, c);
  return c;
}

/** A case the caller may read, with what they may see of it. */
export async function loadForRead(tx: Orm, ctx: UserContext, caseId: string, today: string) {
  const c = await repo.findCase(tx, ctx.municipalityId, caseId);
  if (!c) throw problems.notFound();
  const links = ctx.actor.permissions.has('households:read')
    ? []
    : await repo.networkAccess(tx, ctx.municipalityId, caseId, ctx.actor.userId, today);
  const decision = decideAccess(
    ctx.actor.permissions,
    ctx.actor.userId,
    { regisseurId: c.regisseur_id, status: c.status },
    links,
  );
  if (!decision.ok) {
    if (decision.reason === 'no_consent') throw noConsent();
    throw problems.notFound();
  }
  const adopted =
    decision.access.level === 'professional' && c.status === 'open' && (await adoptIfNeeded(tx, ctx, c));
  return {
    c: adopted ? ((await repo.findCase(tx, ctx.municipalityId, caseId)) ?? c) : c,
    access: decision.access,
    networkMemberIds: links.map((l) => l.network_member_id),
  };
}

/**
 * Runs a read; when it is refused for lack of consent, the refusal is logged in a transaction of its own (the
 * read's transaction rolls back): someone in the network tried to open a plan the resident does not share.
 */
export async function readLogged<T>(
  db: Orm,
  ctx: UserContext,
  caseId: string,
  work: (tx: Orm) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (err) {
    if (err instanceof ProblemError && err.slug === 'geen-toestemming') {
      await db.transaction((tx) =>
        recordAudit(tx, ctx, {
          action: 'household.read_refused',
          purpose,
          subjectType: 'household_case',
          subjectIds: [caseId],
          details: { reason: 'no_consent' },
        }),
      );
    }
    throw err;
  }
}

type MemberLike = repo.MemberRow;

function fromBrp(p: repo.BrpMemberRow, role: string): repo.NewMember {
  return {
    personId: p.id,
    source: 'brp',
    voornamen: p.voornamen,
    voorvoegsel: p.voorvoegsel,
    geslachtsnaam: p.geslachtsnaam,
    geboortedatum: p.geboortedatum.includes('-00') ? null : p.geboortedatum,
    role,
    phone: null,
    email: null,
  };
}

/** Turns the member inputs into rows: BRP persons of this municipality, or entered people with a name. */
async function resolveMembers(
  tx: Orm,
  ctx: UserContext,
  inputs: readonly MemberInput[],
  field: (i: number) => string,
): Promise<repo.NewMember[]> {
  const out: repo.NewMember[] = [];
  const bad: InvalidParam[] = [];
  for (const [i, m] of inputs.entries()) {
    if (m.personId) {
      const p = await repo.brpPerson(tx, ctx.municipalityId, m.personId);
      if (!p) {
        bad.push({
          name: `${field(i)}.personId`,
          code: 'unknown_person',
          reason: 'Not a resident of this municipality',
        });
        continue;
      }
      out.push({ ...fromBrp(p, m.role), phone: m.phone ?? null, email: m.email ?? null });
      continue;
    }
    if (!m.voornamen)
      bad.push({ name: `${field(i)}.voornamen`, code: 'required', reason: 'Enter the first names' });
    if (!m.geslachtsnaam)
      bad.push({ name: `${field(i)}.geslachtsnaam`, code: 'required', reason: 'Enter the surname' });
    if (m.voornamen && m.geslachtsnaam) {
      out.push({
        personId: null,
        source: 'ingevoerd',
        voornamen: m.voornamen,
        voorvoegsel: m.voorvoegsel || null,
        geslachtsnaam: m.geslachtsnaam,
        geboortedatum: m.geboortedatum ?? null,
        role: m.role,
        phone: m.phone ?? null,
        email: m.email ?? null,
      });
    }
  }
  check('Some members are not valid.', bad);
  return out;
}

/** Appends to the household's timeline as the caller, and marks the case active (caseload order). */
export async function timeline(
  tx: Orm,
  ctx: UserContext,
  caseId: string,
  e: Omit<repo.TimelineInsert, 'municipalityId' | 'caseId' | 'actorUserId'>,
) {
  await repo.insertTimelineEvent(tx, {
    ...e,
    municipalityId: ctx.municipalityId,
    caseId,
    actorUserId: ctx.actor.userId,
  });
  await repo.touchCase(tx, ctx.municipalityId, caseId);
}

// --- The view ----------------------------------------------------------------------------------------------

const TIMELINE_FIRST_PAGE = 20;

async function buildView(
  tx: Orm,
  ctx: UserContext,
  c: repo.CaseRow,
  access: Access,
  networkMemberIds: readonly string[],
  today: string,
): Promise<HouseholdView> {
  const m = ctx.municipalityId;
  const parts = visibleParts(access);
  const fresh = c;
  const categories = timelineCategoriesFor(access);
  const bundle = await repo.viewBundle(tx, m, c.id, {
    members: parts.members,
    handovers: parts.regisseurHistory,
    network: parts.network,
    zrm: parts.zrm,
    goals: parts.goals,
    referrals: parts.referrals,
    timeline:
      parts.timeline && (categories === null || categories.length > 0)
        ? { categories, limit: TIMELINE_FIRST_PAGE + 1 }
        : null,
  });
  const { members, handovers, network, consents, zrm, bridge, goals, referrals } = bundle;
  const actions = bundle.actions ?? [];
  const events = bundle.events ?? [];
  const timelineRows = bundle.timeline;
  const own = new Set(networkMemberIds);
  return {
    id: fresh.id,
    label: fresh.label,
    status: fresh.status,
    version: fresh.version,
    openedAt: new Date(fresh.opened_at).toISOString(),
    closedAt: fresh.closed_at ? new Date(fresh.closed_at).toISOString() : null,
    planLanguage: fresh.plan_language,
    householdId: access.level === 'professional' ? fresh.household_id : null,
    openedFromMeldingId: access.level === 'professional' ? fresh.opened_from_melding_id : null,
    regisseur: fresh.regisseur_id ? { id: fresh.regisseur_id, name: fresh.regisseur_name ?? '' } : null,
    access: {
      level: access.level,
      categories: [...access.categories] as ConsentCategory[],
      canManage: access.canManage,
    },
    members: members?.map((x: MemberLike) => presentMember(x, { withBsn: access.withBsn })) ?? null,
    regisseurHistory:
      handovers?.map((h) => ({
        id: h.id,
        from: h.from_user_id ? { id: h.from_user_id, name: h.from_name ?? '' } : null,
        to: { id: h.to_user_id, name: h.to_name ?? '' },
        reason: h.reason,
        by: h.by_id ? { id: h.by_id, name: h.by_name ?? '' } : null,
        at: new Date(h.handed_over_at).toISOString(),
      })) ?? null,
    network: network?.map(presentNetworkMember) ?? null,
    consents: (parts.consents === 'all'
      ? consents
      : consents.filter((k) => own.has(k.network_member_id))
    ).map(presentConsent),
    zrm: zrm?.map(presentZrm) ?? null,
    bridge: bridge?.map(presentBridge) ?? null,
    goals:
      goals?.map((g) =>
        presentGoal(
          g,
          actions.filter((a) => a.goal_id === g.id),
          events.filter((e) => e.goal_id === g.id),
          today,
        ),
      ) ?? null,
    referrals: referrals?.map((r) => presentReferral(r, today)) ?? null,
    timeline: timelineRows ? timelinePage(timelineRows, TIMELINE_FIRST_PAGE) : null,
  };
}

function timelinePage(rows: repo.TimelineRow[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(presentTimelineEvent),
    nextCursor: rows.length > limit && last ? encodeKeyCursor([last.cursor_at, last.id]) : null,
  };
}

/** After a change: the view as the regisseur sees it, in the same transaction. */
async function viewAfterChange(tx: Orm, ctx: UserContext, caseId: string, deps: HouseholdDeps) {
  const { c, access, networkMemberIds } = await loadForRead(tx, ctx, caseId, deps.today());
  return buildView(tx, ctx, c, access, networkMemberIds, deps.today());
}

// --- Caseload and the household ----------------------------------------------------------------------------

export async function listCaseload(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  q: z.output<typeof CaseloadQuery>,
) {
  const today = deps.today();
  // A time the database would refuse (30 February) must be a 400, not a 500.
  const after = decodeTimeCursor(q.cursor);
  return db.transaction(async (tx) => {
    let rows: repo.CaseloadRow[];
    if (ctx.actor.permissions.has('households:read')) {
      rows = await repo.listCaseload(tx, {
        municipalityId: ctx.municipalityId,
        status: q.status,
        regisseur:
          q.regisseur === 'mij'
            ? { kind: 'user', id: ctx.actor.userId }
            : q.regisseur === 'geen'
              ? { kind: 'none' }
              : { kind: 'all' },
        today,
        after,
        limit: q.limit + 1,
      });
    } else if (ctx.actor.permissions.has('household_network:read')) {
      // A network member's own list: the open households whose resident shares something with them.
      rows =
        q.status === 'open' && !after
          ? await repo.listNetworkCases(tx, ctx.municipalityId, ctx.actor.userId, today)
          : [];
    } else {
      throw problems.forbidden();
    }
    const items = rows.slice(0, q.limit);
    await recordAudit(tx, ctx, {
      action: 'household.caseload',
      purpose,
      subjectType: 'household_case',
      subjectIds: items.map((r) => r.id),
      details: { regisseur: q.regisseur, status: q.status },
    });
    const last = items.at(-1);
    return {
      items: items.map(presentCaseloadItem),
      nextCursor: rows.length > q.limit && last ? encodeKeyCursor([last.cursor_at, last.id]) : null,
    };
  });
}

export async function listRegisseurs(db: Orm, ctx: UserContext) {
  return { items: await repo.listRegisseurs(db, ctx.municipalityId) };
}

export async function getHousehold(db: Orm, ctx: UserContext, deps: HouseholdDeps, id: string) {
  const today = deps.today();
  return readLogged(db, ctx, id, async (tx) => {
    const { c, access, networkMemberIds } = await loadForRead(tx, ctx, id, today);
    const view = await buildView(tx, ctx, c, access, networkMemberIds, today);
    await recordAudit(tx, ctx, {
      action: 'household.read',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(view.members ?? []).map((x) => x.personId).filter((p): p is string => p !== null)],
      details: { level: access.level, categories: [...access.categories] },
    });
    return view;
  });
}

export async function listTimeline(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  q: z.output<typeof TimelineQuery>,
) {
  const today = deps.today();
  const after = decodeTimeCursor(q.cursor);
  return readLogged(db, ctx, id, async (tx) => {
    const { access } = await loadForRead(tx, ctx, id, today);
    if (access.level === 'netwerk' && !access.categories.has('tijdlijn')) throw noConsent();
    const allowed = timelineCategoriesFor(access);
    const categories = q.categorie
      ? allowed === null || allowed.includes(q.categorie)
        ? [q.categorie]
        : []
      : allowed;
    const rows =
      categories !== null && categories.length === 0
        ? []
        : await repo.timelineOf(tx, {
            municipalityId: ctx.municipalityId,
            caseId: id,
            categories,
            after,
            limit: q.limit + 1,
          });
    await recordAudit(tx, ctx, {
      action: 'household.timeline',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id],
      details: { categorie: q.categorie ?? null },
    });
    return timelinePage(rows, q.limit);
  });
}

export async function openHousehold(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  body: z.output<typeof HouseholdCreateBody>,
) {
  return db.transaction(async (tx) => {
    const regisseurId = body.regisseurId ?? ctx.actor.userId;
    if (!(await repo.isRegisseur(tx, ctx.municipalityId, regisseurId))) {
      throw invalid('Choose a regisseur of this municipality.', [
        { name: 'body.regisseurId', code: 'not_a_regisseur', reason: 'Not a regisseur of this municipality' },
      ]);
    }
    let brp: repo.BrpMemberRow[] = [];
    if (body.householdId) {
      if (!(await repo.householdExists(tx, ctx.municipalityId, body.householdId))) {
        throw invalid('Unknown household.', [
          {
            name: 'body.householdId',
            code: 'unknown_household',
            reason: 'Not a household of this municipality',
          },
        ]);
      }
      const existing = await repo.openCaseOfHousehold(tx, ctx.municipalityId, body.householdId);
      if (existing) throw householdHasPlan(existing.id);
      brp = await repo.brpHousehold(tx, ctx.municipalityId, body.householdId);
    } else if (body.members.length === 0) {
      throw invalid('Add the members of the household, or choose a household from the BRP.', [
        { name: 'body.members', code: 'required', reason: 'At least one member' },
      ]);
    }
    const entered = await resolveMembers(tx, ctx, body.members, (i) => `body.members.${i}`);
    const members = [...brp.map((p) => fromBrp(p, p.household_role)), ...entered];
    const head = members.find((x) => x.role === 'hoofd') ?? members[0];
    const created = await repo.insertCase(tx, {
      municipalityId: ctx.municipalityId,
      householdId: body.householdId ?? null,
      regisseurId,
      label: head ? personName(head) : '',
      planLanguage: body.planLanguage,
      createdBy: ctx.actor.userId,
    });
    if (!created) {
      // A colleague opened a plan for this household a moment ago.
      const other = body.householdId
        ? await repo.openCaseOfHousehold(tx, ctx.municipalityId, body.householdId)
        : undefined;
      throw householdHasPlan(other?.id ?? null);
    }
    await repo.insertMembers(tx, ctx.municipalityId, created.id, members, ctx.actor.userId);
    await repo.insertHandover(tx, {
      municipalityId: ctx.municipalityId,
      caseId: created.id,
      fromUserId: null,
      toUserId: regisseurId,
      reason: 'Huishoudplan geopend',
      by: ctx.actor.userId,
    });
    await repo.syncKnownResidents(tx, ctx.municipalityId, created.id);
    await timeline(tx, ctx, created.id, {
      category: 'huishouden',
      kind: 'huishouden_geopend',
      text: String(members.length),
    });
    await recordAudit(tx, ctx, {
      action: 'household.open',
      purpose,
      subjectType: 'household_case',
      subjectIds: [created.id, ...members.map((x) => x.personId).filter((p): p is string => p !== null)],
      details: { fromBrp: brp.length, entered: entered.length, regisseurId },
    });
    return viewAfterChange(tx, ctx, created.id, deps);
  });
}

const householdHasPlan = (id: string | null) =>
  new ProblemError(
    409,
    'huishouden-heeft-plan',
    'Conflict',
    'This household already has an open plan. Open that plan instead.',
    undefined,
    { householdCaseId: id },
  );

export async function handOverRegisseur(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof RegisseurHandoverBody>,
) {
  return db.transaction(async (tx) => {
    const c = await repo.findCase(tx, ctx.municipalityId, id, { lock: true });
    if (!c) throw problems.notFound();
    // The version first: of two regisseurs acting at once, the second learns that someone else was quicker.
    if (c.version !== body.version) throw staleCase();
    if (c.status !== 'open') throw closedCase();
    // Only the current regisseur hands over; a household without one may be taken by any regisseur.
    if (c.regisseur_id !== null && c.regisseur_id !== ctx.actor.userId) throw notRegisseur();
    if (!(await repo.isRegisseur(tx, ctx.municipalityId, body.regisseurId))) {
      throw invalid('Choose a regisseur of this municipality.', [
        { name: 'body.regisseurId', code: 'not_a_regisseur', reason: 'Not a regisseur of this municipality' },
      ]);
    }
    if (body.regisseurId === c.regisseur_id) {
      throw invalid('This is already the regisseur.', [
        { name: 'body.regisseurId', code: 'same_regisseur', reason: 'Choose another regisseur' },
      ]);
    }
    if (!(await repo.setRegisseur(tx, ctx.municipalityId, id, body.version, body.regisseurId)))
      throw staleCase();
    const handover = await repo.insertHandover(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      fromUserId: c.regisseur_id,
      toUserId: body.regisseurId,
      reason: body.reason,
      by: ctx.actor.userId,
    });
    await adoptHouseholdCase(tx, ctx, id);
    await repo.syncKnownResidents(tx, ctx.municipalityId, id);
    await timeline(tx, ctx, id, {
      category: 'huishouden',
      kind: 'regisseur_overgedragen',
      subjectId: body.regisseurId,
      text: body.reason,
    });
    await recordAudit(tx, ctx, {
      action: 'household.regisseur_handover',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(handover ? [handover.id] : [])],
      details: { from: c.regisseur_id, to: body.regisseurId },
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

export async function closeHousehold(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof CloseHouseholdBody>,
) {
  return db.transaction(async (tx) => {
    const c = await repo.findCase(tx, ctx.municipalityId, id, { lock: true });
    if (!c) throw problems.notFound();
    if (c.version !== body.version) throw staleCase();
    if (c.status !== 'open') throw closedCase();
    if (c.regisseur_id !== ctx.actor.userId) throw notRegisseur();
    if (!(await repo.closeCase(tx, ctx.municipalityId, id, body.version, body.reason))) throw staleCase();
    await repo.releaseKnownResidents(tx, ctx.municipalityId, id);
    await timeline(tx, ctx, id, { category: 'huishouden', kind: 'huishouden_gesloten', text: body.reason });
    await recordAudit(tx, ctx, {
      action: 'household.close',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id],
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

// --- Members and network -----------------------------------------------------------------------------------

export async function addMember(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: MemberInput,
) {
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    const [member] = await resolveMembers(tx, ctx, [body], () => 'body');
    if (!member) throw new Error('member not resolved');
    const inserted = await repo.insertMembers(tx, ctx.municipalityId, id, [member], ctx.actor.userId);
    if (inserted.length === 0) {
      throw invalid('This person is already a member of the household.', [
        { name: 'body.personId', code: 'already_member', reason: 'Already a member' },
      ]);
    }
    await repo.syncKnownResidents(tx, ctx.municipalityId, id);
    await timeline(tx, ctx, id, {
      category: 'huishouden',
      kind: 'lid_toegevoegd',
      subjectId: inserted[0]?.id ?? null,
      text: personName(member),
    });
    await recordAudit(tx, ctx, {
      action: 'household.member_add',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...inserted.map((r) => r.id), ...(member.personId ? [member.personId] : [])],
      details: { source: member.source },
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

export async function addNetworkMember(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof NetworkMemberBody>,
) {
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    const bad = networkMemberProblems(body);
    if (body.userId && !(await repo.findMemberUser(tx, ctx.municipalityId, body.userId))) {
      bad.push({ name: 'body.userId', code: 'unknown_user', reason: 'Not a user of this municipality' });
    }
    check('The network member is not valid.', bad);
    const row = await repo.insertNetworkMember(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      kind: body.kind,
      relation: body.relation,
      name: body.name,
      organisation: body.organisation || null,
      phone: body.phone || null,
      email: body.email ?? null,
      userId: body.userId ?? null,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, id, {
      category: 'netwerk',
      kind: 'netwerklid_toegevoegd',
      subjectId: row?.id ?? null,
      text: body.organisation ? `${body.name} (${body.organisation})` : body.name,
      details: { kind: body.kind, relation: body.relation },
    });
    await recordAudit(tx, ctx, {
      action: 'household.network_add',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(row ? [row.id] : [])],
      details: { kind: body.kind, relation: body.relation, withLogin: Boolean(body.userId) },
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

/** Ends a network membership; from that day the member's login no longer opens the plan. */
export async function endNetworkMember(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  networkMemberId: string,
  body: z.output<typeof NetworkMemberEndBody>,
) {
  return db.transaction(async (tx) => {
    const n = await repo.findNetworkMember(tx, ctx.municipalityId, networkMemberId);
    if (!n) throw problems.notFound();
    await loadForChange(tx, ctx, n.household_case_id);
    if (n.ended_on)
      throw new ProblemError(409, 'netwerklid-beeindigd', 'Conflict', 'This network member already left.');
    check('The end date is not valid.', notInFuture(body.endedOn, deps.today(), 'body.endedOn'));
    await repo.endNetworkMember(tx, ctx.municipalityId, networkMemberId, body.endedOn);
    await timeline(tx, ctx, n.household_case_id, {
      category: 'netwerk',
      kind: 'netwerklid_beeindigd',
      subjectId: networkMemberId,
      text: n.name,
    });
    await recordAudit(tx, ctx, {
      action: 'household.network_end',
      purpose,
      subjectType: 'household_case',
      subjectIds: [n.household_case_id, networkMemberId],
    });
    return viewAfterChange(tx, ctx, n.household_case_id, deps);
  });
}

// --- Consent -----------------------------------------------------------------------------------------------

export async function giveConsent(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof ConsentBody>,
) {
  const today = deps.today();
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    const members = await repo.membersOf(tx, ctx.municipalityId, id);
    const network = await repo.networkOf(tx, ctx.municipalityId, id);
    const target = network.find((n) => n.id === body.networkMemberId);
    const bad: InvalidParam[] = [...notInFuture(body.givenOn, today, 'body.givenOn')];
    if (!target || target.ended_on) {
      bad.push({
        name: 'body.networkMemberId',
        code: 'not_in_network',
        reason: 'Not (or no longer) in the network of this household',
      });
    }
    if (!members.some((x) => x.id === body.givenByMemberId)) {
      bad.push({
        name: 'body.givenByMemberId',
        code: 'not_in_household',
        reason: 'Not a member of this household',
      });
    }
    check('The consent is not valid.', bad);
    const categories = [...new Set(body.categories)];
    const row = await repo.insertConsent(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      networkMemberId: body.networkMemberId,
      categories,
      purpose: body.purpose,
      givenOn: body.givenOn,
      givenByMemberId: body.givenByMemberId,
      recordedBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, id, {
      category: 'toestemming',
      kind: 'toestemming_gegeven',
      subjectId: row?.id ?? null,
      text: target?.name ?? '',
      details: { categories },
    });
    await recordAudit(tx, ctx, {
      action: 'household.consent_give',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(row ? [row.id] : []), body.networkMemberId],
      details: { categories, givenOn: body.givenOn },
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

export async function withdrawConsent(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  consentId: string,
  body: z.output<typeof ConsentWithdrawBody>,
) {
  const today = deps.today();
  return db.transaction(async (tx) => {
    const k = await repo.findConsent(tx, ctx.municipalityId, consentId);
    if (!k) throw problems.notFound();
    await loadForChange(tx, ctx, k.household_case_id);
    if (k.withdrawn_on) {
      throw new ProblemError(
        409,
        'toestemming-ingetrokken',
        'Conflict',
        'This consent was already withdrawn.',
      );
    }
    const members = await repo.membersOf(tx, ctx.municipalityId, k.household_case_id);
    const bad: InvalidParam[] = [...notInFuture(body.withdrawnOn, today, 'body.withdrawnOn')];
    if (body.withdrawnOn < k.given_on) {
      bad.push({
        name: 'body.withdrawnOn',
        code: 'before_given',
        reason: 'Consent cannot end before it was given',
      });
    }
    if (!members.some((x) => x.id === body.withdrawnByMemberId)) {
      bad.push({
        name: 'body.withdrawnByMemberId',
        code: 'not_in_household',
        reason: 'Not a member of this household',
      });
    }
    check('The withdrawal is not valid.', bad);
    await repo.withdrawConsent(tx, ctx.municipalityId, consentId, {
      on: body.withdrawnOn,
      byMemberId: body.withdrawnByMemberId,
      recordedBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, k.household_case_id, {
      category: 'toestemming',
      kind: 'toestemming_ingetrokken',
      subjectId: consentId,
      text: k.categories.join(', '),
    });
    await recordAudit(tx, ctx, {
      action: 'household.consent_withdraw',
      purpose,
      subjectType: 'household_case',
      subjectIds: [k.household_case_id, consentId, k.network_member_id],
      details: { withdrawnOn: body.withdrawnOn },
    });
    return viewAfterChange(tx, ctx, k.household_case_id, deps);
  });
}

// --- ZRM and the bridge ------------------------------------------------------------------------------------

export async function recordZrm(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof ZrmBody>,
) {
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    const bad = notInFuture(body.assessedOn, deps.today(), 'body.assessedOn');
    if (body.memberId) {
      const members = await repo.membersOf(tx, ctx.municipalityId, id);
      if (!members.some((x) => x.id === body.memberId))
        bad.push({
          name: 'body.memberId',
          code: 'not_in_household',
          reason: 'Not a member of this household',
        });
    }
    check('The assessment is not valid.', bad);
    const row = await repo.insertZrm(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      memberId: body.memberId ?? null,
      assessedOn: body.assessedOn,
      scores: body.scores,
      note: body.note || null,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, id, {
      category: 'zrm',
      kind: 'zrm_afgenomen',
      subjectId: row?.id ?? null,
      text: body.assessedOn,
    });
    await recordAudit(tx, ctx, {
      action: 'household.zrm_record',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(row ? [row.id] : [])],
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

export async function recordBridge(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof BridgeBody>,
) {
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    check('The assessment is not valid.', notInFuture(body.assessedOn, deps.today(), 'body.assessedOn'));
    const row = await repo.insertBridge(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      assessedOn: body.assessedOn,
      levels: body.levels,
      note: body.note || null,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, id, {
      category: 'zrm',
      kind: 'brug_bijgewerkt',
      subjectId: row?.id ?? null,
      text: body.assessedOn,
    });
    await recordAudit(tx, ctx, {
      action: 'household.bridge_record',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(row ? [row.id] : [])],
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

// --- Goals, actions, progress ------------------------------------------------------------------------------

export async function addGoal(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof GoalBody>,
) {
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    const members = await repo.membersOf(tx, ctx.municipalityId, id);
    const bad = [...notInPast(body.targetDate, deps.today(), 'body.targetDate'), ...goalLinkProblems(body)];
    if (!members.some((x) => x.id === body.chosenByMemberId)) {
      bad.push({
        name: 'body.chosenByMemberId',
        code: 'not_in_household',
        reason: 'The resident who chose the goal is not a member of this household',
      });
    }
    check('The goal is not valid.', bad);
    const row = await repo.insertGoal(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      title: body.title,
      description: body.description || null,
      zrmDomain: body.zrmDomain ?? null,
      pillar: body.pillar ?? null,
      chosenByMemberId: body.chosenByMemberId,
      targetDate: body.targetDate,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, id, {
      category: 'plan',
      kind: 'doel_gesteld',
      subjectId: row?.id ?? null,
      text: body.title,
    });
    await recordAudit(tx, ctx, {
      action: 'household.goal_add',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(row ? [row.id] : [])],
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

export async function updateGoal(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  goalId: string,
  body: z.output<typeof GoalPatchBody>,
) {
  const today = deps.today();
  return db.transaction(async (tx) => {
    const g = await repo.findGoal(tx, ctx.municipalityId, goalId);
    if (!g) throw problems.notFound();
    await loadForChange(tx, ctx, g.household_case_id);
    if (g.version !== body.version) throw staleGoal();
    const status = body.status ?? g.status;
    const targetDate = body.targetDate ?? g.target_date;
    const bad: InvalidParam[] = [];
    if (body.targetDate !== undefined && body.targetDate !== g.target_date)
      bad.push(...notInPast(body.targetDate, today, 'body.targetDate'));
    let reachedOn: string | null = status === 'bereikt' ? (body.reachedOn ?? g.reached_on ?? today) : null;
    if (status === 'bereikt') bad.push(...notInFuture(reachedOn ?? undefined, today, 'body.reachedOn'));
    else if (body.reachedOn !== undefined) {
      bad.push({
        name: 'body.reachedOn',
        code: 'not_reached',
        reason: 'Only a reached goal has a date it was reached',
      });
      reachedOn = null;
    }
    check('The goal is not valid.', bad);
    const recognition = status === 'bereikt' ? body.recognition || g.recognition || null : null;
    const ok = await repo.updateGoal(tx, ctx.municipalityId, goalId, body.version, {
      status,
      title: body.title ?? g.title,
      targetDate,
      reachedOn,
      recognition,
    });
    if (!ok) throw staleGoal();
    if (status !== g.status) {
      if (status === 'bereikt') {
        // The moment of recognition: visible in the plan as a progress event of its own.
        await repo.insertGoalEvent(tx, {
          municipalityId: ctx.municipalityId,
          caseId: g.household_case_id,
          goalId,
          kind: 'bereikt',
          note: recognition ?? g.title,
          occurredOn: reachedOn ?? today,
          createdBy: ctx.actor.userId,
        });
      }
      const kind =
        status === 'bereikt' ? 'doel_bereikt' : status === 'gestopt' ? 'doel_gestopt' : 'doel_heropend';
      await timeline(tx, ctx, g.household_case_id, {
        category: 'plan',
        kind,
        subjectId: goalId,
        text: body.title ?? g.title,
      });
    } else {
      await timeline(tx, ctx, g.household_case_id, {
        category: 'plan',
        kind: 'doel_gewijzigd',
        subjectId: goalId,
        text: body.title ?? g.title,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'household.goal_update',
      purpose,
      subjectType: 'household_case',
      subjectIds: [g.household_case_id, goalId],
      details: { from: g.status, to: status },
    });
    return viewAfterChange(tx, ctx, g.household_case_id, deps);
  });
}

export async function addAction(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  goalId: string,
  body: z.output<typeof ActionBody>,
) {
  return db.transaction(async (tx) => {
    const g = await repo.findGoal(tx, ctx.municipalityId, goalId);
    if (!g) throw problems.notFound();
    const c = await loadForChange(tx, ctx, g.household_case_id);
    if (g.status !== 'actief') {
      throw new ProblemError(
        409,
        'doel-niet-actief',
        'Conflict',
        'This goal is reached or stopped; add actions to an active goal.',
      );
    }
    const [members, network] = [
      await repo.membersOf(tx, ctx.municipalityId, c.id),
      await repo.networkOf(tx, ctx.municipalityId, c.id),
    ];
    const today = deps.today();
    const bad = [
      ...notInPast(body.dueDate, today, 'body.dueDate'),
      ...ownerProblems(body.owner, {
        memberIds: new Set(members.map((x) => x.id)),
        activeNetworkIds: new Set(network.filter((n) => !n.ended_on || n.ended_on > today).map((n) => n.id)),
        hasRegisseur: c.regisseur_id !== null,
      }),
    ];
    check('The action is not valid.', bad);
    const row = await repo.insertAction(tx, {
      municipalityId: ctx.municipalityId,
      caseId: c.id,
      goalId,
      description: body.description,
      ownerKind: body.owner.kind,
      ownerMemberId: body.owner.kind === 'bewoner' ? body.owner.memberId : null,
      ownerNetworkMemberId: body.owner.kind === 'netwerk' ? body.owner.networkMemberId : null,
      ownerUserId: body.owner.kind === 'regisseur' ? c.regisseur_id : null,
      dueDate: body.dueDate,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, c.id, {
      category: 'plan',
      kind: 'actie_toegevoegd',
      subjectId: row?.id ?? null,
      text: body.description,
    });
    await recordAudit(tx, ctx, {
      action: 'household.action_add',
      purpose,
      subjectType: 'household_case',
      subjectIds: [c.id, goalId, ...(row ? [row.id] : [])],
      details: { owner: body.owner.kind },
    });
    return viewAfterChange(tx, ctx, c.id, deps);
  });
}

export async function updateAction(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  actionId: string,
  body: z.output<typeof ActionPatchBody>,
) {
  return db.transaction(async (tx) => {
    const a = await repo.findAction(tx, ctx.municipalityId, actionId);
    if (!a) throw problems.notFound();
    await loadForChange(tx, ctx, a.household_case_id);
    if (a.status !== body.status) {
      await repo.setActionStatus(
        tx,
        ctx.municipalityId,
        actionId,
        body.status,
        body.status === 'gedaan' ? deps.today() : null,
      );
      const kind =
        body.status === 'gedaan'
          ? 'actie_gedaan'
          : body.status === 'vervallen'
            ? 'actie_vervallen'
            : 'actie_heropend';
      await timeline(tx, ctx, a.household_case_id, {
        category: 'plan',
        kind,
        subjectId: actionId,
        text: a.description,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'household.action_update',
      purpose,
      subjectType: 'household_case',
      subjectIds: [a.household_case_id, actionId],
      details: { from: a.status, to: body.status },
    });
    return viewAfterChange(tx, ctx, a.household_case_id, deps);
  });
}

export async function addGoalEvent(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  goalId: string,
  body: z.output<typeof GoalEventBody>,
) {
  return db.transaction(async (tx) => {
    const g = await repo.findGoal(tx, ctx.municipalityId, goalId);
    if (!g) throw problems.notFound();
    await loadForChange(tx, ctx, g.household_case_id);
    check('The progress is not valid.', notInFuture(body.occurredOn, deps.today(), 'body.occurredOn'));
    const row = await repo.insertGoalEvent(tx, {
      municipalityId: ctx.municipalityId,
      caseId: g.household_case_id,
      goalId,
      kind: body.kind,
      note: body.note,
      occurredOn: body.occurredOn,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, g.household_case_id, {
      category: 'plan',
      kind: body.kind,
      subjectId: goalId,
      text: body.note,
    });
    await recordAudit(tx, ctx, {
      action: 'household.goal_progress',
      purpose,
      subjectType: 'household_case',
      subjectIds: [g.household_case_id, goalId, ...(row ? [row.id] : [])],
      details: { kind: body.kind },
    });
    return viewAfterChange(tx, ctx, g.household_case_id, deps);
  });
}

// --- Referrals ---------------------------------------------------------------------------------------------

export async function addReferral(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  body: z.output<typeof ReferralBody>,
) {
  const today = deps.today();
  return db.transaction(async (tx) => {
    await loadForChange(tx, ctx, id);
    const members = await repo.membersOf(tx, ctx.municipalityId, id);
    const bad: InvalidParam[] = [
      ...notInFuture(body.consent.givenOn, today, 'body.consent.givenOn'),
      ...notInPast(body.remindOn, today, 'body.remindOn'),
    ];
    if (!members.some((x) => x.id === body.consent.memberId)) {
      bad.push({
        name: 'body.consent.memberId',
        code: 'not_in_household',
        reason: 'Not a member of this household',
      });
    }
    if (body.target === 'overig' && !body.organisation) {
      bad.push({
        name: 'body.organisation',
        code: 'required',
        reason: 'Name the organisation the household is referred to',
      });
    }
    if (body.goalId) {
      const g = await repo.findGoal(tx, ctx.municipalityId, body.goalId);
      if (!g || g.household_case_id !== id)
        bad.push({ name: 'body.goalId', code: 'unknown_goal', reason: 'Not a goal of this household' });
    }
    check('The referral is not valid.', bad);
    const row = await repo.insertReferral(tx, {
      municipalityId: ctx.municipalityId,
      caseId: id,
      goalId: body.goalId ?? null,
      kind: referralKind(body.target),
      target: body.target,
      organisation: body.organisation || null,
      reason: body.reason,
      remindOn: body.remindOn ?? null,
      consentGivenOn: body.consent.givenOn,
      consentMemberId: body.consent.memberId,
      consentShared: body.consent.shared,
      createdBy: ctx.actor.userId,
    });
    await timeline(tx, ctx, id, {
      category: 'verwijzing',
      kind: 'verwijzing_verzonden',
      subjectId: row?.id ?? null,
      text: body.organisation || body.target,
      details: { target: body.target },
    });
    await recordAudit(tx, ctx, {
      action: 'household.referral_add',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id, ...(row ? [row.id] : [])],
      details: { target: body.target, consentGivenOn: body.consent.givenOn },
    });
    return viewAfterChange(tx, ctx, id, deps);
  });
}

export async function updateReferral(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  referralId: string,
  body: z.output<typeof ReferralPatchBody>,
) {
  return db.transaction(async (tx) => {
    const r = await repo.findReferral(tx, ctx.municipalityId, referralId);
    if (!r) throw problems.notFound();
    await loadForChange(tx, ctx, r.household_case_id);
    if (r.version !== body.version) throw staleReferral();
    const today = deps.today();
    const bad = [
      ...notInFuture(body.repliedOn, today, 'body.repliedOn'),
      ...(body.remindOn ? notInPast(body.remindOn, today, 'body.remindOn') : []),
    ];
    check('The referral is not valid.', bad);
    const status = body.status ?? r.status;
    const ok = await repo.updateReferral(tx, ctx.municipalityId, referralId, body.version, {
      status,
      reply: body.reply === undefined ? r.reply : body.reply || null,
      repliedOn: body.repliedOn ?? (body.reply && !r.replied_on ? today : r.replied_on),
      remindOn: body.remindOn === undefined ? r.remind_on : body.remindOn,
    });
    if (!ok) throw staleReferral();
    await timeline(tx, ctx, r.household_case_id, {
      category: 'verwijzing',
      kind: status !== r.status ? `verwijzing_${status}` : 'verwijzing_bijgewerkt',
      subjectId: referralId,
      text: r.organisation || r.target,
    });
    await recordAudit(tx, ctx, {
      action: 'household.referral_update',
      purpose,
      subjectType: 'household_case',
      subjectIds: [r.household_case_id, referralId],
      details: { from: r.status, to: status },
    });
    return viewAfterChange(tx, ctx, r.household_case_id, deps);
  });
}

// --- The printable plan ------------------------------------------------------------------------------------

export async function exportPlanPdf(
  db: Orm,
  ctx: UserContext,
  deps: HouseholdDeps,
  id: string,
  lang: PlanLanguage,
): Promise<Buffer> {
  const today = deps.today();
  const view = await readLogged(db, ctx, id, async (tx) => {
    const { c, access, networkMemberIds } = await loadForRead(tx, ctx, id, today);
    if (access.level === 'netwerk' && !access.categories.has('plan')) throw noConsent();
    const v = await buildView(tx, ctx, c, access, networkMemberIds, today);
    await recordAudit(tx, ctx, {
      action: 'household.plan_pdf',
      purpose,
      subjectType: 'household_case',
      subjectIds: [id],
      details: { lang },
    });
    return v;
  });
  return renderPlanPdf(view, lang, today);
}
